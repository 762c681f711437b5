"""Hostile input: text every database can hold, bounded header fields, the real sender.

Each case is what an attacker or a broken client sends: NUL bytes and lone surrogates, a 1 MB
subject, a display name pretending to be another address, a CRLF hidden in an encoded word.
None may cost a 500, lose a mail, or join someone else's conversation.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.mailbox import inbound
from gateway.mailbox.inbound import ProcessInboundMail, store_inbound, thread_secret
from gateway.models import Attachment, Conversation, InboundMail, Message
from gateway.settings import Settings
from gateway.workers.runner import WorkerPool
from mail.threading import conversation_token, subject_tag
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

SUPPORT = "support@shop.example"
UNSTORABLE = ("\x00", "\ud800", "\udfff")


def _post_raw(client: TestClient, auth: dict[str, str], path: str, body: dict[str, Any]) -> Any:
    # json.dumps escapes lone surrogates (\ud800), exactly as a JavaScript client sends them.
    return client.post(
        path, content=json.dumps(body), headers={**auth, "Content-Type": "application/json"}
    )


def _clean(text: str) -> bool:
    return not any(bad in text for bad in UNSTORABLE)


def _process(database: Database, settings: Settings) -> None:
    pool = WorkerPool(database, settings, [ProcessInboundMail()])
    for _ in range(10):
        if not pool.run_once():
            return


def _mail(
    *, sender: str = "Lin <lin@example.tw>", subject: str = "Order 4412", body: bytes = b"Hi"
) -> bytes:
    return (
        (
            f"From: {sender}\r\nTo: {SUPPORT}\r\nSubject: {subject}\r\n"
            "Message-ID: <m1@example.tw>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        ).encode()
        + body
        + b"\r\n"
    )


@dataclass(frozen=True)
class Stored:
    id: int
    subject: str
    email: str | None
    name: str
    texts: list[str]


def _only_mail(database: Database) -> tuple[InboundMail, Stored | None]:
    """The one stored mail and the conversation it became, if any."""
    with database.session(read_only=True) as session:
        mail = session.scalars(select(InboundMail)).one()
        conversation = (
            session.get(Conversation, mail.conversation_id) if mail.conversation_id else None
        )
        if conversation is None:
            return mail, None
        texts = session.scalars(
            select(Message.text).where(Message.conversation_id == conversation.id)
        ).all()
        customer = conversation.customer
        stored = Stored(
            conversation.id, conversation.subject, customer.email, customer.name, [*texts]
        )
        return mail, stored


@pytest.mark.parametrize("bad", UNSTORABLE)
def test_nul_and_lone_surrogates_in_an_inquiry_are_stored_clean(
    client: TestClient, auth: dict[str, str], bad: str
) -> None:
    response = _post_raw(
        client,
        auth,
        "/api/v1/inquiries",
        {
            "channel": "api",
            "customer": {"email": "buyer@example.com", "name": f"Bu{bad}yer"},
            "subject": f"Order{bad} 4412",
            "text": f"Where{bad} is my parcel?",
        },
    )
    assert response.status_code == 201, response.text
    shown = client.get(
        f"/api/v1/conversations/{response.json()['conversation_id']}", headers=auth
    ).json()
    assert _clean(shown["subject"])
    assert "Order" in shown["subject"]
    assert _clean(shown["customer"]["name"])
    assert _clean(shown["messages"][0]["text"])
    assert "parcel" in shown["messages"][0]["text"]


@pytest.mark.parametrize("path", ["/translate", "/detect"])
@pytest.mark.parametrize("source", ["auto", "en"])
def test_a_lone_surrogate_to_translate_or_detect_is_no_server_error(
    client: TestClient, auth: dict[str, str], path: str, source: str
) -> None:
    q = "Hello \ud800 world, where is my order? \x00"
    response = _post_raw(client, auth, path, {"q": q, "source": source, "target": "ja"})
    assert response.status_code < 500, response.text


def test_a_nul_mail_with_a_2000_character_subject_becomes_a_conversation(
    database: Database, settings: Settings
) -> None:
    subject = "Where is my order " + "x" * 2000
    store_inbound(database, _mail(subject=subject, body=b"Hello\x00 there"), "a@b.c", [SUPPORT])
    _process(database, settings)
    mail, conversation = _only_mail(database)
    assert mail.state == "processed"
    assert conversation is not None
    assert conversation.subject.startswith("Where is my order xxx")
    assert len(conversation.subject) <= 500
    assert conversation.texts[0] == "Hello there"
    assert conversation.email == "lin@example.tw"


def test_a_1_mb_subject_and_message_id_are_bounded_and_the_raw_mail_kept(
    database: Database, settings: Settings
) -> None:
    raw = _mail(subject="S" * 1_000_000).replace(
        b"<m1@example.tw>", b"<" + b"i" * 1_000_000 + b"@example.tw>"
    )
    raw = raw.replace(b"From: Lin", b"From: " + b"L" * 100_000)
    store_inbound(database, raw, "a@b.c", [SUPPORT])
    _process(database, settings)
    mail, conversation = _only_mail(database)
    assert mail.raw == raw  # the whole mail, as received
    assert len(mail.message_key) <= 998
    assert conversation is not None
    assert 0 < len(conversation.subject) <= 500
    assert len(conversation.name) <= 200
    assert conversation.email == "lin@example.tw"


def test_a_mail_that_breaks_processing_still_becomes_a_conversation_whatever_it_holds(
    database: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("parser bug \x00 with a NUL in its message")

    monkeypatch.setattr(inbound, "process_mail", broken)
    raw = _mail(body=b"\x00\xff\xfe binary \x00 junk")
    store_inbound(database, raw, "x" * 900 + "@evil.example\r\n", [SUPPORT])
    _process(database, settings)
    mail, conversation = _only_mail(database)
    assert mail.state == "failed"
    assert conversation is not None
    assert _clean(conversation.texts[0])
    with database.session(read_only=True) as session:
        original = session.scalars(select(Attachment)).one()
        assert original.filename == "original.eml"
        assert original.content == raw


def test_a_display_name_with_another_address_never_joins_that_persons_conversation(
    client: TestClient, auth: dict[str, str], database: Database, settings: Settings
) -> None:
    victim = post_inquiry(client, auth, "My kimono order 4412 has not arrived.")
    with database.session() as session:
        conversation = session.get(Conversation, victim["conversation_id"])
        assert conversation is not None
        conversation.email = "victim@victim.example"
    tag = subject_tag(conversation_token(victim["conversation_id"], thread_secret(settings)))
    raw = _mail(
        sender="victim@victim.example <attacker@evil.example>",
        subject=f"Re: Your order {tag}",
        body=b"Please send the refund to my new account.",
    )
    store_inbound(database, raw, "attacker@evil.example", [SUPPORT])
    _process(database, settings)
    _mail_row, conversation = _only_mail(database)
    assert conversation is not None
    assert conversation.id != victim["conversation_id"]
    assert conversation.email == "attacker@evil.example"

    make_agent(database)
    sign_in(client)
    assert "送信者名にメールアドレス" in client.get("/inbox").text
    page = client.get(f"/inbox/conversations/{conversation.id}").text
    assert "送信者名にメールアドレス" in page
    assert (
        "送信者名にメールアドレス"
        not in client.get(f"/inbox/conversations/{victim['conversation_id']}").text
    )


@pytest.mark.parametrize("hidden", [b"Eve\r\nBcc: x@y.example", b"\r\n<x@y.example>,"])
def test_a_crlf_in_an_encoded_display_name_never_reaches_the_address(
    database: Database, settings: Settings, hidden: bytes
) -> None:
    # A raw 8-bit name beside the encoded word: the header is decoded as 8-bit text first.
    word = f"=?utf-8?b?{base64.b64encode(hidden).decode()}?="
    raw = _mail(sender=f"Zo\u00eb {word} <real@sender.example>")
    store_inbound(database, raw, "r@s.e", [SUPPORT])
    _process(database, settings)
    _mail_row, conversation = _only_mail(database)
    assert conversation is not None
    assert conversation.email == "real@sender.example"
    assert "\n" not in conversation.name
    assert "\r" not in conversation.name
