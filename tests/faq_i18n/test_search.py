import json
from pathlib import Path

import pytest

from faq_i18n.search import (
    FaqDocument,
    FaqIndex,
    FaqSearchError,
    documents_from_import,
    resolve_locale,
)

SHOP_FAQ = Path(__file__).resolve().parents[2] / "bench" / "data" / "faq_shop.json"


def doc(slug: str, locale: str, category: str, question: str, answer: str) -> FaqDocument:
    return FaqDocument(
        slug=slug, locale=locale, category=category, question=question, answer=answer
    )


SMALL_FAQ = [
    ("shipping", "ja", "配送", "海外へ発送できますか？", "世界約120か国へEMSで発送します。"),
    ("shipping", "en", "配送", "Do you ship abroad?", "We ship to about 120 countries by EMS."),
    ("shipping", "zh-Hans", "配送", "可以寄到海外吗？", "我们通过EMS寄往约120个国家和地区。"),
    ("shipping", "ko", "配送", "해외 배송이 되나요?", "EMS로 약 120개 국가에 발송합니다."),
    ("returns", "ja", "返品・交換", "返品・返金はできますか？", "到着後14日以内なら返品可。"),
    ("returns", "en", "返品・交換", "Can I return an item?", "Returns are accepted in 14 days."),
    ("returns", "zh-Hant", "返品・交換", "可以退貨退款嗎？", "收到商品後14天內可以退貨。"),
    ("returns", "ko", "返品・交換", "반품이나 환불이 가능한가요?", "14일 이내 반품 가능합니다."),
    ("payment", "ja", "お支払い", "支払い方法は？", "カードとPayPalが使えます。"),
    ("payment", "en", "お支払い", "How can I pay?", "We accept credit cards and PayPal."),
    ("wrapping", "ja", "ご注文", "ギフトラッピングはできますか？", "1点300円で承ります。"),
]


@pytest.fixture(scope="module")
def small_faq() -> FaqIndex:
    return FaqIndex(doc(*row) for row in SMALL_FAQ)


@pytest.fixture(scope="module")
def shop_faq() -> FaqIndex:
    return FaqIndex(documents_from_import(json.loads(SHOP_FAQ.read_text(encoding="utf-8"))))


def test_traditional_chinese_question_about_shipping_to_taiwan_suggests_shipping_first(
    shop_faq: FaqIndex,
) -> None:
    found = shop_faq.suggest("請問你們有寄到台灣嗎？", locale="zh-Hant")
    assert found[0].slug == "shipping-countries"
    assert found[0].locale == "zh-Hant"


def test_korean_refund_question_suggests_returns(shop_faq: FaqIndex) -> None:
    found = shop_faq.suggest("환불은 언제 받을 수 있나요? 지난주에 반품 보냈어요", locale="ko")
    assert found[0].slug == "returns"
    assert "환불" in found[0].answer


def test_english_paraphrase_with_typos_finds_the_entry(shop_faq: FaqIndex) -> None:
    found = shop_faq.suggest("the packge never arived, i think its lost. order 55120", locale="en")
    assert found[0].slug == "package-not-arrived"


def test_entry_without_translation_falls_back_to_japanese(small_faq: FaqIndex) -> None:
    found = small_faq.suggest("선물 포장 가능한가요?", locale="ko", limit=1)
    assert [(item.slug, item.locale) for item in found] == [("wrapping", "ja")]
    assert found[0].question == "ギフトラッピングはできますか？"


def test_chinese_buyer_gets_the_other_chinese_script_before_japanese(
    small_faq: FaqIndex,
) -> None:
    found = small_faq.suggest("我想退货，什么时候退款？", locale="zh-Hans", limit=1)
    assert [(item.slug, item.locale) for item in found] == [("returns", "zh-Hant")]


def test_region_tags_resolve_to_the_faq_locale(small_faq: FaqIndex) -> None:
    found = small_faq.suggest("可以退貨嗎", locale="zh-TW", limit=1)
    assert found[0].locale == "zh-Hant"
    assert resolve_locale("zh-CN", {"zh-Hans", "ja"}) == "zh-Hans"
    assert resolve_locale("ko-KR", {"ko"}) == "ko"
    assert resolve_locale("pt-BR", {"pt-BR", "pt"}) == "pt-BR"


def test_locale_the_faq_lacks_entirely_gets_japanese_entries(small_faq: FaqIndex) -> None:
    found = small_faq.suggest("PayPal", locale="de", limit=1)
    assert [(item.slug, item.locale) for item in found] == [("payment", "ja")]


def test_scores_are_between_zero_and_one_and_best_first(shop_faq: FaqIndex) -> None:
    found = shop_faq.suggest(
        "Hi, can I pay with PayPal and how much is shipping to Canada?", locale="en", limit=10
    )
    scores = [item.score for item in found]
    assert len(found) > 3
    assert all(0.0 < score <= 1.0 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_an_inquiry_about_one_topic_scores_higher_than_a_mixed_one(shop_faq: FaqIndex) -> None:
    single = shop_faq.suggest("Do you offer gift wrapping?", locale="en", limit=1)
    mixed = shop_faq.suggest(
        "Do you offer gift wrapping? And can I pay in euros with my Visa card?",
        locale="en",
        limit=1,
    )
    assert single[0].slug == "gift-wrapping"
    assert single[0].score > 0.5
    assert single[0].score > mixed[0].score


@pytest.mark.parametrize("query", ["", "   ", "？！", "12345678", "zzzqqq"])
def test_empty_or_unmatched_query_gives_no_suggestions(small_faq: FaqIndex, query: str) -> None:
    assert small_faq.suggest(query, locale="en") == []


def test_limit_caps_the_number_of_suggestions(shop_faq: FaqIndex) -> None:
    assert len(shop_faq.suggest("order shipping refund payment", locale="en", limit=2)) == 2
    assert shop_faq.suggest("order shipping refund payment", locale="en", limit=0) == []


def test_japanese_translation_of_the_inquiry_is_used(small_faq: FaqIndex) -> None:
    # The buyer's text alone matches nothing; its Japanese translation does.
    found = small_faq.suggest("Quisiera devolverlo", locale="es", query_ja="返品したいです")
    assert found[0].slug == "returns"


def test_fused_scores_stay_between_zero_and_one(shop_faq: FaqIndex) -> None:
    found = shop_faq.suggest(
        "我想退货", locale="zh-Hans", query_ja="返品したいです。返金はいつですか？", limit=5
    )
    assert found[0].slug == "returns"
    assert all(0.0 < item.score <= 1.0 for item in found)


def test_index_without_documents_suggests_nothing() -> None:
    assert FaqIndex([]).suggest("refund", locale="en") == []


def test_two_texts_for_the_same_entry_and_locale_are_refused() -> None:
    twice = [doc("returns", "en", "", "Return?", "Yes."), doc("returns", "en", "", "Again?", "No.")]
    with pytest.raises(FaqSearchError, match="returns"):
        FaqIndex(twice)


def test_import_format_is_read_per_locale() -> None:
    documents = documents_from_import(
        {
            "entries": [
                {
                    "slug": "returns",
                    "category": "返品・交換",
                    "question": {"ja": "返品できますか？", "en": "Can I return it?"},
                    "answer": {"ja": "できます。"},
                }
            ]
        }
    )
    # English has a question but no answer yet, so only the Japanese text is searchable.
    assert documents == [doc("returns", "ja", "返品・交換", "返品できますか？", "できます。")]


def test_malformed_import_entry_is_reported() -> None:
    with pytest.raises(FaqSearchError, match="entry 1"):
        documents_from_import({"entries": [{"category": "配送"}]})
