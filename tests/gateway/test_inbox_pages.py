"""The inbox pages and the replies API, below the browser: what an agent sees and what is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.models import (
    Attachment,
    Conversation,
    Message,
    ReplyTemplate,
    TranslationState,
    utcnow,
)
from gateway.workers.queue import claim
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

ZH_HANT = "您好，我訂購的和服還沒有收到，請問什麼時候會寄出？謝謝。"


def translate(database: Database, message_id: int, text: str, back: str | None = None) -> None:
    """What the translation worker stores (the worker itself is covered by its own tests)."""
    with database.session() as session:
        message = session.get(Message, message_id)
        assert message is not None
        message.translation_text = text
        message.back_translation = back
        message.translation_state = TranslationState.DONE
        message.translation_score = 0.9
        message.translated_at = utcnow()


def test_the_inbox_lists_an_inquiry_with_its_language_status_time_left_and_japanese(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    inquiry = post_inquiry(client, auth, ZH_HANT)
    assert inquiry["language"] == "zh-Hant"
    translate(database, inquiry["message_id"], "こんにちは、注文した着物がまだ届きません。")
    sign_in(client)
    page = client.get("/inbox").text
    assert "中国語 (繁体字)" in page
    assert "未対応" in page
    assert "こんにちは、注文した着物がまだ届きません。" in page
    assert "残り 23時間59分" in page or "残り 24時間0分" in page


def test_an_overdue_conversation_is_marked_and_counted(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    inquiry = post_inquiry(client, auth, "Hello, my order has not arrived yet. Please help.")
    with database.session() as session:
        conversation = session.get(Conversation, inquiry["conversation_id"])
        assert conversation is not None
        conversation.first_response_due_at = utcnow() - timedelta(hours=2, minutes=5)
    sign_in(client)
    page = client.get("/inbox").text
    assert "2時間5分 超過" in page or "2時間6分 超過" in page
    assert 'class="count count-overdue"' in page


def test_the_conversation_page_shows_original_and_japanese_side_by_side(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    inquiry = post_inquiry(client, auth, ZH_HANT)
    conversation_id = inquiry["conversation_id"]
    sign_in(client)
    pending = client.get(f"/inbox/conversations/{conversation_id}").text
    assert "翻訳中" in pending
    translate(database, inquiry["message_id"], "着物がまだ届きません。")
    page = client.get(f"/inbox/conversations/{conversation_id}").text
    assert ZH_HANT in page
    assert "着物がまだ届きません。" in page
    assert 'lang="zh-Hant"' in page
    assert "翻訳中" not in page
    assert "返信 <small>→ 中国語 (繁体字)" in page


def test_buyer_content_is_escaped(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    conversation_id = post_inquiry(client, auth, f"Hello {hostile} where is my order?")[
        "conversation_id"
    ]
    sign_in(client)
    for path in ("/inbox", f"/inbox/conversations/{conversation_id}"):
        page = client.get(path).text
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_reply_flow_check_translation_then_send(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    agent_id = make_agent(database)
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    csrf = sign_in(client)
    base = f"/inbox/conversations/{conversation_id}"
    missing = client.post(
        f"{base}/reply", data={"text_ja": "ご注文{注文番号}は発送済みです。", "csrf_token": csrf}
    )
    assert missing.status_code == 422
    assert "{注文番号}" in missing.text
    response = client.post(
        f"{base}/reply",
        data={"text_ja": "ご注文A-1は本日発送いたしました。", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with database.session() as session:
        draft = session.scalars(select(Message).where(Message.delivery_state == "draft")).one()
        assert (draft.translation_language, draft.translation_state) == ("zh-Hant", "pending")
        draft_id = draft.id
    # Not translated yet: the agent cannot send what they have not seen.
    early = client.post(f"{base}/reply/{draft_id}/send", data={"csrf_token": csrf})
    assert early.status_code == 422
    translate(database, draft_id, "您的訂單A-1今天已寄出。", back="ご注文A-1は本日発送されました。")
    page = client.get(base).text
    assert "您的訂單A-1今天已寄出。" in page
    assert "ご注文A-1は本日発送されました。" in page
    assert "中国語 (繁体字)で送信" in page
    sent = client.post(
        f"{base}/reply/{draft_id}/send", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert sent.status_code == 303
    with database.session() as session:
        message = session.get(Message, draft_id)
        conversation = session.get(Conversation, conversation_id)
        assert message is not None
        assert conversation is not None
        assert message.delivery_state == "sent"  # an API conversation: delivered by storing it
        assert conversation.status == "pending"
        assert conversation.assignee_id == agent_id
        assert conversation.first_responded_at is not None
    again = client.post(f"{base}/reply/{draft_id}/send", data={"csrf_token": csrf})
    assert again.status_code == 422


def test_editing_the_japanese_translates_the_draft_again(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    csrf = sign_in(client)
    base = f"/inbox/conversations/{conversation_id}"
    client.post(f"{base}/reply", data={"text_ja": "最初の文面です。", "csrf_token": csrf})
    with database.session() as session:
        draft_id = session.scalars(
            select(Message.id).where(Message.delivery_state == "draft")
        ).one()
    translate(database, draft_id, "第一版。", back="第一版です。")
    client.post(f"{base}/reply", data={"text_ja": "直した文面です。", "csrf_token": csrf})
    with database.session() as session:
        drafts = session.scalars(select(Message).where(Message.delivery_state == "draft")).all()
        assert [(d.id, d.text, d.translation_state, d.translation_text) for d in drafts] == [
            (draft_id, "直した文面です。", "pending", None)
        ]
        work = claim(
            session,
            ["translation.translate_message"],
            worker="test",
            lease=timedelta(seconds=30),
            limit=10,
        )
        assert draft_id in [item.subject_id for item in work.items]


@pytest.mark.usefixtures("reply_models")
def test_each_agent_writes_their_own_draft(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    make_agent(database, email="tanaka@example.jp", name="田中 一郎")
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    base = f"/inbox/conversations/{conversation_id}"
    csrf = sign_in(client)
    client.post(f"{base}/reply", data={"text_ja": "佐藤の下書きです。", "csrf_token": csrf})
    client.cookies.clear()
    csrf = sign_in(client, email="tanaka@example.jp")
    assert "佐藤の下書きです。" not in client.get(base).text
    client.post(f"{base}/reply", data={"text_ja": "田中の下書きです。", "csrf_token": csrf})
    assert "田中の下書きです。" in client.get(base).text
    with database.session() as session:
        drafts = session.scalars(select(Message.text).where(Message.delivery_state == "draft"))
        assert sorted(drafts) == ["佐藤の下書きです。", "田中の下書きです。"]


def test_an_internal_note_is_shown_to_agents_and_never_sent(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    csrf = sign_in(client)
    client.post(
        f"/inbox/conversations/{conversation_id}/notes",
        data={"text_ja": "常連のお客様。送料は当店負担で対応。", "csrf_token": csrf},
    )
    page = client.get(f"/inbox/conversations/{conversation_id}").text
    assert "常連のお客様。送料は当店負担で対応。" in page
    assert "社内メモ・送信されません" in page
    with database.session() as session:
        note = session.scalars(select(Message).where(Message.direction == "note")).one()
        assert note.delivery_state is None
        assert note.translation_state == "not_needed"
    api = client.get(f"/api/v1/conversations/{conversation_id}", headers=auth).json()
    assert api["latest_message"]["direction"] == "inbound"


def test_status_and_assignee_change_with_one_click(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    agent_id = make_agent(database)
    other_id = make_agent(database, email="tanaka@example.jp", name="田中 一郎")
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    csrf = sign_in(client)
    base = f"/inbox/conversations/{conversation_id}"
    client.post(f"{base}/assignee", data={"agent_id": "me", "csrf_token": csrf})
    client.post(f"{base}/status", data={"status": "resolved", "csrf_token": csrf})
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert (conversation.assignee_id, conversation.status) == (agent_id, "resolved")
        assert conversation.resolved_at is not None
    client.post(f"{base}/assignee", data={"agent_id": str(other_id), "csrf_token": csrf})
    client.post(f"{base}/status", data={"status": "open", "csrf_token": csrf})
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert (conversation.assignee_id, conversation.status) == (other_id, "open")
        assert conversation.resolved_at is None
    assert "田中 一郎" in client.get("/inbox").text


def test_search_and_keyset_pages_in_the_inbox(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    for number in range(52):
        post_inquiry(client, auth, f"Hello, question {number} about shipping to Canada.")
    post_inquiry(client, auth, "The kimono sleeve has a stain, can I return it?")
    sign_in(client)
    first = client.get("/inbox").text
    assert first.count("data-row ") == 50
    cursor = first.split("cursor=")[1].split('"')[0]
    second = client.get(f"/inbox?status=open&cursor={cursor}").text
    assert second.count("data-row ") == 3
    found = client.get("/inbox", params={"q": "stain"}).text
    assert found.count("data-row ") == 1
    assert "sleeve" in found
    nothing = client.get("/inbox", params={"q": "zzz-nothing"}).text
    assert "「zzz-nothing」に一致する問い合わせはありません" in nothing


@pytest.mark.usefixtures("reply_models")
def test_templates_offer_the_default_examples_until_the_shop_has_its_own(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database, role="admin")
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    csrf = sign_in(client)
    page = client.get(f"/inbox/conversations/{conversation_id}").text
    assert "誠に申し訳ございません" in page or "大変申し訳ございません" in page
    client.post(
        "/inbox/templates",
        data={
            "name": "入荷待ち",
            "category": "在庫",
            "body_ja": "恐れ入りますが、{商品名}は{入荷日}の入荷予定です。",
            "csrf_token": csrf,
        },
    )
    page = client.get(f"/inbox/conversations/{conversation_id}").text
    assert "入荷待ち" in page
    assert "大変申し訳ございません" not in page
    with database.session() as session:
        template = session.scalars(select(ReplyTemplate)).one()
        assert template.category == "在庫"


def test_attachments_download_as_attachments_with_a_safe_type(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    inquiry = post_inquiry(client, auth, ZH_HANT)
    with database.session() as session:
        html = Attachment(
            message_id=inquiry["message_id"],
            filename="請求書.html",
            declared_type="image/png",
            sniffed_type="text/html",
            size=30,
            sha256="0" * 64,
            content=b"<script>alert(1)</script>",
        )
        photo = Attachment(
            message_id=inquiry["message_id"],
            filename="photo.png",
            declared_type="image/png",
            sniffed_type="image/png",
            size=8,
            sha256="1" * 64,
            content=b"\x89PNG\r\n\x1a\n",
        )
        session.add_all([html, photo])
        session.flush()
        html_id, photo_id = html.id, photo.id
    sign_in(client)
    page = client.get(f"/inbox/conversations/{inquiry['conversation_id']}").text
    assert "請求書.html" in page
    response = client.get(f"/inbox/attachments/{html_id}")
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert (
        "filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.html"
        in response.headers["content-disposition"]
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    image = client.get(f"/inbox/attachments/{photo_id}")
    assert image.headers["content-type"] == "image/png"
    assert image.headers["content-disposition"].startswith("attachment;")


@pytest.mark.usefixtures("reply_models")
def test_replies_api_creates_a_reply_and_queues_it(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    conversation_id = post_inquiry(client, auth, ZH_HANT)["conversation_id"]
    url = f"/api/v1/conversations/{conversation_id}/replies"
    draft = client.post(url, json={"text_ja": "確認いたします。", "send": False}, headers=auth)
    assert draft.status_code == 201
    body = draft.json()
    assert body["direction"] == "outbound"
    assert body["translation"]["language"] == "zh-Hant"
    assert body["translation"]["state"] == "pending"
    queued = client.post(url, json={"text_ja": "発送いたしました。", "send": True}, headers=auth)
    assert queued.status_code == 201
    with database.session() as session:
        states = {
            m.text: m.delivery_state
            for m in session.scalars(select(Message).where(Message.direction == "outbound"))
        }
    assert states == {"確認いたします。": "draft", "発送いたしました。": "queued"}
    assert client.post(url, json={"text_ja": "x", "send": True}).status_code == 401
    missing = client.post("/api/v1/conversations/999/replies", json={"text_ja": "x"}, headers=auth)
    assert missing.status_code == 404
    empty = client.post(url, json={"text_ja": "   ", "send": False}, headers=auth)
    assert empty.status_code == 422
