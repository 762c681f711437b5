"""Workers translate inquiries with real (tiny, test) Argos models, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.models import Direction, Message, WorkItem
from gateway.settings import Settings
from gateway.translations.tasks import TranslateMessages, enqueue_translation
from gateway.workers import queue
from gateway.workers.runner import WorkerPool
from tests.gateway.conftest import post_inquiry
from translation.engine import TranslationEngine
from translation.packages import install_file

MODELS = Path(__file__).parent.parent / "fixtures" / "models"


def install(models_dir: Path, *pairs: str) -> None:
    for pair in pairs:
        install_file(MODELS / f"translate-{pair}-test.argosmodel", models_dir)


def pool(database: Database, settings: Settings) -> WorkerPool:
    return WorkerPool(database, settings, [TranslateMessages()])


def message(database: Database, message_id: int) -> Message:
    with database.session() as session:
        found = session.get(Message, message_id)
        assert found is not None
        return found


def test_inquiries_are_translated_into_japanese(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    install(settings.resolved_models_dir, "en_ja", "zt_en")
    english = post_inquiry(
        client, auth, "Hello, where is my order 48812? See https://shop.example/o_1"
    )
    chinese = post_inquiry(client, auth, "請問可以寄到台灣嗎？ order A-100")
    workers = pool(database, settings)
    assert workers.run_once()  # one batch per language pair
    assert workers.run_once()

    done = message(database, english["message_id"])
    assert done.translation_state == "done"
    # The test model shifts ASCII letters by one; protected spans come through byte for byte.
    assert done.translation_text == "Ifmmp, xifsf jt nz psefs 48812? Tff https://shop.example/o_1"
    assert done.translation_model == "argos:en-ja@1.0"
    pivot = message(database, chinese["message_id"])
    assert pivot.translation_state == "done"
    assert pivot.translation_model == "argos:zt-en@1.0+argos:en-ja@1.0"  # zh-Hant → en → ja
    assert pivot.translation_text is not None
    assert pivot.translation_text.startswith("請問可以寄到台灣嗎？")

    detail = client.get(f"/api/v1/conversations/{english['conversation_id']}", headers=auth).json()
    assert detail["messages"][0]["translation"]["state"] == "done"


def test_an_inquiry_waits_for_its_model_and_is_translated_once_installed(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    body = post_inquiry(client, auth, "배송은 언제 되나요? 주문번호 48841입니다. thanks")
    workers = pool(database, settings)
    workers.run_once()
    waiting = message(database, body["message_id"])
    assert waiting.translation_state == "model_missing"
    assert "ko" in (waiting.translation_error or "")

    install(settings.resolved_models_dir, "ko_ja")
    workers.run_once()  # notices the new model and releases the message
    workers.run_once()
    done = message(database, body["message_id"])
    assert done.translation_state == "done"
    assert done.translation_text == "배송은 언제 되나요? 주문번호 48841입니다. uibolt"


def test_a_reply_is_translated_into_the_buyer_language_with_a_back_translation(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    install(settings.resolved_models_dir, "ja_en", "en_ja")
    body = post_inquiry(client, auth, "Hello, can you ship to Canada?")
    with database.session() as session:
        reply = Message(
            conversation_id=body["conversation_id"],
            direction=Direction.OUTBOUND,
            text="はい、Yamatoでカナダへ発送できます。",
            language="ja",
            translation_language="en",
        )
        session.add(reply)
        session.flush()
        enqueue_translation(session, reply)
        reply_id = reply.id
    workers = pool(database, settings)
    while workers.run_once():
        pass
    done = message(database, reply_id)
    assert done.translation_text == "はい、Xzlzsnでカナダへ発送できます。"
    # The back-translation is the buyer-language text translated en→ja (not ja→en again).
    engine = TranslationEngine(settings.resolved_models_dir)
    [expected] = engine.translate_many([done.translation_text], source="en", target="ja")
    [wrong_way] = engine.translate_many([done.translation_text], source="ja", target="en")
    assert done.back_translation == expected.text != wrong_way.text


def test_a_dead_workers_job_is_finished_once_its_lease_expires(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    install(settings.resolved_models_dir, "en_ja")
    body = post_inquiry(client, auth, "Is there a discount if I buy three?")
    with database.session() as session:
        dead = queue.claim(
            session, [TranslateMessages.kind], worker="dead", lease=timedelta(seconds=0.3)
        )
    assert len(dead.items) == 1
    workers = pool(database, settings)
    assert not workers.run_once()  # still leased to the dead worker
    time.sleep(0.4)
    assert workers.run_once()
    assert message(database, body["message_id"]).translation_state == "done"
    with database.session() as session:
        item = session.scalars(
            select(WorkItem).where(WorkItem.kind == TranslateMessages.kind)
        ).one()
        assert (item.state, item.attempts) == ("done", 2)


def _spawn_worker(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "KAKEHASHI_DATABASE_URL": settings.database_url,
        "KAKEHASHI_MODELS_DIR": str(settings.resolved_models_dir),
        "KAKEHASHI_WORKER_POLL_SECONDS": "0.2",
        "KAKEHASHI_TRANSLATION_BATCH_SIZE": "4",
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "gateway", "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_worker_processes_never_translate_a_message_twice(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings, tmp_path: Path
) -> None:
    install(settings.resolved_models_dir, "en_ja")
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [_spawn_worker(settings, log) for log in logs]
    try:
        ids = [
            post_inquiry(client, auth, f"Hello, question {n}: when will order {48000 + n} ship?")[
                "message_id"
            ]
            for n in range(40)
        ]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with database.session() as session:
                states = set(
                    session.scalars(select(Message.translation_state).where(Message.id.in_(ids)))
                )
            if states == {"done"}:
                break
            time.sleep(0.3)
        assert states == {"done"}
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            process.wait(30)
    with database.session() as session:
        attempts = set(
            session.scalars(
                select(WorkItem.attempts).where(WorkItem.kind == TranslateMessages.kind)
            )
        )
    assert attempts == {1}
    translated: list[int] = []
    for log in logs:
        for match in re.finditer(r"translated \d+ message\(s\) en→ja: ([\d,]+)", log.read_text()):
            translated += [int(i) for i in match.group(1).split(",")]
    assert sorted(translated) == sorted(ids)
    assert all(re.search(r"translated \d+ message", log.read_text()) for log in logs), (
        "both workers should have taken part"
    )
