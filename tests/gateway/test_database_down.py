"""While the database does not answer, the API says so with 503 and Retry-After, not a bare 500."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from gateway.app import create_app
from gateway.db import Database, DatabaseBusyError, set_database
from gateway.settings import Settings, set_settings


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


@pytest.fixture
def unreachable(tmp_path: Path) -> Iterator[TestClient]:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/test?connect_timeout=2"
    set_settings(Settings(database_url=url, models_dir=tmp_path, _env_file=None))
    database = Database(url)
    set_database(database)
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield client
    set_database(None)
    set_settings(None)
    database.dispose()


def test_an_inquiry_is_refused_with_retry_after_while_the_database_is_down(
    unreachable: TestClient,
) -> None:
    response = unreachable.post(
        "/api/v1/inquiries",
        json={"channel": "api", "customer": {"email": "b@example.com"}, "text": "Where is it?"},
        headers={"Authorization": "Bearer kh_anything"},
    )
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    error = response.json()["error"]
    assert error["code"] == "database_unavailable"
    assert "nothing was stored" in error["message"]
    assert unreachable.get("/readyz").status_code == 503
    assert unreachable.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "error",
    [
        DatabaseBusyError("the database stayed busy too long; try again"),
        PoolTimeoutError("QueuePool limit of size 5 overflow 10 reached"),
    ],
    ids=["sqlite-writers-queued-too-long", "connection-pool-exhausted"],
)
def test_an_overloaded_database_asks_the_client_to_retry(
    database: Database, error: Exception
) -> None:
    app = create_app()

    @app.post("/api/v1/overloaded")
    def overloaded() -> None:
        raise error

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/api/v1/overloaded")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"]["code"] == "database_unavailable"
