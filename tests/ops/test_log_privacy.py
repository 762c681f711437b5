"""No buyer address in clear in any log line: an API inquiry and a whole mail flow (real SMTP
in and out), logged at DEBUG through the JSON formatter, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.app import create_app
from gateway.auth.tokens import create_token
from gateway.db import Database
from gateway.logs import configure_logging
from gateway.mailbox.runtime import start_mail_services
from gateway.models import Conversation
from gateway.ops.metrics import REGISTRY
from gateway.settings import Settings, set_settings
from gateway.translations.engine import set_engine
from tests.gateway.test_mail_flow import (
    MODELS,
    SUPPORT,
    Relay,
    _free_port,
    big5_mail,
    deliver,
    work,
)
from translation.packages import install_file

BUYERS = ("lin@example.tw", "emily@example.com")


def sent_count() -> float:
    return REGISTRY.get_sample_value("kakehashi_mail_sends_total", {"result": "sent"}) or 0.0


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("json", "DEBUG", stream=stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def relay() -> Iterator[tuple[Relay, int]]:
    handler = Relay()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def mail_settings(settings: Settings, relay: tuple[Relay, int]) -> Iterator[Settings]:
    value = settings.model_copy(
        update={
            "smtp_listen": "127.0.0.1:0",
            "support_addresses": [SUPPORT],
            "smtp_host": "127.0.0.1",
            "smtp_port": relay[1],
            "smtp_starttls": False,
            "mail_from": SUPPORT,
        }
    )
    set_settings(value)
    set_engine(None)
    for pair in ("zt_en", "en_ja", "ja_en", "en_zt"):
        install_file(MODELS / f"translate-{pair}-test.argosmodel", value.resolved_models_dir)
    yield value
    set_engine(None)


def test_no_buyer_address_reaches_the_log_in_clear(
    log_stream: io.StringIO,
    database: Database,
    mail_settings: Settings,
    relay: tuple[Relay, int],
) -> None:
    sent_before = sent_count()
    services = start_mail_services(database, mail_settings)
    try:
        with database.session() as session:
            _row, token = create_token(session, name="shop")
        client = TestClient(create_app())
        created = client.post(
            "/api/v1/inquiries",
            json={
                "channel": "api",
                "customer": {"email": "emily@example.com", "name": "Emily"},
                "text": "Hello, where is my order 48812? It has not shipped yet.",
            },
            headers={"Authorization": f"Bearer {token}", "X-Request-ID": "privacy-1"},
        )
        assert created.status_code == 201
        searched = client.get(
            "/api/v1/conversations",
            params={"q": "lin@example.tw"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert searched.status_code == 200
        raw, _message_id = big5_mail(subject="寄送到台灣", body="請問可以寄到台灣嗎？")
        deliver(services, raw, sender="lin@example.tw")
        work(database, mail_settings)
        logging.getLogger("gateway.test").info(
            "a careless line about %s", "lin@example.tw", extra={"to": "emily@example.com"}
        )
    finally:
        services.stop()

    with database.session() as session:
        emails = {c.customer.email for c in session.scalars(select(Conversation))}
    assert emails == set(BUYERS)  # the flow really handled both buyers
    assert len(relay[0].received) == 1  # the acknowledgement went out to Lin
    assert sent_count() == sent_before + 1

    text = log_stream.getvalue()
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) > 10
    for address in BUYERS:
        local, domain = address.split("@")
        assert address not in text.lower()
        assert f"{local}%40{domain}" not in text.lower()
    # The addresses were logged (the SMTP conversation at DEBUG, the API's query string), masked.
    assert any(r["logger"] == "mail.log" and "<l***@example.tw>" in r["message"] for r in records)
    assert any("q=l***%40example.tw" in r["message"] for r in records)
    assert any(r.get("to") == "e***@example.com" for r in records)
