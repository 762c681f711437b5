"""The agent's day in a real browser: sign in, a Traditional Chinese inquiry arrives live with its
Japanese translation, a template goes into the reply, the translation preview is checked, the
reply is sent and reaches the buyer's mail server threaded and in the buyer's language. A hostile
e-mail stays inert."""

from __future__ import annotations

import re
from email.utils import make_msgid

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from gateway.auth.passwords import hash_password
from gateway.db import Database
from gateway.mailbox.inbound import store_inbound
from gateway.models import Agent, Conversation, Message
from tests.browser.conftest import SUPPORT, LiveServer, Relay

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
BUYER = "lin@example.tw"
INQUIRY = "您好，我在十一月二十日訂購的和服還沒有收到，請問什麼時候會寄出？"


def make_agent(database: Database) -> None:
    with database.session() as session:
        session.add(
            Agent(
                email="sato@shop.example",
                name="佐藤 花子",
                role="admin",
                password_hash=hash_password(PASSWORD),
            )
        )


def mail(
    *, sender: str, name: str, subject: str, text: str, html: str | None = None
) -> tuple[bytes, str]:
    message_id = make_msgid(domain="example.tw")
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = f"{name} <{sender}>"
    message["To"] = SUPPORT
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message.as_bytes(), message_id


def sign_in(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/inbox")
    expect(page).to_have_url(re.compile(r"/login\?next=/inbox$"))
    page.get_by_label("メールアドレス").fill("sato@shop.example")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/inbox$"))


def test_agent_answers_a_traditional_chinese_mail_in_japanese(
    page: Page,
    live_server: LiveServer,
    database: Database,
    relay: tuple[Relay, int],
    workers: object,
    shoot: object,
) -> None:
    make_agent(database)
    page.goto(f"{live_server.url}/login")
    shoot(page, "01-login")  # type: ignore[operator]
    sign_in(page, live_server)
    expect(page.get_by_text("お問い合わせはありません")).to_be_visible()

    # The inquiry arrives while the inbox is open: it appears without reloading.
    raw, buyer_message_id = mail(sender=BUYER, name="林雅婷", subject="和服還沒收到", text=INQUIRY)
    store_inbound(database, raw, BUYER, [SUPPORT])
    row = page.locator("[data-row]").filter(has_text="林雅婷")
    expect(row).to_be_visible()
    expect(row.locator(".chip-lang")).to_have_text("中国語 (繁体字)")
    expect(row.locator(".status")).to_have_text("未対応")
    expect(row.locator(".sla")).to_contain_text("残り")
    expect(page.locator(".queue-link", has_text="中国語 (繁体字)")).to_be_visible()
    shoot(page, "02-inbox")  # type: ignore[operator]

    row.click()
    inbound = page.locator(".message-in").first
    expect(inbound.locator(".pane-original .message-text")).to_have_text(INQUIRY)
    # The test model copies CJK text: the Japanese pane shows once the translation is done.
    expect(inbound.locator(".pane-ja .message-text[lang=ja]")).to_have_text(INQUIRY)
    expect(inbound.locator(".badge-pending")).to_have_count(0)

    # A template with the buyer's and the agent's names filled in, another with placeholders.
    page.locator("#template-select").select_option(label="書き出し")
    reply = page.locator("#reply-text")
    expect(reply).to_have_value(re.compile(r"^林雅婷様\n"))
    expect(reply).to_have_value(re.compile(r"担当の佐藤 花子でございます"))
    page.locator("#template-select").select_option(label="発送のお知らせ")
    expect(reply).to_have_value(re.compile(r"\{注文番号\}"))
    page.locator("#check-translation").click()
    expect(page.locator(".composer .alert-error")).to_contain_text("{注文番号}")
    filled = (
        reply.input_value()
        .replace("{注文番号}", "A-1024")
        .replace("{発送日}", "11月25日")
        .replace("{追跡番号}", "EJ123456789JP")
    )
    reply.fill(filled)
    shoot(page, "03-composer")  # type: ignore[operator]
    page.locator("#check-translation").click()

    preview = page.locator("#preview-translation")
    expect(preview).to_be_visible()
    expect(page.locator("#preview-back")).not_to_be_empty()
    expect(page.locator("#send-reply")).to_have_text("中国語 (繁体字)で送信")
    page.locator("#composer").scroll_into_view_if_needed()
    shoot(page, "04-translation-check")  # type: ignore[operator]
    with database.session() as session:
        draft = session.scalars(select(Message).where(Message.delivery_state == "draft")).one()
        buyer_text = draft.translation_text
        assert draft.translation_language == "zh-Hant"
        assert buyer_text
        assert "A-1024" in buyer_text
    assert preview.inner_text().strip() == buyer_text.strip()

    page.locator("#send-reply").click()
    sent = page.locator(".message-out").last
    expect(sent.locator(".badge-sent")).to_be_visible()
    expect(sent.locator(".pane-original .message-text")).to_have_text(buyer_text.strip())
    expect(page.locator(".segment.is-active")).to_contain_text("対応中")
    shoot(page, "05-conversation-sent", full_page=True)  # type: ignore[operator]

    handler, _port = relay
    replies = [m for m in handler.received if m["In-Reply-To"] == buyer_message_id]
    replies = [m for m in replies if "auto" not in str(m.get("Auto-Submitted", "no"))]
    assert len(replies) == 1, [str(m["Subject"]) for m in handler.received]
    delivered = replies[0]
    assert delivered["To"].addresses[0].addr_spec == BUYER
    assert delivered["Content-Language"] == "zh-Hant"
    body = delivered.get_body(preferencelist=("plain",))
    assert body is not None
    assert "A-1024" in body.get_content()
    assert buyer_text.splitlines()[0] in body.get_content()

    # Keyboard: ? lists the shortcuts; 3 resolves the conversation.
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    shoot(page, "06-shortcuts")  # type: ignore[operator]
    page.keyboard.press("Escape")
    page.keyboard.press("3")
    expect(page.locator(".segment.is-active")).to_contain_text("対応済み")
    with database.session() as session:
        assert session.scalars(select(Conversation)).one().status == "resolved"

    page.get_by_role("link", name="定型文").click()
    expect(page.locator(".template-card").first).to_be_visible()
    shoot(page, "08-templates")  # type: ignore[operator]


HOSTILE_TEXT = '<script>window.__pwned = "text"</script><img src=x onerror="window.__pwned=1">'
HOSTILE_HTML = (
    "<p>Hello <b>shop</b></p>"
    '<script>window.__pwned = "html"</script>'
    '<img src="x" onerror="window.__pwned = 2">'
    '<a href="javascript:window.__pwned=3">click</a>'
)


def test_a_hostile_mail_stays_inert(
    page: Page,
    live_server: LiveServer,
    database: Database,
    workers: object,
    shoot: object,
) -> None:
    make_agent(database)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    raw, _message_id = mail(
        sender="mallory@example.com",
        name='<img src=x onerror="window.__pwned=4">',
        subject="<script>window.__pwned=5</script>",
        text=HOSTILE_TEXT,
        html=HOSTILE_HTML,
    )
    store_inbound(database, raw, "mallory@example.com", [SUPPORT])
    sign_in(page, live_server)
    row = page.locator("[data-row]").first
    expect(row).to_be_visible()
    row.click()
    message = page.locator(".message-in").first
    expect(message.locator(".message-text").first).to_contain_text("<script>")
    page.locator(".html-view summary").click()
    frame = page.frame_locator(".html-view iframe")
    expect(frame.locator("b")).to_have_text("shop")
    shoot(page, "07-hostile-mail")  # type: ignore[operator]
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".message-in script").count() == 0
    assert page.locator(".message-in img").count() == 0
    assert dialogs == []
