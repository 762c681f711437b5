"""The support desk in a real browser: an agent tags, prioritises and escalates; a rule tagged
the damaged-item inquiry on intake; an order attached over the API shows beside the
conversation; a resolved e-mail conversation asks the buyer in their language and the buyer's
click is recorded; /inbox/reports shows the figures."""

from __future__ import annotations

import re
import time
from email.message import EmailMessage
from email.utils import make_msgid

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from gateway.auth.tokens import create_token
from gateway.db import Database
from gateway.mailbox.inbound import store_inbound
from gateway.models import Agent, Conversation, CsatSurvey
from tests.browser.conftest import SUPPORT, LiveServer, Relay
from tests.browser.test_inbox_browser import make_agent, sign_in

pytestmark = pytest.mark.browser

DAMAGED = "Hello, my teapot arrived damaged. The lid is broken. Order 48812."


def token(database: Database) -> dict[str, str]:
    with database.session() as session:
        _row, clear = create_token(session, name="shop")
    return {"Authorization": f"Bearer {clear}"}


def inquiry(live_server: LiveServer, auth: dict[str, str], text: str, email: str) -> int:
    response = httpx.post(
        f"{live_server.url}/api/v1/inquiries",
        json={"channel": "api", "customer": {"email": email, "name": "Emily Clark"}, "text": text},
        headers=auth,
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return int(response.json()["conversation_id"])


def test_an_agent_tags_prioritises_and_escalates_and_sees_the_order(
    page: Page, live_server: LiveServer, database: Database, workers: object, shoot: object
) -> None:
    make_agent(database)
    with database.session() as session:
        session.add(
            Agent(
                email="kimura@shop.example",
                name="木村 部長",
                password_hash="x",
                escalation_group=True,
            )
        )
    auth = token(database)
    conversation_id = inquiry(live_server, auth, DAMAGED, "emily@example.com")
    other_id = inquiry(live_server, auth, "Hi, do you ship to Canada?", "tom@example.com")
    # The shop's systems attach the order the buyer mentions.
    put = httpx.put(
        f"{live_server.url}/api/v1/customers/emily@example.com/orders/48812",
        json={
            "status": "発送済み",
            "items": [{"name": "九谷焼 急須", "quantity": 1}],
            "total": "¥12,100",
            "placed_at": "2026-11-20T10:00:00+09:00",
        },
        headers=auth,
        timeout=30,
    )
    assert put.status_code == 201, put.text

    sign_in(page, live_server)
    row = page.locator(f'[data-conversation-id="{conversation_id}"]')
    # The intake rule tagged the damaged-item inquiry and raised its priority: it comes first.
    expect(row.locator(".chip-tag")).to_have_text("破損")
    expect(row.locator(".chip-priority")).to_have_text("高")
    expect(page.locator("[data-row]").first).to_have_attribute(
        "data-conversation-id", str(conversation_id)
    )
    shoot(page, "desk-01-inbox-chips")  # type: ignore[operator]

    page.locator(f'[data-conversation-id="{conversation_id}"] .row-link').click()
    expect(page.locator("#orders")).to_contain_text("#48812")
    expect(page.locator("#orders")).to_contain_text("発送済み")
    expect(page.locator("#orders")).to_contain_text("九谷焼 急須 ×1")
    expect(page.locator(".message-in .order-link").first).to_have_text("48812")

    page.locator("#priority-select").select_option(label="緊急")
    expect(page.locator("#priority-select")).to_have_value("urgent")
    page.locator("#tags-input").fill("破損, 返金対応")
    page.locator("#save-tags").click()
    expect(page.locator("[data-tags] .chip-tag")).to_have_text(["破損", "返金対応"])

    page.locator(".desk-escalation summary").click()
    expect(page.locator(".escalate-form")).to_contain_text("木村 部長")
    page.locator("#escalation-reason").fill("返金額の判断をお願いします")
    page.locator(".escalate-form button[type=submit]").click()
    expect(page.locator(".badge-escalated")).to_be_visible()
    expect(page.locator(".message-note").last).to_contain_text("返金額の判断をお願いします")
    expect(page.locator("#escalation-history")).to_contain_text("エスカレーションしました")
    shoot(page, "desk-02-conversation", full_page=True)  # type: ignore[operator]

    page.get_by_role("link", name="エスカレーション").first.click()
    card = page.locator(f'.escalation[data-conversation-id="{conversation_id}"]')
    expect(card).to_contain_text("返金額の判断をお願いします")
    expect(card.locator(".chip-priority")).to_have_text("緊急")
    shoot(page, "desk-03-escalations")  # type: ignore[operator]

    # Bulk: tick the other conversation and tag it from the list.
    page.goto(f"{live_server.url}/inbox")
    page.locator(f'[data-conversation-id="{other_id}"] .row-select').check()
    page.locator("#bulk-form input[name=add_tag]").fill("配送")
    page.locator("#bulk-form select[name=priority]").select_option("low")
    page.locator("#bulk-apply").click()
    other = page.locator(f'[data-conversation-id="{other_id}"]')
    expect(other.locator(".chip-tag")).to_have_text("配送")
    expect(other.locator(".chip-priority")).to_have_text("低")
    page.locator(".desk-filter-form select[name=tag]").select_option("配送")
    expect(page.locator("[data-row]")).to_have_count(1)
    with database.session() as session:
        escalated = session.get(Conversation, conversation_id)
        assert escalated is not None
        assert escalated.priority == 3
        assert escalated.tag_names == ["破損", "返金対応"]


def test_a_resolved_mail_conversation_asks_the_buyer_and_the_click_shows_up(
    page: Page,
    live_server: LiveServer,
    database: Database,
    relay: tuple[Relay, int],
    workers: object,
    shoot: object,
) -> None:
    make_agent(database)
    auth = token(database)
    message = EmailMessage()
    message["From"] = "林雅婷 <lin@example.tw>"
    message["To"] = SUPPORT
    message["Subject"] = "和服還沒收到"
    message["Message-ID"] = make_msgid(domain="example.tw")
    message.set_content("您好，我訂購的和服還沒有收到，請問什麼時候會寄出？")
    store_inbound(database, message.as_bytes(), "lin@example.tw", [SUPPORT])
    conversation_id = None
    for _ in range(300):
        with database.session() as session:
            conversation_id = session.scalar(select(Conversation.id))
        if conversation_id:
            break
        time.sleep(0.1)
    assert conversation_id is not None
    reply = httpx.post(
        f"{live_server.url}/api/v1/conversations/{conversation_id}/replies",
        json={"text_ja": "本日発送いたしました。", "send": True},
        headers=auth,
        timeout=30,
    )
    assert reply.status_code == 201, reply.text

    sign_in(page, live_server)
    page.goto(f"{live_server.url}/inbox/conversations/{conversation_id}")
    expect(page.locator(".message-out .badge-sent")).to_be_visible()
    page.locator(".segment.status-resolved").click()
    expect(page.locator(".segment.is-active")).to_contain_text("対応済み")

    handler, _port = relay
    survey_mail = None
    for _ in range(300):
        survey_mail = next(
            (m for m in handler.received if "/csat/" in str(m.get_body(("plain",)))), None
        )
        if survey_mail is not None:
            break
        time.sleep(0.1)
    assert survey_mail is not None, "no survey mail reached the relay"
    body = survey_mail.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "滿意" in text  # Traditional Chinese, the buyer's language
    link = re.search(r"https?://\S+/csat/\d+/satisfied\?s=\w+", text)
    assert link is not None

    buyer = page.context.new_page()
    buyer.goto(link.group(0))
    expect(buyer.locator("[data-state=thanks]")).to_have_text("感謝您的回答！")
    buyer.locator("#comment").fill("非常感謝，很快就回覆了。")
    buyer.get_by_role("button", name="送出意見").click()
    expect(buyer.locator("[data-state=commented]")).to_be_visible()
    shoot(buyer, "desk-04-survey-thanks")  # type: ignore[operator]
    buyer.close()

    page.reload()
    expect(page.locator("#satisfaction")).to_contain_text("満足")
    expect(page.locator("#satisfaction")).to_contain_text("非常感謝，很快就回覆了。")
    with database.session() as session:
        survey = session.scalars(select(CsatSurvey)).one()
        assert survey.rating == "satisfied"

    page.goto(f"{live_server.url}/inbox/reports")
    row = page.locator('#report-table tr[data-group="zh-Hant"]')
    expect(row.locator('[data-metric="received"]')).to_have_text("1")
    expect(row.locator('[data-metric="resolution_rate"]')).to_have_text("100%")
    expect(row.locator('[data-metric="csat_responses"]')).to_have_text("1")
    expect(row.locator('[data-metric="csat_satisfied_ratio"]')).to_have_text("100%")
    expect(page.locator(".sla-card")).to_have_count(9)
    shoot(page, "desk-05-reports", full_page=True)  # type: ignore[operator]
