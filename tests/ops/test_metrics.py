"""Prometheus metrics as a scrape reads them, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from gateway.app import create_app
from gateway.auth.tokens import create_token
from gateway.db import Database, set_database
from gateway.models import Conversation, WorkItem
from gateway.settings import Settings
from gateway.translations.engine import set_engine
from gateway.translations.tasks import KIND as TRANSLATE
from gateway.translations.tasks import TranslateMessages
from gateway.workers import queue
from gateway.workers.runner import WorkerPool
from translation.packages import install_file

MODELS = Path(__file__).parent.parent / "fixtures" / "models"
TAIWAN = "請問可以寄到台灣嗎？我的訂單還沒有出貨。"
ENGLISH = "Hello, where is my order 48812? It has not shipped yet."

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
def client(database: Database, settings: Settings) -> Iterator[TestClient]:
    set_engine(None)
    with TestClient(create_app()) as test_client:
        yield test_client
    set_engine(None)


@pytest.fixture
def auth(database: Database) -> dict[str, str]:
    with database.session() as session:
        _row, clear = create_token(session, name="shop")
    return {"Authorization": f"Bearer {clear}"}


def scrape(client: TestClient) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, tuple(sorted(labels.items()))))


def inquire(client: TestClient, auth: dict[str, str], text: str, email: str) -> int:
    response = client.post(
        "/api/v1/inquiries",
        json={"channel": "api", "customer": {"email": email, "name": "Buyer"}, "text": text},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    return int(response.json()["conversation_id"])


def test_queue_depth_and_response_targets_per_queue_and_pair(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    taiwan = [inquire(client, auth, TAIWAN, f"tw{i}@example.tw") for i in range(3)]
    inquire(client, auth, ENGLISH, "emily@example.com")
    with database.session() as session:
        # What the SLA checker writes when a clock passes 80% and then 100% of the target.
        for conversation_id, state in zip(taiwan, ["due_soon", "breached"], strict=False):
            conversation = session.get(Conversation, conversation_id)
            assert conversation is not None
            conversation.sla_state = state
        leased = queue.claim(
            session, [TRANSLATE], worker="w1", lease=timedelta(minutes=2), same_group=True
        )
    assert [item.group_key for item in leased.items] == ["zh-Hant>ja"]

    samples = scrape(client)
    assert value(samples, "kakehashi_database_up") == 1
    pending = "kakehashi_work_pending"
    assert value(samples, pending, kind=TRANSLATE, pair="zh-Hant>ja") == 2
    assert value(samples, pending, kind=TRANSLATE, pair="en>ja") == 1
    assert value(samples, "kakehashi_work_in_flight", kind=TRANSLATE, pair="zh-Hant>ja") == 1
    assert value(samples, "kakehashi_work_in_flight", kind=TRANSLATE, pair="en>ja") is None
    assert value(samples, "kakehashi_open_conversations", queue="zh-Hant") == 3
    assert value(samples, "kakehashi_sla_due_soon", queue="zh-Hant") == 1
    assert value(samples, "kakehashi_sla_breached", queue="zh-Hant") == 1
    assert value(samples, "kakehashi_sla_due_soon", queue="en") == 0
    assert value(samples, "kakehashi_sla_breached", queue="en") == 0

    # Another process reads the same database and reports the same figures.
    other = Database(settings.database_url)
    set_database(other)
    try:
        assert {k: v for k, v in scrape(client).items() if "_work_" in k[0]} == {
            k: v for k, v in samples.items() if "_work_" in k[0]
        }
    finally:
        set_database(database)
        other.dispose()


def test_translation_latency_is_observed_per_pair(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    for pair in ("en_ja", "zt_en"):
        install_file(MODELS / f"translate-{pair}-test.argosmodel", settings.resolved_models_dir)
    before = scrape(client)
    inquire(client, auth, ENGLISH, "emily@example.com")
    inquire(client, auth, "Hi, can you ship to Canada?", "sam@example.com")
    workers = WorkerPool(database, settings, [TranslateMessages()])
    assert workers.run_once()
    after = scrape(client)

    def grew(name: str, **labels: str) -> float:
        return (value(after, name, **labels) or 0) - (value(before, name, **labels) or 0)

    assert grew("kakehashi_translation_batch_seconds_count", pair="en>ja") == 1
    assert grew("kakehashi_translated_messages_total", pair="en>ja") == 2
    assert grew("kakehashi_translation_batch_seconds_sum", pair="en>ja") > 0
    assert grew("kakehashi_translation_wait_seconds_count", pair="en>ja") == 2
    assert grew("kakehashi_translation_wait_seconds_sum", pair="en>ja") > 0
    # Both were translated within a minute of arriving.
    assert grew("kakehashi_translation_wait_seconds_bucket", pair="en>ja", le="60.0") == 2
    assert value(after, "kakehashi_work_pending", kind=TRANSLATE, pair="en>ja") is None
    with database.session() as session:
        states = session.scalars(select(WorkItem.state).where(WorkItem.kind == TRANSLATE)).all()
    assert states == ["done", "done"]


def test_a_scrape_answers_while_the_database_is_down(
    client: TestClient, database: Database
) -> None:
    unreachable = Database("postgresql+psycopg://kakehashi@127.0.0.1:1/kakehashi")
    set_database(unreachable)
    try:
        samples = scrape(client)
        ready = client.get("/readyz")
        alive = client.get("/healthz")
    finally:
        set_database(database)
        unreachable.dispose()
    assert value(samples, "kakehashi_database_up") == 0
    assert value(samples, "kakehashi_mail_sends_total", result="sent") is not None
    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable"
    assert alive.status_code == 200
