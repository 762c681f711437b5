"""The KPI report over seeded conversations with known times: the API, the page and the CSV
agree with the conversations behind them, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.models import (
    Agent,
    Conversation,
    CsatSurvey,
    Customer,
    DeskEvent,
    LanguageQueue,
    SlaEvent,
)
from tests.gateway.test_auth_web import make_agent, sign_in

H = 3600.0


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 3, 0, tzinfo=UTC)


def seed(database: Database) -> tuple[int, int]:
    """Five conversations with known times (one outside the period); returns the agents' ids."""
    ono = make_agent(database, email="ono@example.jp", name="小野")
    mori = make_agent(database, email="mori@example.jp", name="森")
    with database.session() as session:
        queues = {
            lang: LanguageQueue(language=lang, name_ja=lang, target_hours=24)
            for lang in ("en", "zh-Hant")
        }
        session.add_all(queues.values())
        session.flush()

        def conversation(
            n: int,
            lang: str,
            created: datetime,
            *,
            agent: int,
            responded_h: float | None,
            resolved_h: float | None,
            reopened: bool = False,
            escalated: bool = False,
            rating: str | None = None,
        ) -> None:
            customer = Customer(email=f"buyer{n}@example.com", name=f"Buyer {n}")
            session.add(customer)
            session.flush()
            resolved_now = resolved_h is not None and not reopened
            row = Conversation(
                customer_id=customer.id,
                queue_id=queues[lang].id,
                channel="email",
                language=lang,
                status="resolved" if resolved_now else "open",
                assignee_id=agent,
                created_at=created,
                last_message_at=created,
                first_response_due_at=created + timedelta(hours=24),
                first_responded_at=None
                if responded_h is None
                else created + timedelta(hours=responded_h),
                resolved_at=created + timedelta(hours=resolved_h)
                if resolved_now and resolved_h is not None
                else None,
            )
            session.add(row)
            session.flush()
            session.add(SlaEvent(conversation_id=row.id, kind="buyer_message", at=created))
            if resolved_h is not None:
                at = created + timedelta(hours=resolved_h)
                session.add(SlaEvent(conversation_id=row.id, kind="resolved", at=at))
                if reopened:
                    later = at + timedelta(hours=2)
                    session.add(SlaEvent(conversation_id=row.id, kind="buyer_message", at=later))
            if escalated:
                session.add(
                    DeskEvent(
                        conversation_id=row.id, kind="escalated", reason="返金判断", at=created
                    )
                )
            if rating:
                session.add(
                    CsatSurvey(
                        conversation_id=row.id,
                        agent_id=agent,
                        queue_id=queues[lang].id,
                        language=lang,
                        nonce="n",
                        rating=rating,
                        answered_at=created + timedelta(days=1),
                    )
                )

        conversation(
            1, "en", _at(2), agent=ono, responded_h=1, resolved_h=5, escalated=True,
            rating="satisfied",
        )  # fmt: skip
        conversation(
            2, "en", _at(3), agent=ono, responded_h=30, resolved_h=40, reopened=True,
            rating="unsatisfied",
        )  # fmt: skip
        conversation(3, "en", _at(4), agent=mori, responded_h=None, resolved_h=None)
        conversation(
            4, "zh-Hant", _at(5), agent=mori, responded_h=2, resolved_h=3, rating="satisfied"
        )
        conversation(5, "en", _at(20, month=10), agent=mori, responded_h=1, resolved_h=2)
    return ono, mori


EXPECTED_BY_QUEUE = {
    "en": {
        "received": 3,
        "median_first_response_seconds": (1 * H + 30 * H) / 2,
        "within_target_ratio": 0.5,
        "median_resolution_seconds": 5 * H,
        "resolution_rate": 1 / 3,
        "reopen_rate": 0.5,
        "escalation_rate": 1 / 3,
        "csat_responses": 2,
        "csat_satisfied_ratio": 0.5,
    },
    "zh-Hant": {
        "received": 1,
        "median_first_response_seconds": 2 * H,
        "within_target_ratio": 1.0,
        "median_resolution_seconds": 3 * H,
        "resolution_rate": 1.0,
        "reopen_rate": 0.0,
        "escalation_rate": 0.0,
        "csat_responses": 1,
        "csat_satisfied_ratio": 1.0,
    },
}


def _check(row: dict[str, object], expected: dict[str, float]) -> None:
    for field, value in expected.items():
        assert row[field] == pytest.approx(value), field


def test_the_report_api_per_queue_matches_the_seeded_conversations(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    seed(database)
    response = client.get(
        "/api/v1/reports", params={"from": "2026-11-01", "to": "2026-11-30"}, headers=auth
    )
    assert response.status_code == 200, response.text
    rows = {row["queue"]: row for row in response.json()["rows"]}
    assert set(rows) == {"en", "zh-Hant"}
    for queue, expected in EXPECTED_BY_QUEUE.items():
        _check(rows[queue], expected)
    october = client.get(
        "/api/v1/reports", params={"from": "2026-10-01", "to": "2026-10-31"}, headers=auth
    ).json()
    assert [(r["queue"], r["received"]) for r in october["rows"]] == [("en", 1)]


def test_the_report_api_per_agent(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    ono, mori = seed(database)
    body = client.get(
        "/api/v1/reports",
        params={"from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z", "group_by": "agent"},
        headers=auth,
    ).json()
    rows = {row["agent_id"]: row for row in body["rows"]}
    assert rows[ono]["agent_name"] == "小野"
    _check(
        rows[ono],
        {
            "received": 2,
            "median_first_response_seconds": 15.5 * H,
            "within_target_ratio": 0.5,
            "median_resolution_seconds": 5 * H,
            "resolution_rate": 0.5,
            "reopen_rate": 0.5,
            "escalation_rate": 0.5,
            "csat_responses": 2,
            "csat_satisfied_ratio": 0.5,
        },
    )
    _check(
        rows[mori],
        {
            "received": 2,
            "median_first_response_seconds": 2 * H,
            "within_target_ratio": 1.0,
            "median_resolution_seconds": 3 * H,
            "resolution_rate": 0.5,
            "reopen_rate": 0.0,
            "escalation_rate": 0.0,
            "csat_responses": 1,
            "csat_satisfied_ratio": 1.0,
        },
    )
    assert body["total"]["received"] == 4


def test_the_report_refuses_a_period_it_cannot_read(
    client: TestClient, auth: dict[str, str]
) -> None:
    for params in ({"from": "November"}, {"from": "2026-12-01", "to": "2026-11-01"}):
        assert client.get("/api/v1/reports", params=params, headers=auth).status_code == 422
    assert (
        client.get("/api/v1/reports", params={"group_by": "day"}, headers=auth).status_code == 422
    )
    assert client.get("/api/v1/reports").status_code == 401
    empty = client.get("/api/v1/reports", headers=auth).json()
    assert empty["rows"] == []


def test_the_report_page_and_csv_show_the_same_figures(
    client: TestClient, database: Database
) -> None:
    seed(database)
    with database.session() as session:
        session.add(Agent(email="sato@example.jp", name="佐藤", password_hash="x"))
    make_agent(database, email="ito@example.jp", name="伊藤")
    sign_in(client, email="ito@example.jp")
    page = client.get("/inbox/reports", params={"from": "2026-11-01", "to": "2026-11-30"}).text
    assert "受付件数" in page
    assert "エスカレーション率" in page
    assert '<td data-metric="median_first_response_seconds">15.5h</td>' in page
    assert '<td data-metric="escalation_rate">33%</td>' in page
    assert page.count('<svg class="bars"') == 9  # a chart per figure
    exported = client.get(
        "/inbox/reports/export.csv", params={"from": "2026-11-01", "to": "2026-11-30"}
    )
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    by_group = {row["group"]: row for row in rows}
    assert by_group["en"]["received"] == "3"
    assert float(by_group["en"]["median_first_response_seconds"]) == 15.5 * H
    assert float(by_group["zh-Hant"]["csat_satisfied_ratio"]) == 1.0
    assert by_group["total"]["received"] == "4"
