"""Search across Chinese scripts, tab counts that follow a search, a dashboard in words."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient

from gateway.db import Database
from gateway.models import Conversation, utcnow
from tests.gateway.conftest import post_inquiry
from tests.gateway.test_auth_web import make_agent, sign_in


def test_searching_one_chinese_script_finds_the_other(
    client: TestClient, auth: dict[str, str]
) -> None:
    traditional = post_inquiry(client, auth, "請問可以寄到台灣嗎？運費多少？")
    simplified = post_inquiry(
        client, auth, "请问发货到台湾要多久？", customer={"email": "b@example.cn", "name": "B"}
    )
    post_inquiry(client, auth, "Hello, where is my parcel?", customer={"email": "c@example.com"})
    for term in ("台湾", "台灣", "臺灣"):
        found = client.get("/api/v1/conversations", params={"q": term}, headers=auth).json()
        ids = {item["id"] for item in found["items"]}
        assert ids == {traditional["conversation_id"], simplified["conversation_id"]}, term
    shipped = client.get("/api/v1/conversations", params={"q": "發貨"}, headers=auth).json()
    assert [item["id"] for item in shipped["items"]] == [simplified["conversation_id"]]


def test_tab_counts_follow_the_search(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    post_inquiry(client, auth, "請問可以寄到台灣嗎？")
    for n in range(3):
        post_inquiry(
            client, auth, f"Order {n} has not arrived.", customer={"email": f"{n}@example.com"}
        )
    sign_in(client)

    def open_count(url: str) -> str:
        match = re.search(
            r'status=open[^"]*">\s*未対応\s*<span class="tab-count">(\d+)<', client.get(url).text
        )
        assert match, url
        return match.group(1)

    assert open_count("/inbox") == "4"
    assert open_count("/inbox?q=台湾") == "1"
    assert open_count("/inbox?q=nothing-like-this") == "0"


def test_the_dashboard_says_durations_in_words_and_puts_late_queues_first(
    client: TestClient, database: Database, auth: dict[str, str]
) -> None:
    make_agent(database)
    post_inquiry(client, auth, "Hello, where is my parcel? It is late.")
    korean = post_inquiry(
        client,
        auth,
        "주문한 상품이 아직 안 왔어요. 언제 오나요?",
        customer={"email": "k@example.kr"},
    )
    with database.session() as session:
        late = session.get(Conversation, korean["conversation_id"])
        assert late is not None
        late.created_at = utcnow() - timedelta(hours=30)
        late.first_response_due_at = utcnow() - timedelta(hours=6)
        late.sla_state = "breached"  # what the SLA clock stores once the target has passed
    sign_in(client)
    page = client.get("/inbox/queues").text
    table = page.split('<table class="sla-table">')[1].split("</table>")[0]
    assert table.index("韓国語") < table.index("英語"), "the queue past its target comes first"
    assert not re.search(r"\d\.\dh", table)
    assert "1日6時間" in table  # the oldest wait (30 hours), in words
    # Fourteen day slots per chart, so a single day's bar is one slot wide.
    chart = page.split('class="sla-card"')[1]
    assert chart.split("</svg>")[0].count("<rect") <= 14
    assert 'viewBox="0 0 140 100"' in chart
