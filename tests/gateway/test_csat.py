"""Satisfaction surveys end to end: a real SMTP listener and relay, the outbox, the buyer's
one-click answer and comment, and the comment's translation for the agents; SQLite and
PostgreSQL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.csat.strings import survey_text
from gateway.csat.tasks import TranslateCsatComments
from gateway.db import Database
from gateway.mailbox.runtime import MailServices
from gateway.models import Conversation, CsatSurvey, LanguageQueue, Message
from gateway.settings import Settings
from gateway.translations.engine import get_engine
from gateway.workers.runner import WorkerPool
from tests.gateway.test_mail_flow import (  # noqa: F401 - pytest fixtures
    Relay,
    big5_mail,
    deliver,
    mail_settings,
    relay,
    services,
    work,
)

SATISFIED = re.compile(r"https?://\S+/csat/\d+/satisfied\?s=\w+")
UNSATISFIED = re.compile(r"https?://\S+/csat/\d+/unsatisfied\?s=\w+")


def _conversation_with_a_reply(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    settings: Settings,
    services: MailServices,  # noqa: F811
) -> int:
    """A buyer in Taiwan writes by mail (Big5) and an agent's reply reaches them."""
    raw, _message_id = big5_mail(subject="寄送到台灣", body="您好，請問可以寄到台灣嗎？")
    deliver(services, raw, sender="lin@example.tw")
    work(database, settings)
    with database.session() as session:
        conversation_id = session.scalars(
            select(Conversation.id).order_by(Conversation.id.desc()).limit(1)
        ).one()
    reply = client.post(
        f"/api/v1/conversations/{conversation_id}/replies",
        json={"text_ja": "はい、台湾へもお届けできます。", "send": True},
        headers=auth,
    )
    assert reply.status_code == 201, reply.text
    work(database, settings)
    return conversation_id


def _resolve(client: TestClient, auth: dict[str, str], conversation_id: int) -> None:
    response = client.patch(
        f"/api/v1/conversations/{conversation_id}", json={"status": "resolved"}, headers=auth
    )
    assert response.status_code == 200, response.text


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_a_resolved_mail_conversation_asks_once_in_the_buyers_language_and_a_click_counts(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    mail_settings: Settings,  # noqa: F811
    services: MailServices,  # noqa: F811
    relay: tuple[Relay, int],  # noqa: F811
) -> None:
    conversation_id = _conversation_with_a_reply(client, auth, database, mail_settings, services)
    before = len(relay[0].received)
    _resolve(client, auth, conversation_id)
    work(database, mail_settings)

    [survey_mail] = relay[0].received[before:]
    assert survey_mail["To"].addresses[0].addr_spec == "lin@example.tw"
    assert survey_mail["Subject"] == "我們的服務如何？Sakura Kimono 客服"
    assert survey_mail["Auto-Submitted"] == "auto-replied"
    body = survey_mail.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "滿意" in text
    assert "不滿意" in text
    good = SATISFIED.search(text)
    bad = UNSATISFIED.search(text)
    assert good is not None
    assert bad is not None

    page = client.get(_path(good.group(0)))
    assert page.status_code == 200
    assert "感謝您的回答" in page.text
    assert 'lang="zh-Hant"' in page.text
    # Single use: a second click, or the other answer, changes nothing.
    again = client.get(_path(bad.group(0)))
    assert "您已經回答過這份問卷" in again.text
    forged = client.get(_path(good.group(0)).replace("satisfied?s=", "satisfied?s=0"))
    assert forged.status_code == 404

    signature = re.search(r'name="s" value="(\w+)"', page.text)
    assert signature is not None
    survey_id = int(good.group(0).split("/csat/")[1].split("/")[0])
    sent = client.post(
        f"/csat/{survey_id}/comment",
        data={"s": signature.group(1), "text": "回覆很快，謝謝！"},
    )
    assert sent.status_code == 200
    assert "我們已收到您的意見" in sent.text
    pool = WorkerPool(database, mail_settings, [TranslateCsatComments()])
    for _ in range(5):
        if not pool.run_once():
            break
    with database.session() as session:
        survey = session.scalars(select(CsatSurvey)).one()
        assert survey.rating == "satisfied"
        assert survey.comment == "回覆很快，謝謝！"
        assert survey.comment_translation_state == "done"
        # What the engine (the copy-trained test models) gives for the comment, into Japanese.
        [expected] = get_engine().translate_many([survey.comment], source="zh-Hant", target="ja")
        assert survey.comment_ja == expected.text

    # Opened again and resolved again: the buyer is not asked twice.
    client.patch(f"/api/v1/conversations/{conversation_id}", json={"status": "open"}, headers=auth)
    _resolve(client, auth, conversation_id)
    work(database, mail_settings)
    assert len(relay[0].received) == before + 1


def test_no_survey_for_an_automatic_conversation_or_when_the_queue_turns_it_off(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    mail_settings: Settings,  # noqa: F811
    services: MailServices,  # noqa: F811
    relay: tuple[Relay, int],  # noqa: F811
) -> None:
    raw, _ = big5_mail(subject="寄送到台灣", body="您好，請問可以寄到台灣嗎？")
    deliver(services, raw, sender="lin@example.tw")
    work(database, mail_settings)
    with database.session() as session:
        automatic = session.scalars(select(Conversation.id)).one()
    _resolve(client, auth, automatic)  # only the acknowledgement went out: nobody answered
    with database.session() as session:
        assert session.scalars(select(CsatSurvey)).all() == []

    answered = _conversation_with_a_reply(client, auth, database, mail_settings, services)
    with database.session() as session:
        for queue in session.scalars(select(LanguageQueue)):
            queue.csat_survey = False
    _resolve(client, auth, answered)
    with database.session() as session:
        assert session.scalars(select(CsatSurvey)).all() == []


def test_no_survey_after_our_mail_bounced(
    client: TestClient,
    auth: dict[str, str],
    database: Database,
    mail_settings: Settings,  # noqa: F811
    services: MailServices,  # noqa: F811
    relay: tuple[Relay, int],  # noqa: F811
) -> None:
    conversation_id = _conversation_with_a_reply(client, auth, database, mail_settings, services)
    [ack, *_rest] = relay[0].received
    bounce = (
        "From: MAILER-DAEMON@mx.example.tw\r\nTo: support@shop.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce-9@mx.example.tw>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.tw\r\n\r\n"
        "Final-Recipient: rfc822; lin@example.tw\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {ack['Message-ID']}\r\nSubject: x\r\n\r\n--b--\r\n"
    ).encode()
    deliver(services, bounce, sender="")
    work(database, mail_settings)
    with database.session() as session:
        failed = session.scalars(select(Message).where(Message.delivery_state == "failed")).all()
        assert failed  # the bounce reached our records
    _resolve(client, auth, conversation_id)
    with database.session() as session:
        assert session.scalars(select(CsatSurvey)).all() == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ko", "상담은 어떠셨나요?"),
        ("zh-Hans", "我们的服务怎么样？"),
        ("pl", "How did we do?"),  # no Polish catalog: English, never Japanese
        ("und", "How did we do?"),
    ],
)
def test_the_survey_speaks_the_buyers_language_or_english(language: str, expected: str) -> None:
    text = survey_text(
        language=language,
        shop_name="Sakura",
        customer_name="",
        satisfied_url="https://x/1",
        unsatisfied_url="https://x/2",
    )
    assert text.subject.startswith(expected)
    assert not re.search(r"[\u3040-\u30ff]", text.text)  # no kana: never Japanese
