"""Cleaning a message before detection keeps only the buyer's own words."""

from __future__ import annotations

from translation.textclean import clean_for_detection, looks_like_binary, strip_quoted_reply


def test_urls_addresses_codes_prices_and_emoji_are_removed() -> None:
    text = (
        "Order #JP-20240611-0042 (SKU KMN-4471-BL) cost ¥12,800 / US$45, see "
        "https://shop.example.jp/items/551 or write to jane.doe@example.com 👍🏽 @shop thanks"
    )
    cleaned = clean_for_detection(text)
    for gone in ("JP", "4471", "12", "45", "https", "example", "jane", "👍", "@shop", "US"):
        assert gone not in cleaned
    assert cleaned.startswith("Order")
    assert cleaned.endswith("thanks")


def test_full_width_forms_are_normalised() -> None:
    assert clean_for_detection("注文番号１２３４５のｶﾀｶﾅ") == "注文番号 のカタカナ"


def test_quoted_reply_is_dropped() -> None:
    text = (
        "Ok, but when will it ship?\n\nOn Mon, 3 Jun 2024, Shop wrote:\n> Thank you for your order"
    )
    assert strip_quoted_reply(text) == "Ok, but when will it ship?"
    assert strip_quoted_reply("> only a quote\n> nothing else") == "only a quote\nnothing else"


def test_input_is_bounded() -> None:
    assert len(clean_for_detection("word " * 500_000)) <= 1_000


def test_binary_is_recognised() -> None:
    assert looks_like_binary(bytes(range(256)).decode("latin-1"))
    assert looks_like_binary("\ufffd\ufffd\ufffd abc")
    assert not looks_like_binary("Hello 😀, où est ma commande ? 谢谢")
