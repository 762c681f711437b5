"""An administrator runs the demo shop in a real browser: the dashboard, search, the admin
pages, translation trust marks, and the rough edges people saw on screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from gateway.auth import agents
from gateway.db import Database
from gateway.demo import DEMO_AGENT_EMAIL, load_demo
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import Agent, Channel, Conversation, Customer
from gateway.settings import Settings
from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

PASSWORD = "a-long-demo-password"
GREEN = "rgb(30, 138, 90)"


def sign_in(page: Page, live_server: LiveServer, email: str) -> None:
    page.goto(f"{live_server.url}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/inbox$"))


def search(page: Page, term: str) -> None:
    box = page.locator("input[type=search]")
    box.fill(term)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q="))


def test_an_admin_runs_the_demo_shop(
    page: Page, live_server: LiveServer, database: Database, shop_settings: Settings, shoot: Any
) -> None:
    with database.session() as session:
        load_demo(session, settings=shop_settings)
        for email in (DEMO_AGENT_EMAIL, "sato@kakehashi.example"):
            agent = session.scalars(select(Agent).where(Agent.email == email)).one()
            agents.set_password(session, agent, PASSWORD)
        receive_inquiry(
            session,
            Inquiry(
                channel=Channel.API,
                text="請問可以寄到台灣嗎？運費多少？",
                customer_email="wang.xiaoming@example.tw",
                customer_name="王小明",
            ),
            settings=shop_settings,
        )
        chat_id = receive_inquiry(
            session,
            Inquiry(channel=Channel.CHAT, text="Hello, is anyone there?"),
            settings=shop_settings,
        ).conversation.id
        somchai_id = session.scalars(
            select(Conversation.id).join(Customer).where(Customer.email == "somchai@example.co.th")
        ).one()
    sign_in(page, live_server, DEMO_AGENT_EMAIL)

    # The dashboard: queues needing attention first, durations in words, one bar per day.
    page.goto(f"{live_server.url}/inbox/queues")
    overdue = [
        int(text)
        for text in page.locator(".sla-table")
        .first.locator("tbody tr td:nth-child(5)")
        .all_inner_texts()
    ]
    assert len(overdue) >= 8
    assert overdue == sorted(overdue, reverse=True)
    assert overdue[0] >= 1
    table_text = page.locator(".sla-table").first.inner_text()
    assert not re.search(r"\d\.\dh", table_text), table_text
    assert re.search(r"\d+(時間|分)", table_text)
    expect(page.locator(".sla-card")).to_have_count(11)
    chart = page.locator(".sla-card svg.bars").first
    chart_width = chart.bounding_box()["width"]  # type: ignore[index]
    for bar in chart.locator("rect").all()[:5]:
        assert bar.bounding_box()["width"] < chart_width / 10  # type: ignore[index]
    shoot(page, "admin-01-dashboard", full_page=True)

    # Search: 台湾 finds 台灣 (OpenCC), and the tab counts follow the search.
    page.goto(f"{live_server.url}/inbox")
    open_tab = page.locator(".tabs .tab").first
    assert int(open_tab.locator(".tab-count").inner_text()) > 5
    search(page, "台湾")
    expect(page.locator(".row-customer", has_text="王小明")).to_be_visible()
    expect(open_tab.locator(".tab-count")).to_have_text("1")
    # No results: no green tick, which would say "all done".
    search(page, "存在しない言葉")
    empty_mark = page.locator(".empty .empty-mark")
    expect(empty_mark).to_be_visible()
    expect(empty_mark).not_to_have_text("✓")
    assert empty_mark.evaluate("e => getComputedStyle(e).color") != GREEN
    expect(open_tab.locator(".tab-count")).to_have_text("0")

    # A chat without a name: the title has the honorific once; status keys are not counts.
    page.goto(f"{live_server.url}/inbox/conversations/{chat_id}")
    expect(page.locator("h1")).to_have_text("お客様とのチャット")
    assert "様様" not in page.title()
    segments = page.locator(".segmented button")
    assert segments.all_inner_texts() == ["未対応", "対応中", "対応済み"]
    expect(segments.first).to_have_attribute("title", re.compile("1"))

    # A doubtful machine translation is marked, with the model on hover.
    page.goto(f"{live_server.url}/inbox/conversations/{somchai_id}")
    low = page.locator(".message-in .badge-low").first
    expect(low).to_have_text("確度が低い機械翻訳: 原文も確認してください")
    expect(low).to_have_attribute("title", re.compile(r"argos:th-en@demo\+argos:en-ja@demo"))
    shoot(page, "admin-02-low-confidence")

    # Administration, from the sidebar.
    page.get_by_role("link", name="管理").click()
    expect(page).to_have_url(re.compile(r"/admin/agents$"))
    form = page.locator("#new-agent")
    form.locator("input[name=name]").fill("山本 蓮")
    form.locator("input[name=email]").fill("yamamoto@kakehashi.example")
    form.locator("input[name=password]").fill("yamamoto-long-password")
    form.get_by_role("button").click()
    row = page.locator("tr[data-agent='yamamoto@kakehashi.example']")
    expect(row).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="無効にする").click()
    expect(
        page.locator("tr[data-agent='yamamoto@kakehashi.example'] .badge-failed")
    ).to_be_visible()
    shoot(page, "admin-03-agents")

    page.get_by_role("link", name="FAQ").click()
    expect(page.locator("#faq-entries tbody tr")).to_have_count(11)
    page.get_by_role("link", name="返品はできますか？").click()
    expect(page.locator(".faq-source textarea[name=answer]")).to_have_value(re.compile("14日以内"))
    # Each locale once; the Japanese source is not repeated beside each of them.
    expect(page.get_by_text("未使用の商品は、到着後14日以内であれば返品できます。")).to_have_count(
        1
    )
    expect(page.locator("#en .faq-status")).to_have_text(re.compile("要更新"))
    shoot(page, "admin-04-faq-entry", full_page=True)

    page.get_by_role("link", name="翻訳モデル").click()
    expect(page.locator("#model-coverage")).to_contain_text("kakehashi models install th ja")

    # The English agent UI has no Japanese labels left.
    with database.session() as session:
        admin = session.scalars(select(Agent).where(Agent.email == DEMO_AGENT_EMAIL)).one()
        admin.ui_locale = "en"
    page.goto(f"{live_server.url}/inbox/conversations/{somchai_id}")
    labels = page.locator(".pane-label").all_inner_texts()
    assert labels
    assert not any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label) for label in labels), labels
    expect(page.get_by_role("link", name="Administration")).to_be_visible()
    shoot(page, "admin-05-english")

    # A plain agent is turned away from the admin pages.
    page.context.clear_cookies()
    sign_in(page, live_server, "sato@kakehashi.example")
    expect(page.get_by_role("link", name="管理")).to_have_count(0)
    response = page.goto(f"{live_server.url}/admin/agents")
    assert response is not None
    assert response.status == 403
