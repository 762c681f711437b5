"""Replying to a buyer whose language no installed model reaches, in a real browser: the page
says so before the agent writes, shows the admin the command line that would fix it, and offers
writing the reply directly in the buyer's language or answering in the fallback language (English)
with its preview and back-translation. Both replies reach the buyer's mail server."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from playwright.sync_api import Page, expect

from gateway.db import Database
from gateway.mailbox.inbound import store_inbound
from tests.browser.conftest import SUPPORT, LiveServer, Relay
from tests.browser.test_inbox_browser import make_agent, sign_in

pytestmark = pytest.mark.browser

BUYER = "jonas@example.de"
INQUIRY = "Hallo, meine Bestellung ist noch nicht angekommen. Können Sie bitte nachsehen?"
DIRECT = "Guten Tag, wir haben Ihre Bestellung heute verschickt."


def german_mail() -> tuple[bytes, str]:
    message_id = make_msgid(domain="example.de")
    message = EmailMessage()
    message["From"] = f"Jonas Weber <{BUYER}>"
    message["To"] = SUPPORT
    message["Subject"] = "Bestellung nicht angekommen"
    message["Message-ID"] = message_id
    message.set_content(INQUIRY)
    return message.as_bytes(), message_id


def replies_to(relay: Relay, message_id: str) -> list[EmailMessage]:
    return [
        m
        for m in relay.received
        if m["In-Reply-To"] == message_id and "auto" not in str(m.get("Auto-Submitted", "no"))
    ]


def test_a_reply_without_a_model_is_written_directly_or_sent_in_english(
    page: Page,
    live_server: LiveServer,
    database: Database,
    relay: tuple[Relay, int],
    workers: object,
    shoot: object,
) -> None:
    # The shop has ja→en and en→zh-Hant (and back), nothing that reaches German.
    make_agent(database)
    sign_in(page, live_server)
    raw, buyer_message_id = german_mail()
    store_inbound(database, raw, BUYER, [SUPPORT])
    row = page.locator("[data-row]").filter(has_text="Jonas Weber")
    expect(row.locator(".chip-lang")).to_have_text("ドイツ語")
    row.click()

    # Before writing anything, the agent learns that Japanese cannot be translated into German.
    notice = page.locator("#no-model-notice")
    expect(notice).to_contain_text("ドイツ語に翻訳できるモデルがインストールされていません")
    expect(page.locator("#reply-text")).to_have_count(0)
    expect(page.locator("#install-commands")).to_have_text(
        re.compile(r"^kakehashi models install en de\s*$")
    )
    expect(page.locator(".composer-tab.is-active")).to_contain_text("→ ドイツ語")
    shoot(page, "20-no-model")  # type: ignore[operator]

    # (b) Written directly in German, checked once more, sent as written.
    page.locator("#write-directly").click()
    page.locator("#direct-reply-text").fill(DIRECT)
    page.locator("#check-direct-reply").click()
    expect(page.locator("#preview-translation")).to_have_text(DIRECT)
    expect(page.locator("#preview-back")).to_contain_text("逆翻訳はありません")
    expect(page.locator("#send-reply")).to_have_text("ドイツ語で送信")
    shoot(page, "21-direct-reply")  # type: ignore[operator]
    page.locator("#send-reply").click()
    expect(page.locator(".message-out").last.locator(".badge-sent")).to_be_visible()
    handler, _port = relay
    [direct] = replies_to(handler, buyer_message_id)
    assert direct["Content-Language"] == "de"
    body = direct.get_body(preferencelist=("plain",))
    assert body is not None
    assert DIRECT in body.get_content()

    # (a) The fallback language: English, with the Japanese box, its preview and back-translation.
    page.locator("#use-fallback-language").click()
    expect(page.locator(".composer-tab.is-active")).to_contain_text("→ 英語")
    expect(page.locator("#no-model-notice")).to_have_count(0)
    page.locator("#reply-text").fill("本日発送いたしました。Tracking: EJ123456789JP")
    page.locator("#check-translation").click()
    expect(page.locator("#preview-translation")).to_contain_text("EJ123456789JP")
    expect(page.locator("#preview-back")).not_to_be_empty()
    expect(page.locator("#send-reply")).to_have_text("英語で送信")
    shoot(page, "22-fallback-english")  # type: ignore[operator]
    page.locator("#send-reply").click()
    expect(page.locator(".message-out .badge-sent")).to_have_count(2)
    english = [m for m in replies_to(handler, buyer_message_id) if m is not direct]
    assert [m["Content-Language"] for m in english] == ["en"]

    # The reply tab's language switch: back to following the buyer (German, no model again).
    page.locator("#reply-language").select_option("")
    expect(page.locator(".composer-tab.is-active")).to_contain_text("→ ドイツ語")
    expect(page.locator("#no-model-notice")).to_be_visible()
