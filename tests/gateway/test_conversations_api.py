"""GET /api/v1/conversations: filters, search over original and Japanese, keyset pages."""

from __future__ import annotations

from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.models import Message, TranslationState
from tests.gateway.conftest import post_inquiry


def test_pages_cover_every_conversation_once_newest_first(
    client: TestClient, auth: dict[str, str]
) -> None:
    ids = [
        post_inquiry(client, auth, f"Hello, question number {n} about my order.")["conversation_id"]
        for n in range(7)
    ]
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/conversations", params=params, headers=auth).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))


def test_filters_by_language_queue_and_status(client: TestClient, auth: dict[str, str]) -> None:
    en = post_inquiry(client, auth, "Hello, can you ship to Canada by EMS?")
    ko = post_inquiry(client, auth, "배송은 언제 되나요? 빨리 받고 싶어요.")
    by_language = client.get(
        "/api/v1/conversations", params={"language": "ko"}, headers=auth
    ).json()
    assert [i["id"] for i in by_language["items"]] == [ko["conversation_id"]]
    by_queue = client.get("/api/v1/conversations", params={"queue": "en"}, headers=auth).json()
    assert [i["id"] for i in by_queue["items"]] == [en["conversation_id"]]
    resolved = client.get("/api/v1/conversations", params={"status": "resolved"}, headers=auth)
    assert resolved.json()["items"] == []
    bad = client.get("/api/v1/conversations", params={"status": "archived"}, headers=auth)
    assert bad.status_code == 422


def test_search_finds_original_and_japanese_text(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    first = post_inquiry(client, auth, "The kimono I received has a stain on the sleeve.")
    post_inquiry(client, auth, "Do you have this bag in stock? I would like two.")
    with database.session() as session:
        message = session.get(Message, first["message_id"])
        assert message is not None
        message.translation_text = "届いた着物の袖にシミがあります。"
        message.translation_state = TranslationState.DONE

    def search(q: str) -> list[int]:
        page = client.get("/api/v1/conversations", params={"q": q}, headers=auth).json()
        return [item["id"] for item in page["items"]]

    assert search("stain") == [first["conversation_id"]]
    assert search("シミ") == [first["conversation_id"]]
    assert search("100%") == []
    latest = client.get("/api/v1/conversations", params={"q": "シミ"}, headers=auth).json()
    assert (
        latest["items"][0]["latest_message"]["translation"]["text"]
        == "届いた着物の袖にシミがあります。"
    )


def test_a_made_up_cursor_is_refused(client: TestClient, auth: dict[str, str]) -> None:
    response = client.get("/api/v1/conversations", params={"cursor": "bm9wZQ"}, headers=auth)
    assert response.status_code == 422
    assert "cursor" in response.json()["error"]["message"]


def test_unknown_conversation_is_404(client: TestClient, auth: dict[str, str]) -> None:
    response = client.get("/api/v1/conversations/999", headers=auth)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
