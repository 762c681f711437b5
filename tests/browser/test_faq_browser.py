"""A buyer reads the FAQ in Traditional Chinese in a real browser: the page declares its
language and alternates, its JSON-LD parses, and typing in the search box filters the entries
(the inline script runs under the page's hash-based Content-Security-Policy)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from faq_i18n.formats import load_json
from gateway.db import Database
from gateway.faq import service
from tests.browser.conftest import LiveServer
from tests.gateway.test_faq import SAMPLE

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _faq_locales(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAKEHASHI_FAQ_LOCALES", "en,zh-Hant,ko")
    monkeypatch.delenv("KAKEHASHI_PUBLIC_URL", raising=False)


def visible_slugs(page: Page) -> list[str]:
    slugs: list[str] = page.eval_on_selector_all(
        "article.qa", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )
    return slugs


def test_traditional_chinese_faq_page(
    live_server: LiveServer, database: Database, page: Page, shoot: Any
) -> None:
    with database.session() as session:
        service.import_items(session, load_json(json.dumps(SAMPLE)))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{live_server.url}/faq/zh-Hant/")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    alternates = page.eval_on_selector_all(
        'link[rel="alternate"]', "els => els.map(e => [e.hreflang, e.href])"
    )
    assert dict(alternates) == {
        "ja": f"{live_server.url}/faq/ja/",
        "en": f"{live_server.url}/faq/en/",
        "zh-Hant": f"{live_server.url}/faq/zh-Hant/",
        "ko": f"{live_server.url}/faq/ko/",
        "x-default": f"{live_server.url}/faq/",
    }
    assert page.get_attribute('link[rel="canonical"]', "href") == f"{live_server.url}/faq/zh-Hant/"
    ld = json.loads(page.text_content('script[type="application/ld+json"]') or "")
    assert ld["@type"] == "FAQPage"
    assert "可以退貨嗎？" in [q["name"] for q in ld["mainEntity"]]
    expect(page.locator("h1")).to_have_text("常見問題")
    expect(page.locator("section.cat h2").first).to_have_text("配送")
    # Not translated into Chinese yet: the Japanese original with a visible note.
    expect(page.locator("#customs-duties .note")).to_contain_text("目前顯示日文原文")

    assert sorted(visible_slugs(page)) == [
        "customs-duties",
        "payment-methods",
        "returns",
        "shipping-countries",
    ]
    page.fill("#faq-search", "退貨")
    expect(page.locator("#returns")).to_be_visible()
    assert visible_slugs(page) == ["returns"]
    expect(page.locator("#returns .answer")).to_be_visible()  # a hit opens up
    page.fill("#faq-search", "海外")
    assert visible_slugs(page) == ["shipping-countries"]
    page.fill("#faq-search", "xyz 不存在")
    expect(page.locator("#faq-empty")).to_be_visible()
    page.fill("#faq-search", "")
    assert len(visible_slugs(page)) == 4
    page.click("#customs-duties summary")  # shows the "Japanese original" note
    shoot(page, "faq_zh-Hant", full_page=True)
    assert errors == []

    # The language menu switches language; /faq/ then remembers the choice.
    page.click(".langs summary")
    page.click('.langs a[hreflang="ko"]')
    assert page.get_attribute("html", "lang") == "ko"
    page.goto(f"{live_server.url}/faq/")
    assert page.url == f"{live_server.url}/faq/ko/"
