from __future__ import annotations

import smtplib
import threading
from collections.abc import Iterator

import pytest

from mail.errors import ListenerError
from mail.inbound_smtp import (
    SmtpListener,
    parse_listen_address,
    parse_support_addresses,
    start_listener,
)
from mail.parse import parse_mail
from tests.mail.conftest import FIXTURES, SUPPORT, load
from tests.mail.make_fixtures import big_attachment_mail, long_line_mail, nested_mail


class Store:
    def __init__(self) -> None:
        self.items: list[tuple[bytes, str, list[str]]] = []
        self.fail = False
        self.lock = threading.Lock()

    def __call__(self, raw: bytes, mail_from: str, rcpt_tos: list[str]) -> None:
        if self.fail:
            raise OSError("database is down")
        with self.lock:
            self.items.append((raw, mail_from, rcpt_tos))


@pytest.fixture
def listener() -> Iterator[tuple[SmtpListener, Store]]:
    store = Store()
    running = start_listener(
        "127.0.0.1",
        0,
        support_addresses=[SUPPORT, "help@shop.example"],
        store_raw=store,
        max_size=20 * 1024 * 1024,
        storage_threads=2,
    )
    try:
        yield running, store
    finally:
        running.stop()


def delivered(stored: bytes, raw: bytes) -> bool:
    """The stored bytes are the sent ones after our trace headers (smtplib ends the data with
    CRLF when the message does not)."""
    return stored.endswith(raw if raw.endswith(b"\r\n") else raw + b"\r\n")


def client(running: SmtpListener) -> smtplib.SMTP:
    return smtplib.SMTP("127.0.0.1", running.port, timeout=30)


def test_mail_to_support_is_stored_before_250_with_its_envelope(
    listener: tuple[SmtpListener, Store],
) -> None:
    running, store = listener
    raw = load("big5_outlook.eml")
    with client(running) as smtp:
        refused = smtp.sendmail("chen.dawen@example.com", [SUPPORT.upper()], raw)
    assert refused == {}
    ((stored, mail_from, rcpts),) = store.items
    assert delivered(stored, raw)
    assert stored.startswith(b"Return-Path: <chen.dawen@example.com>\r\nReceived: from ")
    assert mail_from == "chen.dawen@example.com"
    assert rcpts == [SUPPORT]
    assert parse_mail(stored).subject == "訂單 #A1029 還沒有收到"


def test_bounce_keeps_its_null_sender(listener: tuple[SmtpListener, Store]) -> None:
    running, store = listener
    raw = load("bounce_dsn_postfix.eml").split(b"\r\n", 1)[1]  # without its own Return-Path
    with client(running) as smtp:
        smtp.sendmail("", [SUPPORT], raw)
    parsed = parse_mail(store.items[0][0])
    assert parsed.automation.null_return_path
    assert parsed.bounce is not None


def test_other_recipients_are_refused_at_rcpt(listener: tuple[SmtpListener, Store]) -> None:
    running, store = listener
    with client(running) as smtp:
        smtp.ehlo()
        smtp.mail("mallory@example.com")
        code, message = smtp.rcpt("victim@elsewhere.example")
        assert code == 550
        assert b"5.1.1" in message
        assert smtp.rcpt("support+tw@sakura-tea.example.jp")[0] == 250
    with client(running) as smtp, pytest.raises(smtplib.SMTPRecipientsRefused):
        smtp.sendmail("mallory@example.com", ["victim@elsewhere.example"], b"Subject: x\r\n\r\nx")
    assert store.items == []


def test_storage_failure_answers_451_so_the_sender_retries(
    listener: tuple[SmtpListener, Store],
) -> None:
    running, store = listener
    store.fail = True
    with client(running) as smtp, pytest.raises(smtplib.SMTPDataError) as error:
        smtp.sendmail("chen.dawen@example.com", [SUPPORT], load("big5_outlook.eml"))
    assert error.value.smtp_code == 451
    assert b"4.3.0" in error.value.smtp_error
    store.fail = False
    with client(running) as smtp:
        smtp.sendmail("chen.dawen@example.com", [SUPPORT], load("big5_outlook.eml"))
    assert len(store.items) == 1


def test_oversize_mail_is_refused_with_552() -> None:
    store = Store()
    running = start_listener(
        "127.0.0.1", 0, support_addresses=[SUPPORT], store_raw=store, max_size=64 * 1024
    )
    try:
        big = load("big5_outlook.eml") + b"x" * (70 * 1024) + b"\r\n"
        with client(running) as smtp:
            smtp.ehlo()
            # Without SIZE, the limit is enforced at the end of DATA.
            smtp.esmtp_features.pop("size", None)
            with pytest.raises(smtplib.SMTPDataError) as error:
                smtp.sendmail("a@example.com", [SUPPORT], big)
            assert error.value.smtp_code == 552
            assert b"5.3.4" in error.value.smtp_error
        with client(running) as smtp, pytest.raises(smtplib.SMTPSenderRefused) as declared:
            smtp.sendmail("a@example.com", [SUPPORT], big)  # SIZE= declared at MAIL FROM
        assert declared.value.smtp_code == 552
    finally:
        running.stop()
    assert store.items == []


def test_whole_corpus_and_the_big_ones_arrive_and_parse(
    listener: tuple[SmtpListener, Store],
) -> None:
    running, store = listener
    corpus = [load(p.name) for p in sorted(FIXTURES.glob("*.eml"))]
    corpus += [big_attachment_mail(), long_line_mail(), nested_mail(30)]
    with client(running) as smtp:
        for raw in corpus:
            smtp.sendmail("sender@example.com", [SUPPORT], raw)
    assert len(store.items) == len(corpus)
    for (stored, _, _), raw in zip(store.items, corpus, strict=True):
        assert delivered(stored, raw)
        assert parse_mail(stored).message_id
    big = parse_mail(store.items[-3][0])
    assert big.attachments[0].over_limit
    assert len(parse_mail(store.items[-2][0]).new_text) == 500 * 1024


def test_settings_are_parsed_with_helpful_errors() -> None:
    assert parse_listen_address("127.0.0.1:2525") == ("127.0.0.1", 2525)
    assert parse_listen_address("[::1]:25") == ("::1", 25)
    with pytest.raises(ListenerError, match="host:port"):
        parse_listen_address("localhost")
    assert parse_support_addresses(" Support@Shop.example , help@shop.example,") == frozenset(
        {"support@shop.example", "help@shop.example"}
    )
    with pytest.raises(ListenerError, match="not addresses"):
        parse_support_addresses("support")
    with pytest.raises(ListenerError, match="no support addresses"):
        start_listener("127.0.0.1", 0, support_addresses=[], store_raw=Store())
