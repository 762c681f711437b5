"""``kakehashi desk``: escalation group, per-priority targets and surveys, the rules in force
(a real subprocess on a real database)."""

from __future__ import annotations

import json

from sqlalchemy import select

from gateway.db import Database
from gateway.models import Agent, LanguageQueue
from tests.gateway.test_auth_web import make_agent
from tests.gateway.test_cli import kakehashi


def test_desk_commands_set_the_group_the_queue_and_show_the_rules(
    database: Database, database_url: str
) -> None:
    make_agent(database, email="kimura@example.jp", name="木村")
    joined = kakehashi("desk", "escalation-group", "kimura@example.jp", database_url=database_url)
    assert joined.returncode == 0, joined.stderr
    unknown = kakehashi("desk", "escalation-group", "nobody@example.jp", database_url=database_url)
    assert unknown.returncode != 0
    queue = kakehashi(
        "desk",
        "queue",
        "en",
        "--priority-target",
        "urgent=4",
        "--priority-target",
        "high=12",
        "--no-survey",
        database_url=database_url,
    )
    assert queue.returncode == 0, queue.stderr
    assert json.loads(queue.stdout)["priority_target_hours"] == {"urgent": 4.0, "high": 12.0}
    bad = kakehashi("desk", "queue", "en", "--priority-target", "soon=1", database_url=database_url)
    assert bad.returncode != 0
    with database.session() as session:
        agent = session.scalars(select(Agent)).one()
        assert agent.escalation_group is True
        row = session.scalars(select(LanguageQueue).where(LanguageQueue.language == "en")).one()
        assert row.csat_survey is False
        assert row.priority_target_hours == {"urgent": 4.0, "high": 12.0}
    rules = kakehashi("desk", "rules", database_url=database_url)
    assert rules.returncode == 0, rules.stderr
    damaged = next(rule for rule in json.loads(rules.stdout) if rule["tags"] == ["破損"])
    assert "damaged" in damaged["keywords"]
    assert damaged["priority"] == "high"
