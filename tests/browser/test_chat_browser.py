"""The chat widget in a real browser: a storefront on one loopback port embeds the widget served
by the gateway on another. A buyer in Seoul asks in Korean (FAQ answers appear while typing), an
agent answers in Japanese in the inbox, the buyer sees the Korean reply without reloading,
through stream reconnects; a reload keeps the conversation; a storefront that is not allowed
gets no chat at all."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, expect
from sqlalchemy import func, select

from gateway.chatlog import stream
from gateway.db import Database
from gateway.models import Conversation, Message
from gateway.ratelimit import chat_limits
from gateway.settings import Settings, set_settings
from gateway.translations.engine import set_engine
from gateway.wiring import all_jobs
from gateway.workers.runner import WorkerPool
from tests.browser.conftest import MODELS, LiveServer, free_port
from tests.browser.test_inbox_browser import make_agent, sign_in
from tests.gateway.test_chat_api import import_faq
from translation.packages import install_file

pytestmark = pytest.mark.browser

QUESTION = "주문한 기모노가 아직 도착하지 않았어요. 주문 번호는 A-1024입니다."
REPLY_JA = "Order A-1024: 本日発送いたしました。"

STOREFRONT_PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>さくら着物店</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>button { background: rgb(0, 255, 0) !important; font-size: 40px !important; }
ol, li, p { color: rgb(0, 255, 0) !important; }</style></head>
<body><h1>さくら着物店</h1><p>기모노 온라인 스토어</p>
<script src="{gateway}/widget.js" data-shop="sakura" async></script>
</body></html>"""


class Storefront:
    """A shop's page on its own loopback port (its own origin) embedding the widget."""

    def __init__(self, gateway: str) -> None:
        page = STOREFRONT_PAGE.replace("{gateway}", gateway).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Storefront:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway_port() -> int:
    return free_port()


@pytest.fixture
def storefront(gateway_port: int) -> Iterator[Storefront]:
    with Storefront(f"http://127.0.0.1:{gateway_port}") as shop:
        yield shop


@pytest.fixture
def other_storefront(gateway_port: int) -> Iterator[Storefront]:
    with Storefront(f"http://127.0.0.1:{gateway_port}") as shop:
        yield shop


@pytest.fixture
def chat_settings(
    settings: Settings, storefront: Storefront, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    monkeypatch.setenv("KAKEHASHI_FAQ_LOCALES", "en,ko")
    value = settings.model_copy(
        update={
            "chat_allowed_origins": [storefront.origin],
            "chat_messages_per_minute": 1,
            "chat_poll_seconds": 1.0,
            "shop_name": "さくら着物店",
        }
    )
    set_settings(value)
    for pair in ("ko_ja", "ja_ko"):
        install_file(MODELS / f"translate-{pair}-test.argosmodel", value.resolved_models_dir)
    set_engine(None)
    chat_limits.reset()
    # Streams end every few seconds: the reply has to come through the widget's reconnects.
    monkeypatch.setattr(stream, "STREAM_SECONDS", 3.0)
    yield value
    set_engine(None)


@pytest.fixture
def chat_workers(database: Database, chat_settings: Settings) -> Iterator[WorkerPool]:
    pool = WorkerPool(database, chat_settings, all_jobs(chat_settings))
    pool.start()
    yield pool
    pool.stop(timeout=10)


@pytest.fixture
def gateway(database: Database, chat_settings: Settings, gateway_port: int) -> Iterator[LiveServer]:
    server = LiveServer(gateway_port)
    server.start()
    yield server
    server.stop()


def new_context(browser: Browser, locale: str, time_zone: str) -> BrowserContext:
    context = browser.new_context(
        locale=locale, timezone_id=time_zone, viewport={"width": 1280, "height": 860}
    )
    context.set_default_timeout(30_000)
    return context


def test_a_korean_buyer_chats_with_a_japanese_agent(
    browser: Browser,
    gateway: LiveServer,
    storefront: Storefront,
    other_storefront: Storefront,
    database: Database,
    chat_workers: WorkerPool,
    tmp_path: Path,
    shoot: Any,
) -> None:
    import_faq(tmp_path)
    make_agent(database)
    buyer_context = new_context(browser, "ko-KR", "Asia/Seoul")
    buyer = buyer_context.new_page()
    buyer.goto(storefront.origin)

    expect(buyer.get_by_role("button", name="채팅 상담")).to_be_visible()
    launcher = buyer.locator(".kh-launcher")  # its name changes: open, then close
    # The page's own styles do not reach into the widget.
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") != "rgb(0, 255, 0)"
    launcher.focus()
    buyer.keyboard.press("Enter")
    panel = buyer.get_by_role("dialog", name="고객 지원")
    expect(panel).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    message_box = buyer.get_by_label("메시지")
    expect(message_box).to_be_focused()
    expect(panel.get_by_role("log")).to_have_attribute("aria-live", "polite")

    # FAQ answers in Korean while typing.
    message_box.press_sequentially("반품하고 싶어요", delay=20)
    expect(panel.get_by_text("이런 답변이 도움이 될 수 있어요")).to_be_visible()
    expect(panel.get_by_text("상품을 반품할 수 있나요?")).to_be_visible()
    shoot(buyer, "chat-01-faq-while-typing")

    message_box.fill(QUESTION)
    buyer.keyboard.press("Enter")
    log = panel.get_by_role("log")
    expect(log.locator(".kh-from-buyer")).to_have_text(re.compile(re.escape(QUESTION)))
    # No agent has the inbox open yet: the widget says so, by when the answer will come at the
    # latest, and asks for an e-mail address.
    expect(
        panel.get_by_text(re.compile(r"지금은 연결 가능한 상담원이 없습니다.*GMT\+09:00"))
    ).to_be_visible()
    expect(panel.get_by_label("이메일 주소")).to_be_visible()
    with database.session() as session:
        conversation = session.scalars(select(Conversation)).one()
        conversation_id = conversation.id
        assert conversation.channel == "chat"
        assert conversation.language == "ko"

    # The agent answers in Japanese in the inbox.
    agent_context = new_context(browser, "ja-JP", "Asia/Tokyo")
    agent = agent_context.new_page()
    sign_in(agent, gateway)
    agent.goto(f"{gateway.url}/inbox/conversations/{conversation_id}")
    inbound = agent.locator(".message-in").first
    expect(inbound.locator(".pane-ja .message-text[lang=ja]")).not_to_be_empty()
    agent.locator("#reply-text").fill(REPLY_JA)
    agent.locator("#check-translation").click()
    expect(agent.locator("#preview-translation")).to_be_visible()
    agent.locator("#send-reply").click()
    expect(agent.locator(".message-out").last.locator(".badge-sent")).to_be_visible()
    with database.session() as session:
        reply = session.scalars(
            select(Message).where(Message.direction == "outbound", Message.is_automatic.is_(False))
        ).one()
        reply_ko = reply.translation_text
        assert reply.translation_language == "ko"
    assert reply_ko
    assert reply_ko != REPLY_JA  # the test model shifts Latin letters: this is the translation

    # The buyer sees the reply in Korean without reloading, once, after stream reconnects.
    team = log.locator(".kh-from-team")
    expect(team).to_have_count(1)
    expect(team.locator(".kh-text-body")).to_have_text(reply_ko)
    expect(panel.get_by_text(REPLY_JA)).to_have_count(0)
    shoot(buyer, "chat-02-reply")

    # Escape closes the panel and gives focus back to the button.
    buyer.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()

    # A reload keeps the conversation (the token is in this storefront's localStorage).
    stored = buyer.evaluate("() => localStorage.getItem('kakehashi-chat:sakura')")
    assert stored
    assert "khc_" in stored
    buyer.reload()
    buyer.get_by_role("button", name=re.compile("채팅 상담")).click()
    expect(log.locator(".kh-message")).to_have_count(2)
    expect(log.locator(".kh-from-buyer")).to_have_text(re.compile(re.escape(QUESTION)))
    expect(log.locator(".kh-from-team .kh-text-body")).to_have_text(reply_ko)

    # Too fast: the widget explains, in Korean, how long to wait.
    message_box.fill("감사합니다!")
    buyer.keyboard.press("Enter")
    expect(log.locator(".kh-from-buyer")).to_have_count(2)
    message_box.fill("하나 더 물어봐도 될까요?")
    buyer.keyboard.press("Enter")
    expect(panel.get_by_role("alert")).to_have_text(re.compile(r"너무 빠르게.*\d+초 후에"))
    shoot(buyer, "chat-03-too-fast")

    # The language switcher: the panel speaks Japanese at once.
    panel.get_by_label("언어").select_option("ja")
    japanese = buyer.get_by_role("dialog", name="カスタマーサポート")
    expect(japanese).to_be_visible()
    expect(japanese.get_by_text(re.compile("通常24時間以内"))).to_be_visible()
    expect(japanese.get_by_role("textbox", name="メッセージ")).to_be_visible()

    # A storefront that is not allowed gets no chat, and cannot call the API either.
    other = buyer_context.new_page()
    with other.expect_console_message(lambda m: "not available" in m.text) as warning:
        other.goto(other_storefront.origin)
    assert warning.value.type == "warning"
    expect(other.get_by_text("기모노 온라인 스토어")).to_be_visible()
    expect(other.locator("#kakehashi-chat")).to_have_count(0)
    outcome = other.evaluate(
        """gateway => fetch(gateway + '/api/v1/chat/conversations', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({text: 'hello'})
        }).then(r => 'status ' + r.status, e => 'refused: ' + e.name)""",
        gateway.url,
    )
    assert outcome.startswith("refused")
    with database.session() as session:
        assert session.scalar(select(func.count(Conversation.id))) == 1
    agent_context.close()
    buyer_context.close()


def test_the_widget_reads_right_to_left_for_an_arabic_buyer(
    browser: Browser, gateway: LiveServer, storefront: Storefront
) -> None:
    context = new_context(browser, "ar-EG", "Africa/Cairo")
    page = context.new_page()
    page.goto(storefront.origin)
    launcher = page.get_by_role("button", name="تحدّث معنا")
    expect(launcher).to_be_visible()
    launcher.click()
    expect(page.get_by_role("dialog", name="خدمة العملاء")).to_be_visible()
    frame = page.locator(".kh")
    expect(frame).to_have_attribute("dir", "rtl")
    expect(frame).to_have_attribute("lang", "ar")
    # Right to left: the send button sits to the left of the message box.
    box = page.get_by_label("رسالتك").bounding_box()
    send = page.get_by_role("button", name="إرسال").bounding_box()
    assert box is not None
    assert send is not None
    assert send["x"] < box["x"]
    context.close()


def test_the_widget_reconnects_after_the_gateway_went_away(
    browser: Browser,
    gateway: LiveServer,
    gateway_port: int,
    storefront: Storefront,
    database: Database,
) -> None:
    from tests.gateway.test_chat_api import REPLY_KO, deliver_reply

    context = new_context(browser, "ko-KR", "Asia/Seoul")
    page = context.new_page()
    page.goto(storefront.origin)
    page.get_by_role("button", name="채팅 상담").click()
    page.get_by_label("메시지").fill(QUESTION)
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    expect(log.locator(".kh-from-buyer")).to_have_count(1)

    gateway.stop()  # the gateway restarts (a deploy): the stream breaks
    expect(page.get_by_role("status")).to_have_text("연결이 끊겼습니다. 다시 연결하는 중…")
    with database.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
    deliver_reply(database, conversation_id)  # answered while the widget was cut off
    restarted = LiveServer(gateway_port)
    restarted.start()
    try:
        team = log.locator(".kh-from-team")
        expect(team.locator(".kh-text-body")).to_have_text(REPLY_KO)
        expect(page.locator(".kh-status")).to_be_empty()
        expect(log.locator(".kh-message")).to_have_count(2)  # resumed: nothing twice
    finally:
        restarted.stop()
        context.close()


def test_the_widget_names_the_shop_fills_a_phone_and_keeps_korean_words_whole(
    browser: Browser, gateway: LiveServer, storefront: Storefront, shoot: Any
) -> None:
    # A phone in Seoul.
    phone = browser.new_context(
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = phone.new_page()
    page.goto(storefront.origin)
    page.get_by_role("button", name="채팅 상담").click()
    panel = page.get_by_role("dialog", name="고객 지원")
    expect(panel).to_be_visible()
    # The buyer sees whose support this is.
    expect(panel.locator(".kh-title")).to_have_text("さくら着物店")
    # Full screen on a phone, with the close button in its header.
    page.wait_for_timeout(300)  # the opening animation slides it 8 px
    box = panel.bounding_box()
    assert box is not None
    assert [round(box[k]) for k in ("x", "y", "width", "height")] == [0, 0, 390, 844]
    expect(page.locator(".kh-launcher")).to_be_hidden()
    # Korean breaks between words, never inside one.
    word_break = panel.locator(".kh-intro").evaluate("e => getComputedStyle(e).wordBreak")
    assert word_break == "keep-all"
    shoot(page, "chat-04-phone")
    close = panel.locator(".kh-close")
    close.click()
    expect(panel).to_be_hidden()
    expect(page.locator(".kh-launcher")).to_be_visible()
    phone.close()

    # On a desktop the launcher itself becomes the close button while the chat is open.
    desktop = new_context(browser, "ko-KR", "Asia/Seoul")
    page = desktop.new_page()
    page.goto(storefront.origin)
    launcher = page.locator(".kh-launcher")
    expect(launcher.locator(".kh-bubble")).to_be_visible()
    launcher.click()
    panel = page.get_by_role("dialog", name="고객 지원")
    expect(panel).to_be_visible()
    expect(launcher.locator(".kh-cross")).to_be_visible()
    expect(launcher.locator(".kh-bubble")).to_be_hidden()
    close_label = panel.locator(".kh-close").get_attribute("aria-label")
    assert close_label
    expect(launcher).to_have_attribute("aria-label", close_label)
    launcher.click()
    expect(panel).to_be_hidden()
    expect(page.get_by_role("button", name="채팅 상담")).to_be_visible()
    desktop.close()
