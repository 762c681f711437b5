"""The ``kakehashi`` command line, run as a user runs it (a real subprocess on a real database)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gateway.auth.passwords import verify_password
from gateway.auth.tokens import find_token
from gateway.db import Database
from gateway.models import Agent, Conversation


def kakehashi(
    *args: str,
    database_url: str,
    stdin: str = "",
    cwd: Path | None = None,
    locale: str = "C.UTF-8",
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAKEHASHI_DATABASE_URL": database_url, "LC_ALL": locale}
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_token_create_prints_a_token_that_authenticates(
    database: Database, database_url: str
) -> None:
    result = kakehashi("token", "create", "--name", "shop", database_url=database_url)
    assert result.returncode == 0, result.stderr
    clear = result.stdout.strip()
    assert clear.startswith("kh_")
    with database.session() as session:
        token = find_token(session, clear)
        assert token is not None
        assert token.name == "shop"
        assert clear not in token.token_hash


def test_agent_create_reads_the_password_from_stdin(database: Database, database_url: str) -> None:
    result = kakehashi(
        "agent",
        "create",
        "--email",
        "Sato@Shop.example",
        "--name",
        "佐藤",
        "--role",
        "admin",
        database_url=database_url,
        stdin="correct horse battery\n",
    )
    assert result.returncode == 0, result.stderr
    with database.session() as session:
        agent = session.scalars(select(Agent)).one()
        assert (agent.email, agent.name, agent.role) == ("sato@shop.example", "佐藤", "admin")
        assert verify_password(agent.password_hash, "correct horse battery")
    again = kakehashi(
        "agent",
        "create",
        "--email",
        "sato@shop.example",
        "--name",
        "x",
        database_url=database_url,
        stdin="another long password\n",
    )
    assert again.returncode != 0
    assert "already exists" in again.stderr


def test_agent_create_refuses_a_short_password(database: Database, database_url: str) -> None:
    result = kakehashi(
        "agent",
        "create",
        "--email",
        "a@shop.example",
        "--name",
        "A",
        database_url=database_url,
        stdin="short\n",
    )
    assert result.returncode == 2
    assert "at least 10 characters" in result.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_db_upgrade_creates_a_fresh_database(tmp_path: Path, database_url: str) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = kakehashi("db", "upgrade", database_url=url)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert (tmp_path / "fresh.db").exists()


def test_demo_loads_inquiries_in_many_languages_once(database: Database, database_url: str) -> None:
    first = kakehashi("demo", database_url=database_url)
    assert first.returncode == 0, first.stderr
    assert "/login" in first.stdout
    second = kakehashi("demo", database_url=database_url)
    assert second.returncode == 0, second.stderr
    assert "0 new conversation(s)" in second.stdout
    with database.session() as session:
        languages = set(session.scalars(select(Conversation.language)))
        count = session.scalar(select(func.count()).select_from(Conversation))
    assert count is not None
    assert count >= 40
    assert {"en", "zh-Hant", "zh-Hans", "ko", "th", "vi"} <= languages
    again = kakehashi("demo", "--reset", database_url=database_url)
    assert again.returncode == 0, again.stderr
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == count


def test_queue_set_changes_the_target_of_running_clocks(
    database: Database, database_url: str
) -> None:
    from gateway.intake.service import Inquiry, receive_inquiry
    from gateway.models import Channel
    from gateway.settings import get_settings

    with database.session() as session:
        received = receive_inquiry(
            session,
            Inquiry(channel=Channel.API, text="Hello, where is my order 48812 please?"),
            settings=get_settings(),
        )
        conversation_id = received.conversation.id
        before = received.conversation.sla_due_at
    result = kakehashi(
        "queue",
        "set",
        "en",
        "--target-hours",
        "4",
        "--closed",
        "2026-12-29..2026-12-31",
        database_url=database_url,
    )
    assert result.returncode == 0, result.stderr
    assert "applied to 1 open conversation" in result.stdout
    listing = kakehashi("queue", "list", database_url=database_url)
    assert "target 4 h" in listing.stdout
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert before is not None
        assert conversation.sla_due_at is not None
        assert before - conversation.sla_due_at == timedelta(hours=20)
        assert conversation.queue.closed_dates == ["2026-12-29", "2026-12-30", "2026-12-31"]
    bad = kakehashi("queue", "set", "klingon", database_url=database_url)
    assert bad.returncode == 2
    assert "BCP 47" in bad.stderr


def test_messages_follow_the_operators_locale(database: Database, database_url: str) -> None:
    empty = kakehashi("queue", "list", database_url=database_url, locale="ja_JP.UTF-8")
    assert empty.returncode == 0, empty.stderr
    assert "キューはまだありません" in empty.stdout
    changed = kakehashi(
        "queue",
        "set",
        "ko",
        "--target-hours",
        "12",
        database_url=database_url,
        locale="ja_JP.UTF-8",
    )
    assert changed.returncode == 0, changed.stderr
    assert "キュー ko を更新しました。" in changed.stdout
    listing = kakehashi("queue", "list", database_url=database_url, locale="ja_JP.UTF-8")
    assert "目標 12 時間、24 時間" in listing.stdout
    bad_dates = kakehashi(
        "queue", "set", "ko", "--closed", "12/29", database_url=database_url, locale="ja_JP.UTF-8"
    )
    assert bad_dates.returncode == 2
    assert "YYYY-MM-DD か YYYY-MM-DD..YYYY-MM-DD の形で" in bad_dates.stderr
    short = kakehashi(
        "agent",
        "create",
        "--email",
        "sato@example.jp",
        "--name",
        "佐藤",
        stdin="short\n",
        database_url=database_url,
        locale="ja_JP.UTF-8",
    )
    assert short.returncode == 2
    assert "パスワードは 10 文字以上にしてください" in short.stderr
    english = kakehashi("queue", "list", database_url=database_url, locale="en_US.UTF-8")
    assert "target 12 h, round the clock" in english.stdout
