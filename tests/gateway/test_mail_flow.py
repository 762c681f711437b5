"""E-mail end to end: a real SMTP client delivers to our listener, workers process the mail, and
the outbox sends through a real local relay (aiosmtpd), on SQLite and PostgreSQL."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from gateway.db import Database
from gateway.mailbox.inbound import ProcessInboundMail
from gateway.mailbox.outbound import SendMail
from gateway.mailbox.runtime import MailServices, start_mail_services
from gateway.models import Conversation, InboundMail, Message
from gateway.outbox.service import queue_delivery
from gateway.settings import Settings, set_settings
from gateway.translations.tasks import TranslateMessages
from gateway.workers.runner import WorkerPool
from translation.packages import install_file

MODELS = Path(__file__).parent.parent / "fixtures" / "models"
SUPPORT = "support@shop.example"


class Relay:
    """A local SMTP relay that keeps what it receives; ``refuse`` makes it answer 421."""

    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.refuse = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse > 0:
            self.refuse -= 1
            return "421 4.3.2 try again later"
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(parsed)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def relay() -> Iterator[tuple[Relay, int]]:
    handler = Relay()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def mail_settings(settings: Settings, relay: tuple[Relay, int]) -> Settings:
    value = settings.model_copy(
        update={
            "smtp_listen": "127.0.0.1:0",
            "support_addresses": [SUPPORT],
            "smtp_host": "127.0.0.1",
            "smtp_port": relay[1],
            "smtp_starttls": False,
            "mail_from": SUPPORT,
            "shop_name": "Sakura Kimono",
        }
    )
    set_settings(value)
    for pair in ("zt_en", "en_ja", "ja_en", "en_zt"):
        install_file(MODELS / f"translate-{pair}-test.argosmodel", value.resolved_models_dir)
    return value


@pytest.fixture
def services(database: Database, mail_settings: Settings) -> Iterator[MailServices]:
    running = start_mail_services(database, mail_settings)
    yield running
    running.stop()


def deliver(services: MailServices, raw: bytes, *, sender: str, to: str = SUPPORT) -> None:
    assert services.listener is not None
    with smtplib.SMTP("127.0.0.1", services.listener.port, timeout=10) as client:
        client.sendmail(sender, [to], raw)


def work(database: Database, settings: Settings) -> None:
    pool = WorkerPool(database, settings, [ProcessInboundMail(), TranslateMessages(), SendMail()])
    for _ in range(20):
        if not pool.run_once():
            return


def big5_mail(*, subject: str, body: str, in_reply_to: str | None = None) -> tuple[bytes, str]:
    message_id = make_msgid(domain="outlook.example")
    headers = [
        "From: =?big5?b?"
        + __import__("base64").b64encode("林雅婷".encode("big5")).decode()
        + "?= <lin@example.tw>",
        f"To: {SUPPORT}",
        "Subject: =?big5?b?"
        + __import__("base64").b64encode(subject.encode("big5")).decode()
        + "?=",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="big5"',
        "Content-Transfer-Encoding: 8bit",
        "X-Mailer: Microsoft Outlook 16.0",
    ]
    if in_reply_to:
        headers += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body.encode("big5") + b"\r\n", message_id


def test_a_big5_mail_becomes_a_conversation_and_the_buyer_is_acknowledged(
    database: Database, mail_settings: Settings, services: MailServices, relay: tuple[Relay, int]
) -> None:
    raw, message_id = big5_mail(
        subject="寄送到台灣", body="您好，請問可以寄到台灣嗎？運費大概多少？"
    )
    deliver(services, raw, sender="lin@example.tw")
    with database.session() as session:
        stored = session.scalars(select(InboundMail)).one()
        assert stored.raw.endswith(raw)  # kept as received, under our trace headers
    work(database, mail_settings)

    with database.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        assert (conversation.channel, conversation.language) == ("email", "zh-Hant")
        assert conversation.subject == "寄送到台灣"
        assert conversation.customer.email == "lin@example.tw"
        inbound = session.scalars(select(Message).where(Message.direction == "inbound")).one()
        assert inbound.text == "您好，請問可以寄到台灣嗎？運費大概多少？"
        assert inbound.mail_message_id == message_id
        assert inbound.translation_state == "done"

    [ack] = relay[0].received
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["In-Reply-To"] == message_id
    assert ack["To"].addresses[0].addr_spec == "lin@example.tw"
    body = ack.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "24" in text
    assert "Sakura Kimono" in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # written in Chinese, not English


def test_the_buyers_reply_to_our_mail_joins_the_conversation_and_a_stranger_cannot(
    database: Database, mail_settings: Settings, services: MailServices, relay: tuple[Relay, int]
) -> None:
    raw, _first_id = big5_mail(subject="寄送到台灣", body="請問可以寄到台灣嗎？")
    deliver(services, raw, sender="lin@example.tw")
    work(database, mail_settings)
    [ack] = relay[0].received
    ack_id = ack["Message-ID"]

    follow_up, _ = big5_mail(
        subject="Re: 寄送到台灣", body="謝謝！我還想問運費。", in_reply_to=ack_id
    )
    deliver(services, follow_up, sender="lin@example.tw")
    stranger = follow_up.replace(b"lin@example.tw", b"mallory@evil.example")
    stranger = stranger.replace(b"Message-ID: <", b"Message-ID: <x")
    deliver(services, stranger, sender="mallory@evil.example")
    work(database, mail_settings)

    with database.session() as session:
        conversations = session.scalars(select(Conversation).order_by(Conversation.id)).all()
        assert len(conversations) == 2
        first, second = conversations
        texts = session.scalars(
            select(Message.text).where(
                Message.conversation_id == first.id, Message.direction == "inbound"
            )
        ).all()
        assert texts == ["請問可以寄到台灣嗎？", "謝謝！我還想問運費。"]
        assert second.customer.email == "mallory@evil.example"


def test_the_agents_reply_goes_out_threaded_in_the_buyers_language_despite_a_421(
    database: Database, mail_settings: Settings, services: MailServices, relay: tuple[Relay, int]
) -> None:
    mail_settings.acks_per_hour = 0  # no acknowledgement: only the reply reaches the relay
    raw = (
        f"From: Emily <emily@example.com>\r\nTo: {SUPPORT}\r\nSubject: Order 48812\r\n"
        "Message-ID: <emily-1@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hello, where is my order 48812? It has not shipped yet.\r\n"
    ).encode()
    deliver(services, raw, sender="emily@example.com")
    work(database, mail_settings)
    with database.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        reply = Message(
            conversation_id=conversation.id,
            direction="outbound",
            text="お待たせしました。Yamato で本日発送いたしました。",
            language="ja",
            translation_language="en",
        )
        session.add(reply)
        session.flush()
        from gateway.translations.tasks import enqueue_translation

        enqueue_translation(session, reply)
        queue_delivery(session, reply)
        reply_id = reply.id
    relay[0].refuse = 1
    work(database, mail_settings)  # translated, then the relay says 421
    with database.session() as session:
        waiting = session.get(Message, reply_id)
        assert waiting is not None
        assert waiting.delivery_state == "queued"
        assert "421" in (waiting.delivery_error or "")
        from gateway.i18n import set_locale
        from gateway.web.views import delivery_badge

        set_locale("ja")  # what the agent sees on the reply: still sending, and why
        badge = delivery_badge(waiting)
        assert badge is not None
        assert badge.label == "送信待ち"
        assert badge.title.startswith("再送待ち: 421")
        from gateway.models import WorkItem

        item = session.scalars(select(WorkItem).where(WorkItem.kind == "mail.send_message")).one()
        item.next_attempt_at = item.next_attempt_at.replace(year=2000)  # the backoff has passed
    work(database, mail_settings)

    [mail] = relay[0].received
    assert mail["In-Reply-To"] == "<emily-1@example.com>"
    assert mail["Subject"].startswith("Re: Order 48812 [#KH-")
    body = mail.get_body(("plain",))
    assert body is not None
    assert "Xzlzsn" in body.get_content()  # the ja→en test model's rendering of "Yamato"
    with database.session() as session:
        sent = session.get(Message, reply_id)
        assert sent is not None
        assert sent.delivery_state == "sent"
        assert sent.mail_message_id == mail["Message-ID"]
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.first_responded_at is not None


def test_a_bounce_marks_our_mail_failed_and_opens_no_conversation(
    database: Database, mail_settings: Settings, services: MailServices, relay: tuple[Relay, int]
) -> None:
    raw, _ = big5_mail(subject="寄送到台灣", body="請問可以寄到台灣嗎？")
    deliver(services, raw, sender="lin@example.tw")
    work(database, mail_settings)
    [ack] = relay[0].received
    bounce = (
        "From: MAILER-DAEMON@mx.example.tw\r\n"
        f"To: {SUPPORT}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce-1@mx.example.tw>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.tw\r\n\r\n"
        "Final-Recipient: rfc822; lin@example.tw\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {ack['Message-ID']}\r\nSubject: x\r\n\r\n"
        "--b--\r\n"
    ).encode()
    deliver(services, bounce, sender="")
    work(database, mail_settings)
    with database.session() as session:
        assert len(session.scalars(select(Conversation)).all()) == 1
        acknowledged = session.scalars(select(Message).where(Message.is_automatic)).one()
        assert acknowledged.delivery_state == "failed"
        assert "5.1.1" in (acknowledged.delivery_error or "")


def test_mail_for_other_addresses_is_refused_at_rcpt(
    services: MailServices, database: Database
) -> None:
    assert services.listener is not None
    with smtplib.SMTP("127.0.0.1", services.listener.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.sendmail("a@example.com", ["someone-else@shop.example"], b"Subject: x\r\n\r\nhi")
    with database.session() as session:
        assert session.scalars(select(InboundMail)).all() == []
