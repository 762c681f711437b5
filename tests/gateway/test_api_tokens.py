"""API tokens record their last use without making an integration's requests wait on each other."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from gateway.db import Database
from gateway.models import ApiToken, utcnow

INQUIRY = {"channel": "api", "customer": {"email": "b@example.com"}, "text": "Where is my order?"}


def _last_used(database: Database) -> datetime | None:
    with database.session(read_only=True) as session:
        return session.scalar(select(ApiToken.last_used_at))


def test_a_token_records_when_it_was_last_used(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    assert _last_used(database) is None
    before = utcnow()
    assert client.post("/api/v1/inquiries", json=INQUIRY, headers=auth).status_code == 201
    first = _last_used(database)
    assert first is not None
    assert first >= before - timedelta(seconds=1)
    assert client.post("/api/v1/inquiries", json=INQUIRY, headers=auth).status_code == 201
    assert _last_used(database) == first  # noted at most once a minute


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_request_does_not_wait_for_another_holding_the_token_row(
    client: TestClient, auth: dict[str, str], database_url: str
) -> None:
    holder = create_engine(database_url)
    statuses: list[int] = []
    with holder.connect() as connection, connection.begin():
        connection.execute(text("SELECT id FROM api_tokens FOR UPDATE"))
        request = threading.Thread(
            target=lambda: statuses.append(
                client.post("/api/v1/inquiries", json=INQUIRY, headers=auth).status_code
            ),
            daemon=True,
        )
        request.start()
        request.join(timeout=20)
        finished_while_locked = not request.is_alive()
    request.join(timeout=20)
    holder.dispose()
    assert finished_while_locked, "the inquiry waited for the token row held by another request"
    assert statuses == [201]
