from __future__ import annotations

import pytest

from translation.glossary import Glossary, GlossaryTerm
from translation.spans import SpanPatterns, SpanProtector


@pytest.mark.parametrize(
    "span",
    [
        "https://shop.example.jp/items/tea_set?id=42&ref=a_b",
        "www.example.com/a_b",
        "jane_doe+shop@example.co.jp",
        "@kakehashi_shop",
        "¥3,980",
        "￥12,000",
        "US$25.50",
        "€9,99",
        "3,980円",
        "1500 JPY",
        "NT$1,200",
        "₩15,000",
        "#A-1001",
        "#123456",
        "KH-2024-0042",
        "SKU88421",
        "1234567890",
        "123-4567-890",
    ],
)
def test_spans_are_protected_and_restored_exactly(span: str) -> None:
    protector = SpanProtector()
    text = f"Please check {span}. Thanks"
    protected = protector.protect(text)
    assert span not in protected.text
    assert protected.text == "Please check [1]. Thanks"
    assert protector.restore(protected.text, protected.originals) == text


def test_url_does_not_swallow_trailing_punctuation() -> None:
    protected = SpanProtector().protect("See https://example.com/a_b.")
    assert protected.originals == {1: "https://example.com/a_b"}


def test_ordinary_words_and_numbers_are_not_protected() -> None:
    protected = SpanProtector().protect("I bought 2 cups in May for my Mother.")
    assert protected.originals == {}


def test_shop_patterns_replace_the_defaults() -> None:
    protector = SpanProtector(SpanPatterns(order_numbers=(r"\bORD\d{4}\b",)))
    protected = protector.protect("Order ORD1234 and KH-2024-0042")
    assert protected.originals == {1: "ORD1234"}


def test_glossary_terms_are_kept_or_forced_per_target() -> None:
    glossary = Glossary(
        [GlossaryTerm("Kakehashi Tea"), GlossaryTerm("抹茶", {"en": "matcha"}), GlossaryTerm("Tea")]
    )
    protector = SpanProtector()
    text = "Kakehashi Tea の抹茶, Steam Tea"
    protected = protector.protect(text, glossary=glossary, target="en")
    assert protected.text == "[1] の[2], Steam [3]"
    assert (
        protector.restore(protected.text, protected.originals)
        == "Kakehashi Tea のmatcha, Steam Tea"
    )


def test_repair_accepts_model_variants_and_re_adds_dropped_placeholders() -> None:
    text, missing = SpanProtector.repair("注文 ［1］ は [ 2 ] です [7]", [1, 2, 3])
    assert text == "注文 [1] は [2] です  [3]".replace("  [3]", " [3]")
    assert missing == 1
