"""The LibreTranslate-compatible endpoints over real HTTP, driven by a real LibreTranslate client
(libretranslatepy, which sends form fields and ``api_key`` as LibreTranslate's own web UI and
plugins do) and by plain JSON with a Bearer token."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from libretranslatepy import LibreTranslateAPI

from gateway.app import create_app
from gateway.auth.tokens import create_token
from gateway.db import Database
from gateway.settings import Settings, set_settings
from gateway.translations.access import limits
from tests.translation.conftest import fixture_package, shift
from translation.packages import install_file


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(settings: Settings, database: Database, models_dir: Path) -> Iterator[str]:
    """The app served by uvicorn on loopback with the en→ja and ja→en test models."""
    for pair in (("en", "ja"), ("ja", "en")):
        install_file(fixture_package(*pair), models_dir)
    limits.reset()
    port = _free_port()
    uv = uvicorn.Server(
        uvicorn.Config(
            create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)
        limits.reset()


@pytest.fixture
def api_key(database: Database) -> str:
    with database.session() as session:
        _row, clear = create_token(session, name="translator plugin")
    return clear


def _refusal(call: object) -> tuple[int, dict[str, object]]:
    with pytest.raises(urllib.error.HTTPError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code, json.loads(caught.value.read())


def test_a_libretranslate_client_with_a_key_translates_detects_and_lists(
    server: str, api_key: str
) -> None:
    client = LibreTranslateAPI(server, api_key=api_key)
    assert client.translate("hello world", "en", "ja") == shift("hello world", 1)
    detected = client.detect("Hello, where is my order? It has not arrived yet.")
    assert detected[0]["language"] == "en"
    assert 0 < detected[0]["confidence"] <= 100
    listed = {entry["code"]: entry for entry in client.languages()}
    assert listed["en"]["name"] == "English"
    assert "ja" in listed["en"]["targets"]
    assert "en" in listed["ja"]["targets"]


def test_without_a_valid_key_every_endpoint_refuses_with_403(server: str, api_key: str) -> None:
    for client in (LibreTranslateAPI(server), LibreTranslateAPI(server, api_key="kh_forged")):
        for call in (
            lambda c=client: c.translate("hello", "en", "ja"),
            lambda c=client: c.detect("hello"),
            lambda c=client: c.languages(),
        ):
            status, body = _refusal(call)
            assert status == 403
            assert list(body) == ["error"]
            assert isinstance(body["error"], str)
            assert "API key" in body["error"]
    # A revoked-looking or missing Bearer is refused the same way.
    response = httpx.post(f"{server}/translate", json={"q": "hi", "source": "en", "target": "ja"})
    assert response.status_code == 403
    assert "error" in response.json()


def test_a_bearer_token_and_json_work_too(server: str, api_key: str) -> None:
    auth = {"Authorization": f"Bearer {api_key}"}
    response = httpx.post(
        f"{server}/translate",
        json={"q": ["hello", "thank you"], "source": "en", "target": "ja"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"translatedText": [shift("hello", 1), shift("thank you", 1)]}
    response = httpx.post(f"{server}/detect", json={"q": "Bonjour", "api_key": api_key})
    assert response.status_code == 200, response.text
    response = httpx.get(f"{server}/languages", params={"api_key": api_key})
    assert response.status_code == 200, response.text


def test_too_many_texts_or_characters_are_refused(
    server: str, api_key: str, settings: Settings
) -> None:
    auth = {"Authorization": f"Bearer {api_key}"}
    too_many = ["hi"] * (settings.libretranslate_max_texts + 1)
    response = httpx.post(
        f"{server}/translate", json={"q": too_many, "source": "en", "target": "ja"}, headers=auth
    )
    assert response.status_code == 413
    assert str(settings.libretranslate_max_texts) in response.json()["error"]
    too_long = "a" * (settings.libretranslate_max_chars + 1)
    for path, body in (
        ("/translate", {"q": [too_long[:10], too_long], "source": "en", "target": "ja"}),
        ("/detect", {"q": too_long}),
    ):
        response = httpx.post(f"{server}{path}", json=body, headers=auth)
        assert response.status_code == 413, path
        assert list(response.json()) == ["error"]
    status, body = _refusal(lambda: LibreTranslateAPI(server, api_key=api_key).detect(too_long))
    assert status == 413
    response = httpx.post(f"{server}/translate", json={"q": 3, "target": "ja"}, headers=auth)
    assert response.status_code == 400
    assert "'q'" in response.json()["error"]


def test_each_key_is_rate_limited_on_its_own(
    server: str, api_key: str, settings: Settings, database: Database
) -> None:
    set_settings(settings.model_copy(update={"libretranslate_requests_per_minute": 3}))
    with database.session() as session:
        _row, other_key = create_token(session, name="another shop")
    client = LibreTranslateAPI(server, api_key=api_key)
    for _ in range(3):
        assert client.detect("Hello there, my parcel is late.")[0]["language"] == "en"
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.translate("hello", "en", "ja")
    assert caught.value.code == 429
    assert 1 <= int(caught.value.headers["Retry-After"]) <= 60
    assert "error" in json.loads(caught.value.read())
    # Another token still has its own allowance.
    assert LibreTranslateAPI(server, api_key=other_key).translate("hi", "en", "ja") == shift(
        "hi", 1
    )
