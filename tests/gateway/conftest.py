from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.auth.tokens import create_token
from gateway.db import Database
from gateway.settings import Settings
from gateway.translations.engine import set_engine
from translation.packages import install_file

MODELS = Path(__file__).resolve().parents[1] / "fixtures" / "models"


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """Each test builds its own translation engine over its own models dir."""
    set_engine(None)
    yield
    set_engine(None)


def install_models(settings: Settings, *pairs: str) -> None:
    """Install test packages (``"ja_en"``, …) into the test's models dir; the engine sees them."""
    for pair in pairs:
        install_file(MODELS / f"translate-{pair}-test.argosmodel", settings.resolved_models_dir)
    set_engine(None)


@pytest.fixture
def reply_models(settings: Settings) -> None:
    """Models for the Traditional Chinese and English tests both ways (zh-Hant through English)."""
    install_models(settings, "zt_en", "en_ja", "ja_en", "en_zt")


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
