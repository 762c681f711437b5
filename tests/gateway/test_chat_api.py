"""The buyer chat API on SQLite and PostgreSQL: a token opens one conversation and nothing else,
only the shop's storefronts may call it, floods get 429 with Retry-After, long messages 413,
and the event stream resumes after Last-Event-ID with buyer-facing text only."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from gateway.chat.tokens import hash_token
from gateway.chatlog import stream
from gateway.cli.faq_cmd import faq
from gateway.db import Database
from gateway.inbox import service as inbox
from gateway.mailbox.outbound import SendMail
from gateway.models import (
    Agent,
    ChatEvent,
    Conversation,
    ConversationStatus,
    Message,
    SlaEvent,
    TranslationState,
    WorkItem,
    utcnow,
)
from gateway.outbox.service import SEND_MAIL
from gateway.ratelimit import chat_limits
from gateway.settings import Settings, set_settings
from gateway.workers.runner import WorkerPool
from tests.browser.conftest import free_port
from tests.gateway.test_auth_web import make_agent, sign_in

STOREFRONT = "http://shop.example"
KOREAN = "주문한 기모노가 아직 도착하지 않았어요. 언제 배송되나요?"
REPLY_JA = "お問い合わせありがとうございます。本日発送いたしました。"
REPLY_KO = "문의해 주셔서 감사합니다. 오늘 발송했습니다."


@pytest.fixture(autouse=True)
def _chat_settings(settings: Settings) -> Iterator[Settings]:
    value = settings.model_copy(update={"chat_allowed_origins": [STOREFRONT]})
    set_settings(value)
    chat_limits.reset()
    yield value
    chat_limits.reset()


@pytest.fixture
def agent_at_work(database: Database) -> None:
    """An agent has the inbox open (seen just now)."""
    with database.session() as session:
        session.add(
            Agent(
                email="sato@example.jp",
                name="佐藤",
                password_hash="-",
                last_seen_at=utcnow(),
            )
        )


@pytest.fixture
def short_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streams end after a moment, so a test can read one to its end."""
    monkeypatch.setattr(stream, "STREAM_SECONDS", 0.5)


def configure(**changes: Any) -> None:
    from gateway.settings import get_settings

    set_settings(get_settings().model_copy(update=changes))


def start(client: TestClient, text: str = KOREAN, **extra: Any) -> dict[str, Any]:
    body = {"text": text, "locale": "ko-KR", "time_zone": "Asia/Seoul", **extra}
    response = client.post("/api/v1/chat/conversations", json=body, headers={"Origin": STOREFRONT})
    assert response.status_code == 201, response.text
    return dict(response.json())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Origin": STOREFRONT}


def deliver_reply(database: Database, conversation_id: int, *, text_ko: str = REPLY_KO) -> int:
    """An agent's reply whose Korean translation is done, confirmed for delivery (the path the
    translation worker takes once its translation is stored)."""
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        reply = inbox.write_reply(session, conversation, text_ja=REPLY_JA, author=None)
        reply.translation_state = TranslationState.DONE
        reply.translation_text = text_ko
        reply.back_translation = REPLY_JA
        inbox.send_reply(session, reply, sender=None)
        return reply.id


def conversation_id_for(database: Database, token: str) -> int:
    with database.session() as session:
        found = session.scalar(
            select(Conversation.id).where(Conversation.chat_token_hash == hash_token(token))
        )
    assert found is not None
    return found


def follow_stream(
    client: TestClient, token: str, *, messages: int
) -> tuple[threading.Thread, list[tuple[float, str]]]:
    """A widget's stream read in the background until ``messages`` texts arrived (each with
    when it did); returns once the first one (the conversation so far) is there."""
    received: list[tuple[float, str]] = []

    def listen() -> None:
        with client.stream("GET", "/api/v1/chat/events", headers=bearer(token)) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    received.append((time.monotonic(), json.loads(line[6:])["text"]))
                    if len(received) == messages:
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    deadline = time.monotonic() + 10
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert received, "the stream did not send the conversation so far"
    return listener, received


def send_mail_copies(database: Database, relay: object) -> None:
    """Run the mail worker once against a real local SMTP server handled by ``relay``."""
    controller = Controller(relay, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        configure(
            smtp_host="127.0.0.1",
            smtp_port=controller.port,
            smtp_starttls=False,
            mail_from="support@shop.example",
            shop_name="さくら着物店",
        )
        from gateway.settings import get_settings

        WorkerPool(database, get_settings(), [SendMail()]).run_once()
    finally:
        controller.stop()


def read_events(client: TestClient, token: str, last_event_id: str | None = None) -> list[Any]:
    headers = bearer(token)
    if last_event_id is not None:
        headers["Last-Event-ID"] = last_event_id
    events: list[Any] = []
    with client.stream("GET", "/api/v1/chat/events", headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["access-control-allow-origin"] == STOREFRONT
        current: dict[str, str] = {}
        for line in response.iter_lines():
            if line == "":
                if "data" in current:
                    events.append((int(current["id"]), json.loads(current["data"])))
                current = {}
            elif not line.startswith(":"):
                field, _sep, value = line.partition(": ")
                current[field] = value
    return events


# --- the conversation and its token --------------------------------------------------------


def test_a_chat_opens_a_conversation_in_the_buyers_language_with_a_hashed_token(
    client: TestClient, database: Database, agent_at_work: None
) -> None:
    started = start(client)
    token = started["token"]
    assert token.startswith("khc_")
    assert len(token) > 40
    conversation = started["conversation"]
    assert conversation["language"] == "ko"
    assert conversation["locale"] == "ko"
    assert conversation["email"] is None
    # The expected answer in Korean, the due time in the buyer's own time zone (Babel).
    expected = conversation["expected_reply"]
    assert expected["target_hours"] == 24
    assert "24시간 이내" in expected["text"]
    assert "(GMT+09:00)" in expected["text"]
    assert "요일" in expected["text"]

    with database.session() as session:
        row = session.scalars(select(Conversation)).one()
        assert row.channel == "chat"
        assert row.queue.language == "ko"
        assert row.first_response_due_at is not None
        assert row.chat_token_hash == hash_token(token)
        assert token not in json.dumps(
            [str(v) for v in session.execute(select(Conversation.__table__)).one()]
        )


def test_the_token_opens_its_own_conversation_and_no_other(
    client: TestClient, database: Database, short_streams: None
) -> None:
    first = start(client, "Hello, where is my order? It has not arrived yet.", locale="en")
    second = start(client)
    assert first["token"] != second["token"]

    sent = client.post(
        "/api/v1/chat/messages",
        json={"text": "주문 번호는 A-1024입니다."},
        headers=bearer(second["token"]),
    )
    assert sent.status_code == 201, sent.text
    texts_first = [e[1]["text"] for e in read_events(client, first["token"])]
    texts_second = [e[1]["text"] for e in read_events(client, second["token"])]
    assert texts_first == ["Hello, where is my order? It has not arrived yet."]
    assert texts_second == [KOREAN, "주문 번호는 A-1024입니다."]

    for headers in (
        {"Origin": STOREFRONT},
        {"Authorization": "Bearer khc_not-a-real-token", "Origin": STOREFRONT},
        {"Authorization": first["token"], "Origin": STOREFRONT},  # no scheme
    ):
        refused = client.post("/api/v1/chat/messages", json={"text": "hi"}, headers=headers)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "chat_token_invalid"
        assert client.get("/api/v1/chat/events", headers=headers).status_code == 401
    with database.session() as session:
        assert session.scalar(select(func.count(Message.id))) == 3


def test_a_shop_api_token_does_not_open_a_chat(
    client: TestClient, database: Database, api_token: str
) -> None:
    start(client)
    response = client.get("/api/v1/chat/conversation", headers=bearer(api_token))
    assert response.status_code == 401


# --- CORS -------------------------------------------------------------------------------------


def test_only_allowed_origins_may_call_the_chat(client: TestClient, database: Database) -> None:
    preflight = client.options(
        "/api/v1/chat/messages",
        headers={
            "Origin": STOREFRONT,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == STOREFRONT
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    assert "Last-Event-ID" in preflight.headers["access-control-allow-headers"]

    evil = "http://evil.example"
    refused_preflight = client.options(
        "/api/v1/chat/conversations",
        headers={"Origin": evil, "Access-Control-Request-Method": "POST"},
    )
    assert refused_preflight.status_code == 403
    assert "access-control-allow-origin" not in refused_preflight.headers

    refused = client.post(
        "/api/v1/chat/conversations", json={"text": KOREAN}, headers={"Origin": evil}
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in refused.headers
    assert client.get("/api/v1/chat/strings", headers={"Origin": evil}).status_code == 403
    with database.session() as session:
        assert session.scalar(select(func.count(Conversation.id))) == 0

    allowed = client.get("/api/v1/chat/strings", headers={"Origin": STOREFRONT})
    assert allowed.headers["access-control-allow-origin"] == STOREFRONT
    assert "Origin" in allowed.headers["vary"]


# --- limits -----------------------------------------------------------------------------------


def test_a_flood_gets_429_with_retry_after_per_conversation_and_per_address(
    client: TestClient, database: Database
) -> None:
    configure(chat_messages_per_minute=2, chat_requests_per_minute=5)
    token = start(client)["token"]
    for text in ("하나", "둘"):
        assert (
            client.post(
                "/api/v1/chat/messages", json={"text": text}, headers=bearer(token)
            ).status_code
            == 201
        )
    refused = client.post("/api/v1/chat/messages", json={"text": "셋"}, headers=bearer(token))
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["access-control-allow-origin"] == STOREFRONT
    assert "Retry-After" in refused.headers["access-control-expose-headers"]
    assert refused.json()["error"]["code"] == "rate_limited"

    # Another conversation from the same address: one more start, then the address limit.
    start(client, "다른 질문이 있어요. 반품할 수 있나요?")
    flood = client.post(
        "/api/v1/chat/conversations",
        json={"text": "또 다른 질문"},
        headers={"Origin": STOREFRONT},
    )
    assert flood.status_code == 429
    assert int(flood.headers["retry-after"]) >= 1
    with database.session() as session:
        assert session.scalar(select(func.count(Conversation.id))) == 2
        assert session.scalar(select(func.count(Message.id))) == 4


def test_long_and_empty_messages_are_refused_with_the_limit(
    client: TestClient, database: Database
) -> None:
    configure(chat_max_message_chars=50)
    too_long = client.post(
        "/api/v1/chat/conversations",
        json={"text": "가" * 51, "locale": "ko"},
        headers={"Origin": STOREFRONT},
    )
    assert too_long.status_code == 413
    assert too_long.json()["error"]["code"] == "text_too_long"
    assert too_long.json()["error"]["details"]["limit"] == 50
    assert too_long.headers["access-control-allow-origin"] == STOREFRONT

    token = start(client, "가" * 50)["token"]
    empty = client.post("/api/v1/chat/messages", json={"text": "  \n "}, headers=bearer(token))
    assert empty.status_code == 422
    assert empty.json()["error"]["code"] == "empty_text"

    huge = client.post(
        "/api/v1/chat/messages",
        content=json.dumps({"text": "x" * 300_000}),
        headers={**bearer(token), "Content-Type": "application/json"},
    )
    assert huge.status_code == 413
    with database.session() as session:
        assert session.scalar(select(func.count(Message.id))) == 1


# --- the stream -------------------------------------------------------------------------------


def test_the_stream_resumes_after_last_event_id_with_buyer_facing_text_only(
    client: TestClient, database: Database, short_streams: None
) -> None:
    token = start(client)["token"]
    conversation_id = conversation_id_for(database, token)
    client.post(
        "/api/v1/chat/messages", json={"text": "주문 번호는 A-1024입니다."}, headers=bearer(token)
    )
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        agent_note = inbox.add_note(
            session, conversation, text_ja="社内メモ：配送業者に確認中", author=_agent(session)
        )
        draft = inbox.write_reply(session, conversation, text_ja="下書きです", author=None)
        assert agent_note.id
        assert draft.id
    reply_id = deliver_reply(database, conversation_id)

    everything = read_events(client, token)
    assert [seq for seq, _data in everything] == [1, 2, 3]
    assert [data["author"] for _seq, data in everything] == ["buyer", "buyer", "team"]
    assert everything[2][1] == {
        "id": reply_id,
        "author": "team",
        "text": REPLY_KO,
        "language": "ko",
        "created_at": everything[2][1]["created_at"],
        "automatic": False,
    }
    shown = json.dumps(everything, ensure_ascii=False)
    for secret in (REPLY_JA, "社内メモ", "下書き"):
        assert secret not in shown

    resumed = read_events(client, token, last_event_id="2")
    assert [(seq, data["text"]) for seq, data in resumed] == [(3, REPLY_KO)]
    assert read_events(client, token, last_event_id="3") == []


def _agent(session: Any) -> Any:
    from gateway.auth.passwords import hash_password
    from gateway.models import Agent

    agent = Agent(email="sato@shop.example", name="佐藤", password_hash=hash_password("x" * 12))
    session.add(agent)
    session.flush()
    return agent


def test_a_reply_reaches_an_open_stream_at_once(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No polling to speak of: only the commit's notification can bring the reply in time.
    configure(chat_poll_seconds=60.0)
    monkeypatch.setattr(stream, "STREAM_SECONDS", 20.0)
    token = start(client)["token"]
    conversation_id = conversation_id_for(database, token)
    listener, received = follow_stream(client, token, messages=2)
    committed_at = time.monotonic()
    deliver_reply(database, conversation_id)
    listener.join(15)
    assert [text for _at, text in received] == [KOREAN, REPLY_KO]
    assert received[1][0] - committed_at < 5  # far below the poll and heartbeat: the commit woke it


def test_a_reply_committed_elsewhere_arrives_without_an_in_process_notice(
    client: TestClient, database: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if from another process: on SQLite the stream's poll finds it, on PostgreSQL NOTIFY.
    configure(chat_poll_seconds=0.3)
    monkeypatch.setattr(stream, "STREAM_SECONDS", 20.0)
    token = start(client)["token"]
    conversation_id = conversation_id_for(database, token)
    listener, received = follow_stream(client, token, messages=2)
    elsewhere = Database(settings.database_url)  # its commits reach no stream of this process
    try:
        deliver_reply(elsewhere, conversation_id)
    finally:
        elsewhere.dispose()
    listener.join(15)
    assert [text for _at, text in received] == [KOREAN, REPLY_KO]


def test_one_conversation_cannot_hold_open_endless_streams(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gateway.chat import endpoints

    monkeypatch.setattr(endpoints, "MAX_STREAMS_PER_CONVERSATION", 2)
    monkeypatch.setattr(stream, "STREAM_SECONDS", 5.0)
    token = start(client)["token"]
    opened = threading.Barrier(3)
    checked = threading.Event()

    def hold() -> None:
        with client.stream("GET", "/api/v1/chat/events", headers=bearer(token)) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    opened.wait(10)
                    checked.wait(10)  # keep this stream open until the third one was tried
                    return

    holders = [threading.Thread(target=hold, daemon=True) for _ in range(2)]
    for holder in holders:
        holder.start()
    opened.wait(10)
    third = client.get("/api/v1/chat/events", headers=bearer(token))
    assert third.status_code == 429
    assert third.json()["error"]["code"] == "too_many_streams"
    assert third.headers["retry-after"] == "30"
    checked.set()
    for holder in holders:
        holder.join(10)


# --- delivery, SLA, e-mail copy -----------------------------------------------------------------


def test_a_chat_reply_stops_the_clock_when_delivered_and_a_later_message_reopens(
    client: TestClient, database: Database, agent_at_work: None
) -> None:
    token = start(client)["token"]
    conversation_id = conversation_id_for(database, token)
    reply_id = deliver_reply(database, conversation_id)
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        reply = session.get(Message, reply_id)
        assert conversation is not None
        assert reply is not None
        assert reply.delivery_state == "sent"
        assert conversation.first_responded_at == reply.sent_at
        assert conversation.status == "pending"
        inbox.set_status(session, conversation, ConversationStatus.RESOLVED)

    again = client.post(
        "/api/v1/chat/messages",
        json={"text": "감사합니다. 하나 더 물어봐도 될까요?"},
        headers=bearer(token),
    )
    assert again.status_code == 201
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.status == "open"
        assert conversation.next_response_due_at is not None
    state = client.get("/api/v1/chat/conversation", headers=bearer(token)).json()
    assert "24시간 이내" in state["expected_reply"]["text"]


def test_an_email_left_in_the_chat_gets_the_reply_by_mail_too(
    client: TestClient, database: Database
) -> None:
    token = start(client)["token"]
    conversation_id = conversation_id_for(database, token)
    saved = client.post(
        "/api/v1/chat/email", json={"email": "Minji@Example.kr"}, headers=bearer(token)
    )
    assert saved.status_code == 200, saved.text
    assert saved.json() == {"email": "m****@example.kr"}
    invalid = client.post(
        "/api/v1/chat/email", json={"email": "not-an-address"}, headers=bearer(token)
    )
    assert invalid.status_code == 422

    reply_id = deliver_reply(database, conversation_id)
    with database.session() as session:
        reply = session.get(Message, reply_id)
        conversation = session.get(Conversation, conversation_id)
        assert reply is not None
        assert conversation is not None
        assert conversation.chat_email == "minji@example.kr"
        # In the chat now, the clock stopped; the mail copy is in the outbox.
        assert session.scalar(select(ChatEvent.seq).where(ChatEvent.message_id == reply_id)) == 2
        assert conversation.first_responded_at == reply.sent_at
        assert reply.delivery_state == "queued"
        work = session.scalars(
            select(WorkItem).where(WorkItem.kind == SEND_MAIL, WorkItem.subject_id == reply_id)
        ).one()
        assert work.state == "pending"
        first_responded = conversation.first_responded_at

    # The mail worker sends the copy through a real SMTP server, in Korean.
    received: list[EmailMessage] = []

    class Relay:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            parsed = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            received.append(parsed)
            return "250 OK"

    send_mail_copies(database, Relay())
    assert len(received) == 1
    mail = received[0]
    assert mail["To"].addresses[0].addr_spec == "minji@example.kr"
    assert mail["Content-Language"] == "ko"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    assert REPLY_KO in body.get_content()
    assert REPLY_JA not in mail.as_string()
    with database.session() as session:
        reply = session.get(Message, reply_id)
        conversation = session.get(Conversation, conversation_id)
        assert reply is not None
        assert conversation is not None
        assert reply.delivery_state == "sent"
        assert conversation.first_responded_at == first_responded
        human_replies = session.scalar(
            select(func.count(SlaEvent.id)).where(
                SlaEvent.conversation_id == conversation_id, SlaEvent.kind == "human_reply"
            )
        )
        assert human_replies == 1


def test_an_automatic_faq_answer_follows_the_buyers_first_message(
    client: TestClient, database: Database, tmp_path: Path, short_streams: None
) -> None:
    import_faq(tmp_path)
    with database.session() as session:
        from gateway.queues.service import queue_for_language

        queue = queue_for_language(session, "ko", target_hours=24)
        queue.auto_answer, queue.auto_answer_min_score = True, 0.2
    token = start(client, "상품을 반품할 수 있나요? 반품 방법을 알려 주세요.")["token"]
    events = read_events(client, token)
    assert [data["author"] for _seq, data in events] == ["buyer", "team"]
    assert events[1][1]["automatic"] is True
    assert "반품" in events[1][1]["text"]


# --- FAQ while typing, strings, the script ------------------------------------------------------

FAQ = {
    "entries": [
        {
            "slug": "returns",
            "category": "返品・交換",
            "question": {"ja": "商品を返品できますか？", "ko": "상품을 반품할 수 있나요?"},
            "answer": {
                "ja": "商品到着後7日以内にご連絡いただければ、未使用品に限り返品を承ります。",
                "ko": "상품 도착 후 7일 이내에 연락 주시면 미사용 상품에 한해 반품해 드립니다.",
            },
        },
        {
            "slug": "customs-duties",
            "category": "配送",
            "question": {"ja": "関税はかかりますか？"},
            "answer": {"ja": "国によっては、受け取り時に関税がかかる場合があります。"},
        },
    ]
}


def import_faq(tmp_path: Path) -> None:
    path = tmp_path / "faq.json"
    path.write_text(json.dumps(FAQ, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(faq, ["import", str(path)])
    assert result.exit_code == 0, result.output


def test_faq_answers_while_typing_come_in_the_buyers_language_only(
    client: TestClient, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAKEHASHI_FAQ_LOCALES", "en,ko")
    import_faq(tmp_path)
    found = client.get(
        "/api/v1/chat/suggestions",
        params={"q": "반품하고 싶어요", "locale": "ko-KR"},
        headers={"Origin": STOREFRONT},
    )
    assert found.status_code == 200, found.text
    assert found.json()[0] == {
        "slug": "returns",
        "question": "상품을 반품할 수 있나요?",
        "answer": "상품 도착 후 7일 이내에 연락 주시면 미사용 상품에 한해 반품해 드립니다.",
    }
    # Customs has no Korean translation: the Japanese is never shown to a Korean buyer.
    customs = client.get("/api/v1/chat/suggestions", params={"q": "관세", "locale": "ko"}).json()
    assert all(answer["slug"] != "customs-duties" for answer in customs)
    assert client.get("/api/v1/chat/suggestions", params={"q": "", "locale": "ko"}).json() == []


@pytest.mark.parametrize(
    ("browser", "locale", "send", "direction"),
    [
        ("ko-KR", "ko", "보내기", "ltr"),
        ("zh-TW", "zh-Hant", "傳送", "ltr"),
        ("zh-CN", "zh-Hans", "发送", "ltr"),
        ("pt-BR", "pt", "Enviar", "ltr"),
        ("th", "th", "ส่ง", "ltr"),
        ("ar-EG", "ar", "إرسال", "rtl"),
        ("sw", "en", "Send", "ltr"),
        ("sw,fr-CA,en", "fr", "Envoyer", "ltr"),  # navigator.languages, best first
        ("en-GB,ko", "en", "Send", "ltr"),
    ],
)
def test_the_widget_speaks_the_browsers_language(
    client: TestClient, browser: str, locale: str, send: str, direction: str
) -> None:
    data = client.get("/api/v1/chat/strings", params={"locale": browser}).json()
    assert data["locale"] == locale
    assert data["dir"] == direction
    assert data["strings"]["send"] == send
    assert len(data["locales"]) >= 12
    assert {"tag": "ko", "name": "한국어"} in data["locales"]
    if locale != "en":
        english = client.get("/api/v1/chat/strings", params={"locale": "en"}).json()["strings"]
        same = [k for k, v in data["strings"].items() if v == english[k]]
        assert same in ([], ["send"]), same  # "Enviar"/"Send" aside, every word is translated


def test_widget_js_is_one_small_self_contained_script(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    body = response.text
    assert len(response.content) < 60_000
    assert "__WIDGET_CSS__" not in body
    assert ":host" in body  # the stylesheet travels inside the script
    assert "attachShadow" in body
    assert "innerHTML" not in body
    assert "insertAdjacentHTML" not in body
    assert response.headers["etag"]


def test_an_address_typed_into_the_chat_never_joins_a_known_buyers_history(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    known = client.post(
        "/api/v1/inquiries",
        json={
            "channel": "api",
            "customer": {"email": "minji@example.kr", "name": "Kim Minji"},
            "text": "주문 A-20931의 배송지를 바꾸고 싶어요.",
        },
        headers=auth,
    )
    assert known.status_code == 201, known.text
    # Someone else types Minji's address into the widget, at the start and later on.
    started = start(client, email="minji@example.kr")
    token = started["token"]
    assert started["conversation"]["email"] == "m****@example.kr"
    assert (
        client.post(
            "/api/v1/chat/email", json={"email": "MINJI@example.kr"}, headers=bearer(token)
        ).status_code
        == 200
    )
    with database.session() as session:
        chat = session.get(Conversation, conversation_id_for(database, token))
        minji = session.get(Conversation, known.json()["conversation_id"])
        assert chat is not None
        assert minji is not None
        assert chat.customer_id != minji.customer_id  # no shared history in the inbox
        assert chat.customer.email is None
        assert chat.chat_email == "minji@example.kr"
        assert chat.reply_address == "minji@example.kr"  # the copy still goes where they asked
        chat_id = chat.id
    # The agent sees the address marked as typed into the chat, not as the buyer's own.
    make_agent(database, email="tanaka@shop.example")
    sign_in(client, "tanaka@shop.example")
    page = client.get(f"/inbox/conversations/{chat_id}").text
    assert "minji@example.kr" in page
    assert "チャットで入力（未確認）" in page


def test_a_chat_reply_whose_mail_copy_bounces_still_counts_as_delivered(
    client: TestClient, database: Database
) -> None:
    token = start(client, email="nobody@example.kr")["token"]
    conversation_id = conversation_id_for(database, token)
    reply_id = deliver_reply(database, conversation_id)

    class Refusing:
        async def handle_RCPT(
            self, server: Any, session: Any, envelope: Any, address: str, options: Any
        ) -> str:
            return "550 5.1.1 no such mailbox"

    send_mail_copies(database, Refusing())
    from gateway.i18n import set_locale
    from gateway.web.views import delivery_badge

    with database.session() as session:
        reply = session.get(Message, reply_id)
        assert reply is not None
        assert reply.delivery_state == "sent"  # the buyer read it in the widget
        assert "5.1.1" in (reply.delivery_error or "")
        set_locale("ja")
        badge = delivery_badge(reply)
        assert badge is not None
        assert badge.label == "送信済み"
        assert badge.title.startswith("チャットでは届きましたが、メールの写しは送れませんでした")
        assert session.scalar(select(ChatEvent.seq).where(ChatEvent.message_id == reply_id)) == 2
