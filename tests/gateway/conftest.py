from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.auth.tokens import create_token
from gateway.db import Database
from gateway.settings import Settings
from gateway.translations.engine import set_engine


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """Each test builds its own translation engine over its own models dir."""
    set_engine(None)
    yield
    set_engine(None)


@pytest.fixture
def client(database: Database, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture
def api_token(database: Database) -> str:
    with database.session() as session:
        _row, clear = create_token(session, name="shop")
    return clear


@pytest.fixture
def auth(api_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token}"}


def post_inquiry(client: TestClient, auth: dict[str, str], text: str, **extra: Any) -> Any:
    body = {
        "channel": "api",
        "customer": {"email": "buyer@example.com", "name": "Buyer"},
        "text": text,
    }
    body.update(extra)
    response = client.post("/api/v1/inquiries", json=body, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()
