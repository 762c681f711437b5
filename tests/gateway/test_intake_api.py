"""POST /api/v1/inquiries, as the shop's systems use it."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from gateway.db import Database
from gateway.models import Conversation, Message, WorkItem
from tests.gateway.conftest import post_inquiry


def test_traditional_chinese_inquiry_is_routed_with_a_24_hour_target(
    client: TestClient, auth: dict[str, str]
) -> None:
    before = datetime.now().astimezone()
    body = post_inquiry(client, auth, "請問可以寄到台灣嗎？我的訂單還沒有出貨。")
    assert body["language"] == "zh-Hant"
    assert body["queue"] == "zh-Hant"
    due = datetime.fromisoformat(body["first_response_due_at"])
    assert due.tzinfo is not None
    assert timedelta(hours=23, minutes=59) < due - before < timedelta(hours=24, minutes=1)

    detail = client.get(f"/api/v1/conversations/{body['conversation_id']}", headers=auth).json()
    [message] = detail["messages"]
    assert message["id"] == body["message_id"]
    assert message["direction"] == "inbound"
    assert message["text"] == "請問可以寄到台灣嗎？我的訂單還沒有出貨。"
    assert message["language"] == "zh-Hant"
    assert message["translation"]["language"] == "ja"
    assert message["translation"]["state"] == "pending"


def test_inquiry_is_stored_with_its_translation_work_before_the_response(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    body = post_inquiry(client, auth, "Hello, where is my order 48812? It has not shipped yet.")
    with database.session() as session:
        message = session.get(Message, body["message_id"])
        assert message is not None
        assert message.language == "en"
        work = session.scalars(
            select(WorkItem).where(WorkItem.kind == "translation.translate_message")
        ).one()
        assert (work.kind, work.subject_id, work.state) == (
            "translation.translate_message",
            message.id,
            "pending",
        )
        assert work.group_key == "en>ja"


def test_japanese_inquiry_needs_no_translation(client: TestClient, auth: dict[str, str]) -> None:
    body = post_inquiry(client, auth, "先日注文した商品について質問があります。発送はいつですか？")
    assert body["language"] == "ja"
    detail = client.get(f"/api/v1/conversations/{body['conversation_id']}", headers=auth).json()
    translation = detail["messages"][0]["translation"]
    assert translation["state"] == "not_needed"
    assert translation["text"] == "先日注文した商品について質問があります。発送はいつですか？"


def test_language_hint_decides_a_short_ambiguous_text(
    client: TestClient, auth: dict[str, str]
) -> None:
    body = post_inquiry(client, auth, "ok", language_hint="ko-KR")
    assert body["language"] == "ko"


def test_same_buyer_gets_one_customer_and_queues_are_made_per_language(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    post_inquiry(client, auth, "Hello, I have a question about the size of the kimono.")
    post_inquiry(client, auth, "배송은 언제 되나요? 주문번호는 48812입니다.")
    queues = client.get("/api/v1/queues", headers=auth).json()
    assert {q["language"]: q["open"] for q in queues} == {"en": 1, "ko": 1}
    assert {q["language"]: q["name"] for q in queues}["ko"] == "韓国語"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 2


def test_missing_token_is_refused_with_a_hint(client: TestClient) -> None:
    response = client.post("/api/v1/inquiries", json={"text": "hello"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "kakehashi token create" in response.json()["error"]["message"]


def test_wrong_token_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/v1/inquiries", json={"text": "hello"}, headers={"Authorization": "Bearer kh_nope"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_bad_inquiries_get_errors_that_say_what_to_fix(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    cases = [
        ({"channel": "api"}, 422, "text"),
        ({"text": "   "}, 422, "empty"),
        ({"text": "hi", "language_hint": "klingon"}, 422, "BCP 47"),
        ({"text": "hi", "channel": "pigeon"}, 422, "channel"),
        ({"text": "hi", "customer": {"email": "not-an-address"}}, 422, "email"),
        ({"text": "x" * 20_001}, 413, "20000"),
    ]
    for body, status, hint in cases:
        response = client.post("/api/v1/inquiries", json=body, headers=auth)
        assert response.status_code == status, (body, response.text)
        error = response.json()["error"]
        assert hint in error["message"], (body, error)

    raw = client.post(
        "/api/v1/inquiries",
        content=b'{"text": "caf\xe9"}',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert raw.status_code == 400
    assert "JSON" in raw.json()["error"]["message"]
    broken = client.post(
        "/api/v1/inquiries",
        content=b"{not json",
        headers={**auth, "Content-Type": "application/json"},
    )
    assert broken.status_code == 400

    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 0


def test_errors_speak_japanese_when_asked(client: TestClient) -> None:
    response = client.post(
        "/api/v1/inquiries", json={"text": "hello"}, headers={"Accept-Language": "ja"}
    )
    assert response.status_code == 401
    assert "APIトークン" in response.json()["error"]["message"]
