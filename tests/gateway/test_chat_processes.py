"""Delivery across processes on PostgreSQL: the buyer's stream is served by one web process
(``kakehashi serve`` in a subprocess), the agent's reply is committed by another (this test
process, as a worker would). Only PostgreSQL's NOTIFY can bring the reply in time: the
subprocess polls the database once a minute."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.db import Database, set_database
from gateway.settings import Settings, set_settings
from tests.browser.conftest import free_port
from tests.conftest import _truncate_all
from tests.gateway.test_chat_api import REPLY_KO, deliver_reply

ROOT = Path(__file__).resolve().parents[2]
STOREFRONT = "http://shop.example"


@pytest.fixture
def pg_database(postgres_url: str, tmp_path: Path) -> Iterator[Database]:
    _truncate_all(postgres_url)
    settings = Settings(
        database_url=postgres_url,
        models_dir=tmp_path / "models",
        _env_file=None,
    )
    set_settings(settings)
    database = Database(postgres_url)
    set_database(database)
    yield database
    set_database(None)
    set_settings(None)
    database.dispose()


@pytest.fixture
def other_web_process(pg_database: Database, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "KAKEHASHI_DATABASE_URL": pg_database.url,
        "KAKEHASHI_MODELS_DIR": str(tmp_path / "models"),
        "KAKEHASHI_RUN_WORKERS": "false",
        "KAKEHASHI_CHAT_POLL_SECONDS": "60",
        "KAKEHASHI_CHAT_ALLOWED_ORIGINS": STOREFRONT,
        "KAKEHASHI_LOG_FORMAT": "text",
    }
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail(
                    "kakehashi serve did not start:\n" + (tmp_path / "serve.log").read_text()
                )
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(20)
        log.close()


def test_a_reply_committed_in_one_process_reaches_a_buyer_connected_to_another(
    pg_database: Database, other_web_process: str
) -> None:
    base = other_web_process
    started = httpx.post(
        f"{base}/api/v1/chat/conversations",
        json={"text": "주문한 기모노가 아직 도착하지 않았어요.", "locale": "ko-KR"},
        headers={"Origin": STOREFRONT},
        timeout=30,
    )
    assert started.status_code == 201, started.text
    token = started.json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Origin": STOREFRONT}
    received: list[tuple[float, dict[str, object]]] = []

    def listen() -> None:
        with httpx.stream(
            "GET", f"{base}/api/v1/chat/events", headers=headers, timeout=30
        ) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    received.append((time.monotonic(), json.loads(line[6:])))
                    if len(received) == 2:
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    deadline = time.monotonic() + 15
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert received, "the other process did not stream the conversation"

    with pg_database.session(read_only=True) as session:
        from sqlalchemy import select

        from gateway.models import Conversation

        conversation_id = session.scalars(select(Conversation.id)).one()
    committed_at = time.monotonic()
    deliver_reply(pg_database, conversation_id)
    listener.join(20)
    assert [data["author"] for _at, data in received] == ["buyer", "team"]
    assert received[1][1]["text"] == REPLY_KO
    # Streams re-read every 15 s at the latest (heartbeats), and poll every 60 s here: only
    # the NOTIFY from the committing process explains an arrival within a few seconds.
    assert received[1][0] - committed_at < 5
