"""Idempotency-Key: an integration retrying a POST whose answer it never got makes one inquiry."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from gateway.auth.tokens import create_token
from gateway.db import Database
from gateway.models import Conversation, IdempotencyKey, utcnow
from gateway.settings import Settings
from gateway.wiring import all_jobs
from gateway.workers.runner import WorkerPool

INQUIRY = {
    "channel": "api",
    "customer": {"email": "buyer@example.com", "name": "Buyer"},
    "text": "請問可以寄到台灣嗎？訂單 A-20931 還沒有出貨。",
}


def _conversations(database: Database) -> int:
    with database.session(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(Conversation)) or 0)


def _post(client: TestClient, auth: dict[str, str], key: str, body: Any = INQUIRY) -> Any:
    return client.post("/api/v1/inquiries", json=body, headers={**auth, "Idempotency-Key": key})


def test_a_retried_request_returns_the_inquiry_made_the_first_time(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    first = _post(client, auth, "order-A-20931-attempt")
    again = _post(client, auth, "order-A-20931-attempt")
    assert first.status_code == again.status_code == 201
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert first.json()["language"] == "zh-Hant"
    assert _conversations(database) == 1


def test_without_a_key_each_post_is_a_new_inquiry(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    for _ in range(2):
        assert client.post("/api/v1/inquiries", json=INQUIRY, headers=auth).status_code == 201
    assert _conversations(database) == 2


def test_a_key_reused_for_another_inquiry_is_refused_and_stores_nothing(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    assert _post(client, auth, "k-1").status_code == 201
    other = _post(client, auth, "k-1", {**INQUIRY, "text": "Where is my parcel?"})
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert "new key" in other.json()["error"]["message"]
    assert _conversations(database) == 1


def test_keys_belong_to_one_integration(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    with database.session() as session:
        _row, other_token = create_token(session, name="second shop system")
    mine = _post(client, auth, "same-key")
    theirs = _post(client, {"Authorization": f"Bearer {other_token}"}, "same-key")
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["conversation_id"] != theirs.json()["conversation_id"]


@pytest.mark.parametrize("key", ["", "has space", "x" * 256])
def test_a_malformed_key_is_refused_with_what_a_key_looks_like(
    client: TestClient, auth: dict[str, str], database: Database, key: str
) -> None:
    response = client.post(
        "/api/v1/inquiries", json=INQUIRY, headers={**auth, "Idempotency-Key": key}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_idempotency_key"
    assert _conversations(database) == 0


def test_concurrent_retries_with_one_key_make_one_inquiry(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    answers: list[Any] = []
    start = threading.Barrier(6)

    def send() -> None:
        start.wait(timeout=10)
        answers.append(_post(client, auth, "burst-1"))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [a.status_code for a in answers] == [201] * 6, [a.text for a in answers]
    assert len({a.json()["message_id"] for a in answers}) == 1
    assert _conversations(database) == 1
    with database.session(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(IdempotencyKey)) == 1


def test_keys_are_forgotten_after_a_week_by_the_workers(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    first = _post(client, auth, "weekly-report-1").json()
    _post(client, auth, "fresh-key")
    with database.session() as session:
        session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.key == "weekly-report-1")
            .values(created_at=utcnow() - timedelta(days=8))
        )
    WorkerPool(database, settings, all_jobs(settings)).run_once()
    with database.session(read_only=True) as session:
        assert set(session.scalars(select(IdempotencyKey.key))) == {"fresh-key"}
    again = _post(client, auth, "weekly-report-1")
    assert again.status_code == 201
    assert "idempotent-replayed" not in again.headers
    assert again.json()["conversation_id"] != first["conversation_id"]
