"""Orders from the shop's systems: attached over the API, shown beside the conversation,
linked from the buyer's message and used by templates; SQLite and PostgreSQL."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.models import Message, TranslationState
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in

ORDER = {
    "status": "発送済み",
    "items": [{"name": "九谷焼 湯呑み", "quantity": 2}, "風呂敷"],
    "total": "¥8,800",
    "placed_at": "2026-11-20T10:00:00+09:00",
    "url": "https://shop.example/admin/orders/48812",
}


def test_an_order_put_over_the_api_shows_in_the_conversation(
    client: TestClient, auth: dict[str, str]
) -> None:
    inquiry = post_inquiry(client, auth, "Hello, where is my order 48812?")
    url = "/api/v1/customers/Buyer@Example.com/orders/48812"
    created = client.put(url, json=ORDER, headers=auth)
    assert created.status_code == 201, created.text
    assert created.json()["order_id"] == "48812"
    updated = client.put(url, json={**ORDER, "status": "配達済み"}, headers=auth)
    assert updated.status_code == 200
    shown = client.get(f"/api/v1/conversations/{inquiry['conversation_id']}", headers=auth).json()
    [order] = shown["orders"]
    assert order["order_id"] == "48812"
    assert order["status"] == "配達済み"
    assert order["total"] == "¥8,800"
    assert order["items"][0] == {"name": "九谷焼 湯呑み", "quantity": 2}
    assert order["placed_at"].startswith("2026-11-20T01:00:00")
    assert order["url"] == ORDER["url"]


def test_orders_are_refused_when_they_cannot_be_stored(
    client: TestClient, auth: dict[str, str]
) -> None:
    base = "/api/v1/customers/buyer@example.com/orders"
    assert client.put(f"{base}/1", json=ORDER).status_code == 401
    naive = {**ORDER, "placed_at": "2026-11-20T10:00:00"}
    assert client.put(f"{base}/1", json=naive, headers=auth).status_code == 422
    bad_url = {**ORDER, "url": "javascript:alert(1)"}
    assert client.put(f"{base}/1", json=bad_url, headers=auth).status_code == 422
    other = post_inquiry(client, auth, "Hi", customer={"email": "x@example.com", "name": "X"})
    foreign = {**ORDER, "conversation_id": other["conversation_id"]}
    assert client.put(f"{base}/1", json=foreign, headers=auth).status_code == 422
    # a buyer the gateway has not met yet is created with the order; a number stays a number
    fresh = client.put(
        "/api/v1/customers/new@example.com/orders/A-1", json={"total": 12100}, headers=auth
    )
    assert fresh.status_code == 201
    assert fresh.json()["total"] == 12100
    assert fresh.json()["id"] == "A-1"


@pytest.mark.usefixtures("reply_models")  # the reply box (and its template picker) needs a model
def test_the_side_panel_shows_the_order_and_the_message_links_to_it(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    make_agent(database)
    inquiry = post_inquiry(client, auth, "Hello, where is my order 48812? Not 4881 or 488120.")
    with database.session() as session:
        message = session.get(Message, inquiry["message_id"])
        assert message is not None
        message.translation_text = "こんにちは、注文 48812 はどこですか？"
        message.translation_state = TranslationState.DONE
    client.put("/api/v1/customers/buyer@example.com/orders/48812", json=ORDER, headers=auth)
    client.put("/api/v1/customers/buyer@example.com/orders/4881", json={}, headers=auth)
    sign_in(client)
    page = client.get(f"/inbox/conversations/{inquiry['conversation_id']}").text
    assert 'data-order-number="48812"' in page
    assert "発送済み" in page
    assert "九谷焼 湯呑み ×2、風呂敷" in page
    assert page.count('data-order="48812"') == 2  # the original and the Japanese
    assert page.count('data-order="4881"') == 1  # "4881" alone, not inside 488120
    # The template picker fills {注文番号} and {注文状況} from the order the buyer mentions.
    match = re.search(r"data-values='([^']*)'", page)
    assert match is not None
    values = json.loads(html.unescape(match.group(1)))
    assert values["注文番号"] == "48812"
    assert values["注文状況"] == "発送済み"
    assert values["注文商品"] == "九谷焼 湯呑み ×2、風呂敷"
