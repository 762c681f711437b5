"""The public pages as a buyer and a search engine see them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.errors import UnknownLocaleError
from faq_i18n.export import write_site
from faq_i18n.locales import negotiate_locale
from faq_i18n.pages import FaqRenderer, Site

SITE = Site("https://help.example.jp/", ("ja", "en", "zh-Hant", "ko"), shop_name="さくら雑貨")


def items() -> list[FaqItem]:
    returns = FaqItem(
        "returns", "返品・交換", "返品できますか？", "到着後7日以内なら返品できます。", 1
    )
    returns.translations = {
        "zh-Hant": LocaleText(
            "可以退貨嗎？", "收到後七天內可以退貨。", Status.REVIEWED, returns.source_hash
        ),
        "en": LocaleText(
            "Can I return?",
            "Within 7 days of delivery.",
            Status.MACHINE,
            returns.source_hash,
            "argos:ja-en",
        ),
    }
    shipping = FaqItem("shipping-time", "配送", "何日で届きますか？", "通常5〜10日です。", 2)
    shipping.translations = {
        # Translated before the shop changed the answer: must not be shown as current.
        "zh-Hant": LocaleText("幾天送達？", "通常三天。", Status.REVIEWED, "old-hash"),
    }
    secret = FaqItem(
        "internal", "その他", "社内メモ", "<script>alert(1)</script>", 3, published=False
    )
    return [returns, shipping, secret]


def json_ld(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_locale_page_has_lang_hreflang_canonical_and_json_ld() -> None:
    html = FaqRenderer(SITE).locale_page(items(), "zh-Hant")
    assert '<html lang="zh-Hant">' in html
    assert '<link rel="canonical" href="https://help.example.jp/faq/zh-Hant/">' in html
    for locale in SITE.locales:
        assert (
            f'<link rel="alternate" hreflang="{locale}" '
            f'href="https://help.example.jp/faq/{locale}/">'
        ) in html
    assert '<link rel="alternate" hreflang="x-default" href="https://help.example.jp/faq/">' in html
    data = json_ld(html)
    assert data["@type"] == "FAQPage"
    names = [q["name"] for q in data["mainEntity"]]
    assert names == ["可以退貨嗎？", "何日で届きますか？"]
    assert "社内メモ" not in html  # unpublished


def test_stale_translation_is_replaced_by_the_japanese_original_with_a_note() -> None:
    html = FaqRenderer(SITE).locale_page(items(), "zh-Hant")
    assert "通常三天" not in html
    assert "通常5〜10日です。" in html
    assert "此回答尚未翻譯，目前顯示日文原文。" in html  # chrome from locales/zh_Hant/faq.po


def test_machine_note_only_where_no_person_reviewed() -> None:
    pages = FaqRenderer(SITE)
    english = pages.locale_page(items(), "en")
    assert english.count('data-note="machine"') == 1
    assert "Machine translated — the Japanese original prevails" in english
    chinese = pages.locale_page(items(), "zh-Hant")
    assert 'data-note="machine"' not in chinese
    assert "<h2>退貨與換貨</h2>" in chinese  # category heading in the buyer's language
    assert "搜尋問題" in chinese


def test_text_from_the_shop_is_escaped() -> None:
    data = items()
    data[0].answer = '</script><script>alert("x")</script>'
    data[0].translations = {}
    html = FaqRenderer(SITE).locale_page(data, "ko")
    assert "<script>alert" not in html
    ld = json_ld(html)  # the JSON-LD block is not broken out of either
    assert ld["mainEntity"][0]["acceptedAnswer"]["text"] == data[0].answer


def test_unpublished_locale_is_refused() -> None:
    with pytest.raises(UnknownLocaleError, match="published: ja, en, zh-Hant, ko"):
        FaqRenderer(SITE).locale_page(items(), "fr")


def test_sitemap_lists_every_page_with_alternates() -> None:
    xml = FaqRenderer(SITE).sitemap(items())
    tree = ElementTree.fromstring(xml.encode())  # noqa: S314 - our own output
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [e.text for e in tree.findall("s:url/s:loc", ns)]
    assert "https://help.example.jp/faq/ko/returns/" in locs
    assert len(locs) == 4 * 3  # index + two published entries, in four locales
    first = tree.find("s:url", ns)
    assert first is not None
    assert len(first.findall("x:link", ns)) == 5  # four locales + x-default


def test_static_site_files_are_the_rendered_pages(tmp_path: Path) -> None:
    pages = FaqRenderer(Site("https://shop.example/help", ("ja", "en")))
    files = pages.site_files(items())
    write_site(files, tmp_path)
    page = (tmp_path / "faq" / "en" / "index.html").read_bytes()
    assert page == pages.locale_page(items(), "en").encode()
    assert 'href="/help/faq/en/returns/"' in page.decode()  # links work under a path prefix
    assert (tmp_path / "faq" / "ja" / "shipping-time" / "index.html").is_file()
    assert not (tmp_path / "faq" / "en" / "internal").exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-TW,zh;q=0.9,en;q=0.8", "zh-Hant"),
        ("zh-CN", "en"),  # not published: default
        ("ko-KR;q=0.5, en-GB;q=0.9", "en"),
        ("ko-KR", "ko"),
        ("fr-CA, *;q=0.1", "en"),
        ("", "en"),
    ],
)
def test_accept_language_negotiation(header: str, expected: str) -> None:
    assert negotiate_locale(header, SITE.locales, "en") == expected
