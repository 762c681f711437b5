"""Automatic mail over real SMTP: held for review, never a conversation, never answered.

A real SMTP client delivers to the listener the app runs, the worker processes the mail, and the
outbox sends through a real local relay (aiosmtpd), on SQLite and PostgreSQL. Settings are the
defaults but for what mail needs at all (where to listen, our address, the relay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from gateway.db import Database
from gateway.inbox.service import set_status
from gateway.mailbox.held import PurgeHeldMail
from gateway.mailbox.runtime import MailServices, start_mail_services
from gateway.models import (
    Conversation,
    ConversationStatus,
    HeldMail,
    InboundMail,
    Message,
    SlaEvent,
)
from gateway.settings import Settings, set_settings
from gateway.wiring import all_jobs
from mail.automatic import (
    AUTO_SUBMITTED,
    AUTOREPLY_HEADER,
    MAILING_LIST,
    OUR_ADDRESS,
    OUT_OF_OFFICE,
    X_LOOP,
)
from tests.gateway.test_auth_web import csrf_from, make_agent, sign_in
from tests.gateway.test_mail_flow import Relay, deliver, work
from tests.mail.conftest import SUPPORT as CORPUS_SUPPORT
from tests.mail.conftest import free_port
from tests.mail.make_automatic_fixtures import OUR_ACK
from translation.packages import install_file

MODELS = Path(__file__).parent.parent / "fixtures" / "models"
CORPUS = Path(__file__).parent.parent / "mail" / "fixtures" / "automatic"
SUPPORT = "support@shop.example"
BUYER = "emily.carter@gmail.example"

# The six cases of issue 16, each with the reason it must be held for.
SIX = [
    ("gmail_vacation_auto_submitted.eml", AUTO_SUBMITTED),
    ("vacation_x_autoreply_es.eml", AUTOREPLY_HEADER),
    ("groupware_fuzai_iso2022jp.eml", OUT_OF_OFFICE),
    ("mailing_list_digest.eml", MAILING_LIST),
    ("our_ack_forwarded_back.eml", OUR_ADDRESS),
    ("x_loop_auto_forwarder.eml", X_LOOP),
]
# What an administrator reads for each reason on the held-mail page.
LABELS = {
    AUTO_SUBMITTED: "Auto-Submitted ヘッダー",
    AUTOREPLY_HEADER: "自動返信ヘッダー",
    OUT_OF_OFFICE: "不在通知",
    MAILING_LIST: "メーリングリスト",
    OUR_ADDRESS: "当店のサポートアドレス",
    X_LOOP: "X-Loop",
}


@pytest.fixture
def relay() -> Iterator[tuple[Relay, int]]:
    handler = Relay()
    port = free_port()
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
            "shop_name": "Sakura Tea",
        }
    )
    set_settings(value)
    for pair in ("en_ja", "ja_en"):
        install_file(MODELS / f"translate-{pair}-test.argosmodel", value.resolved_models_dir)
    return value


@pytest.fixture
def services(database: Database, mail_settings: Settings) -> Iterator[MailServices]:
    running = start_mail_services(database, mail_settings)
    yield running
    running.stop()


@pytest.fixture
def web(database: Database, mail_settings: Settings) -> Iterator[TestClient]:
    from gateway.app import create_app

    with TestClient(create_app()) as client:
        yield client


def corpus_mail(name: str, *, ack_id: str) -> bytes:
    """A corpus mail as it reaches this shop: our address, and our real acknowledgement's id."""
    raw = (CORPUS / name).read_bytes()
    raw = raw.replace(OUR_ACK.encode(), ack_id.encode())
    return raw.replace(CORPUS_SUPPORT.encode(), SUPPORT.encode())


def envelope_sender(raw: bytes) -> str:
    match = re.search(rb"^From:.*<([^>]+)>", raw, re.M | re.I) or re.search(
        rb"^From: *(\S+@\S+)", raw, re.M | re.I
    )
    assert match is not None
    return match.group(1).decode()


def buyer_writes(services: MailServices, database: Database, settings: Settings) -> str:
    raw = (
        f"From: Emily Carter <{BUYER}>\r\nTo: {SUPPORT}\r\nSubject: Order A1031\r\n"
        "Message-ID: <CAHk7vXw0z9Qm=first@mail.gmail.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hello, my order A1031 has not arrived yet. When will it ship?\r\n"
    ).encode()
    deliver(services, raw, sender=BUYER)
    work(database, settings)
    with database.session() as session:
        ack = session.scalars(select(Message).where(Message.is_automatic)).one()
        assert ack.mail_message_id is not None
        return ack.mail_message_id


def test_the_six_automatic_mails_open_nothing_send_nothing_and_are_listed_with_their_reason(
    database: Database,
    mail_settings: Settings,
    services: MailServices,
    relay: tuple[Relay, int],
    web: TestClient,
    auth: dict[str, str],
) -> None:
    ack_id = buyer_writes(services, database, mail_settings)
    assert len(relay[0].received) == 1  # the buyer's acknowledgement
    with database.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        set_status(session, conversation, ConversationStatus.RESOLVED)  # the agent closed it
    with database.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        before = (
            conversation.status,
            conversation.last_message_at,
            conversation.first_response_due_at,
            conversation.next_response_due_at,
        )
        clock_events = session.scalar(select(func.count()).select_from(SlaEvent))

    for name, _reason in SIX:
        raw = corpus_mail(name, ack_id=ack_id)
        deliver(services, raw, sender=envelope_sender(raw))
    work(database, mail_settings)

    assert len(relay[0].received) == 1  # no acknowledgement, no reply: nothing more went out
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 1
        assert session.scalar(select(func.count()).select_from(Message)) == 2  # inquiry + ack
        held = {row.subject: row for row in session.scalars(select(HeldMail))}
        assert sorted(row.reason for row in held.values()) == sorted(r for _n, r in SIX)
        mails = session.scalars(select(InboundMail).where(InboundMail.outcome == "held")).all()
        assert len(mails) == 6
        assert all(mail.raw and mail.conversation_id is None for mail in mails)  # raw kept
        # The buyer's own out-of-office answers her conversation: an event, nothing more.
        vacation = held["Away until May 10"]
        assert vacation.conversation_id == conversation.id
        same = session.get(Conversation, conversation.id)
        assert same is not None
        after = (
            same.status,
            same.last_message_at,
            same.first_response_due_at,
            same.next_response_due_at,
        )
        assert after == before  # not reopened, no clock restarted
        assert same.status == ConversationStatus.RESOLVED
        assert session.scalar(select(func.count()).select_from(SlaEvent)) == clock_events
        conversation_id = conversation.id

    make_agent(database, email="admin@shop.example", role="admin")
    sign_in(web, "admin@shop.example")
    page = web.get("/admin/held-mail")
    assert page.status_code == 200
    assert "自動送信・保留メール" in page.text
    for _name, reason in SIX:
        assert f'data-reason="{reason}"' in page.text
        assert LABELS[reason] in page.text
    assert "不在のお知らせ" in page.text  # the ISO-2022-JP subject, decoded
    timeline = web.get(f"/inbox/conversations/{conversation_id}").text
    assert "自動返信を受信しました" in timeline
    assert "Away until May 10" in timeline
    detail = web.get(f"/api/v1/conversations/{conversation_id}", headers=auth).json()
    assert [m["direction"] for m in detail["messages"]] == ["inbound", "outbound"]
    assert [(e["kind"], e["reason"]) for e in detail["events"]] == [
        ("automatic_mail_held", AUTO_SUBMITTED)
    ]
    assert detail["status"] == "resolved"


def test_genuine_inquiries_that_look_automatic_still_open_conversations(
    database: Database, mail_settings: Settings, services: MailServices, relay: tuple[Relay, int]
) -> None:
    for name in (
        "genuine_subject_auto_reply_product.eml",
        "genuine_mail_merge_bulk.eml",
        "genuine_fuzaihyou_ja.eml",
        "genuine_subject_respuesta_automatica_es.eml",
    ):
        raw = corpus_mail(name, ack_id="<unused@shop.example>")
        deliver(services, raw, sender=envelope_sender(raw))
    work(database, mail_settings)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(HeldMail)) == 0
        subjects = set(session.scalars(select(Conversation.subject)))
    assert subjects == {
        "Auto reply setting on the smart kettle?",
        "Wholesale inquiry: matcha for our café in Lyon",
        "不在票が入っていました",
        "Respuesta automática no recibida – pedido A1090",
    }
    acknowledged = {mail["To"].addresses[0].addr_spec for mail in relay[0].received}
    assert "claire@cafe-lyon.example.fr" not in acknowledged  # Precedence: bulk, as before
    assert "mark.davis@gmail.example" in acknowledged


def test_restoring_a_held_mail_makes_a_conversation_an_agent_can_answer(
    database: Database,
    mail_settings: Settings,
    services: MailServices,
    relay: tuple[Relay, int],
    web: TestClient,
    auth: dict[str, str],
) -> None:
    raw = corpus_mail("gmail_vacation_auto_submitted.eml", ack_id="<1714521600.abc@x.example>")
    deliver(services, raw, sender=BUYER)
    work(database, mail_settings)
    with database.session() as session:
        held = session.scalars(select(HeldMail)).one()
        assert held.conversation_id is None
        held_id = held.id

    make_agent(database, email="admin@shop.example", role="admin")
    sign_in(web, "admin@shop.example")
    page = web.get("/admin/held-mail").text
    restored = web.post(
        f"/admin/held-mail/{held_id}/restore",
        data={"csrf_token": csrf_from(page)},
        follow_redirects=False,
    )
    assert restored.status_code == 303
    conversation_id = int(restored.headers["location"].rsplit("/", 1)[1])
    assert "Away until May 10" not in web.get("/admin/held-mail").text  # no longer held
    shown = web.get(f"/inbox/conversations/{conversation_id}").text
    assert "travelling until May 10" in shown

    reply = web.post(
        f"/api/v1/conversations/{conversation_id}/replies",
        json={"text_ja": "承知いたしました。", "send": True},
        headers=auth,
    )
    assert reply.status_code == 201
    work(database, mail_settings)
    [sent] = relay[0].received  # the agent's reply, and no acknowledgement before it
    assert sent["To"].addresses[0].addr_spec == BUYER
    assert sent["In-Reply-To"] == "<CAHk7vXw0z9Qm=vacation@mail.gmail.example>"
    assert sent["Auto-Submitted"] is None
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.customer.email == BUYER
        assert conversation.first_response_due_at is not None  # it was in a queue, on the clock
        assert conversation.first_responded_at is not None  # and the agent's answer counted


def test_restoring_an_automatic_reply_adds_it_to_the_conversation_it_answers(
    database: Database,
    mail_settings: Settings,
    services: MailServices,
    relay: tuple[Relay, int],
    web: TestClient,
) -> None:
    ack_id = buyer_writes(services, database, mail_settings)
    raw = corpus_mail("gmail_vacation_auto_submitted.eml", ack_id=ack_id)
    deliver(services, raw, sender=BUYER)
    work(database, mail_settings)
    make_agent(database, email="admin@shop.example", role="admin")
    csrf = sign_in(web, "admin@shop.example")
    with database.session() as session:
        held = session.scalars(select(HeldMail)).one()
        first = session.scalars(select(Conversation)).one()
        held_id, first_id = held.id, first.id
    restored = web.post(
        f"/admin/held-mail/{held_id}/restore", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert restored.headers["location"] == f"/inbox/conversations/{first_id}"
    again = web.post(
        f"/admin/held-mail/{held_id}/restore", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert again.headers["location"] == f"/inbox/conversations/{first_id}"  # one click is enough
    with database.session() as session:
        texts = session.scalars(
            select(Message.text)
            .where(Message.conversation_id == first_id, Message.direction == "inbound")
            .order_by(Message.id)
        ).all()
        assert len(texts) == 2
        assert "travelling until May 10" in texts[1]
        assert session.scalar(select(func.count()).select_from(Conversation)) == 1


def test_the_held_list_is_for_administrators_and_restoring_needs_the_form_token(
    database: Database, mail_settings: Settings, services: MailServices, web: TestClient
) -> None:
    raw = corpus_mail("x_loop_auto_forwarder.eml", ack_id="<1714521600.abc@x.example>")
    deliver(services, raw, sender=envelope_sender(raw))
    work(database, mail_settings)
    with database.session() as session:
        held_id = session.scalars(select(HeldMail.id)).one()
    make_agent(database)  # a plain agent
    csrf = sign_in(web)
    assert web.get("/admin/held-mail").status_code == 403
    assert web.get(f"/admin/held-mail/{held_id}/raw").status_code == 403
    refused = web.post(f"/admin/held-mail/{held_id}/restore", data={"csrf_token": csrf})
    assert refused.status_code == 403
    assert "/admin/held-mail" not in web.get("/inbox").text  # no menu entry for agents

    web.post("/logout", data={"csrf_token": csrf})
    make_agent(database, email="admin@shop.example", role="admin")
    sign_in(web, "admin@shop.example")
    assert "/admin/held-mail" in web.get("/inbox").text
    forged = web.post(f"/admin/held-mail/{held_id}/restore", data={"csrf_token": "forged"})
    assert forged.status_code == 403
    original = web.get(f"/admin/held-mail/{held_id}/raw")
    assert original.status_code == 200
    assert original.content.endswith(raw)  # the mail as received, under our trace headers
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 0


def test_held_mail_past_retention_is_purged_and_metrics_count_by_reason(
    database: Database, mail_settings: Settings, services: MailServices, web: TestClient
) -> None:
    for name in ("mailing_list_digest.eml", "x_loop_auto_forwarder.eml"):
        raw = corpus_mail(name, ack_id="<1714521600.abc@x.example>")
        deliver(services, raw, sender=envelope_sender(raw))
    work(database, mail_settings)

    def held_gauge() -> dict[str, float]:
        text = web.get("/metrics").text
        return {
            sample.labels["reason"]: sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name == "kakehashi_held_mails"
        }

    gauge = held_gauge()
    assert gauge[MAILING_LIST] == 1
    assert gauge[X_LOOP] == 1
    assert gauge[OUT_OF_OFFICE] == 0  # every reason shows, at 0 when none is held

    assert mail_settings.held_mail_retention_days == 30  # the default
    with database.session() as session:
        old = session.scalars(select(HeldMail).where(HeldMail.reason == MAILING_LIST)).one()
        old.held_at = old.held_at - timedelta(days=31)
    [purger] = [job for job in all_jobs(mail_settings) if isinstance(job, PurgeHeldMail)]
    purger.housekeeping(database)
    with database.session() as session:
        assert [row.reason for row in session.scalars(select(HeldMail))] == [X_LOOP]
        assert session.scalar(select(func.count()).select_from(InboundMail)) == 1
    assert held_gauge()[MAILING_LIST] == 0
