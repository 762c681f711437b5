"""An administrator reviews automatic mail in a real browser: the Japanese groupware's bare
不在のお知らせ is held with its reason, and one click restores it into a conversation."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from gateway.db import Database
from gateway.mailbox.inbound import store_inbound
from gateway.models import HeldMail
from tests.browser.conftest import SUPPORT, LiveServer, Relay
from tests.browser.test_inbox_browser import make_agent, sign_in
from tests.mail.conftest import FIXTURES
from tests.mail.conftest import SUPPORT as CORPUS_SUPPORT

pytestmark = pytest.mark.browser


def held(database: Database) -> int:
    with database.session(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(HeldMail)) or 0)


def test_an_administrator_restores_a_held_out_of_office_notice(
    page: Page,
    live_server: LiveServer,
    database: Database,
    relay: tuple[Relay, int],
    workers: object,
    shoot: object,
) -> None:
    make_agent(database)  # an administrator
    sign_in(page, live_server)
    raw = (FIXTURES / "automatic" / "groupware_fuzai_iso2022jp.eml").read_bytes()
    raw = raw.replace(CORPUS_SUPPORT.encode(), SUPPORT.encode())
    store_inbound(database, raw, "misaki.sato@example.co.jp", [SUPPORT])
    deadline = time.monotonic() + 30
    while not held(database):  # the workers process it in the background
        assert time.monotonic() < deadline, "the mail was not processed"
        time.sleep(0.1)

    page.get_by_role("link", name="自動送信・保留メール").click()
    expect(page).to_have_url(re.compile(r"/admin/held-mail$"))
    row = page.locator("tr[data-reason]").filter(has_text="不在のお知らせ")
    expect(row).to_be_visible()
    expect(row.locator(".badge")).to_contain_text("不在通知")
    expect(page.get_by_text("お問い合わせはありません")).to_have_count(0)
    shoot(page, "held-mail")  # type: ignore[operator]

    row.get_by_role("button", name="会話に戻す").click()
    expect(page).to_have_url(re.compile(r"/inbox/conversations/\d+$"))
    expect(page.locator(".message-in").first).to_contain_text("不在にしております")
    assert relay[0].received == []  # nothing was sent to the machine that wrote it
