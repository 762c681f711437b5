"""Language detection of buyers' messages: what routing, translation and replies depend on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from translation.detect import (
    Detection,
    LanguageDetectionError,
    detect_candidates,
    detect_language,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("いつ発送されますか？", "ja"),
        ("配送先を変更したいです", "ja"),
        ("배송 언제 돼요?", "ko"),
        ("EMS로 보내주실 수 있나요?", "ko"),
        ("ส่งของเมื่อไหร่คะ", "th"),
        ("متى سيتم شحن طلبي؟", "ar"),
        ("Когда отправите мой заказ?", "ru"),
    ],
)
def test_script_settles_the_language(text: str, language: str) -> None:
    found = detect_language(text)
    assert found.language == language
    assert found.confidence > 0.9


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("請問可以寄到台灣嗎？", "zh-Hant"),
        ("请问可以寄到台湾吗？", "zh-Hans"),
        ("謝謝您的幫忙！", "zh-Hant"),
        ("退款什么时候到账？", "zh-Hans"),
        ("返品", "ja"),
        ("領収書", "ja"),
        ("発送", "ja"),
    ],
)
def test_han_only_text_is_told_apart(text: str, language: str) -> None:
    assert detect_language(text).language == language


def test_chinese_buyer_quoting_a_japanese_product_name_stays_chinese() -> None:
    assert detect_language("請問「ほうじ茶」禮盒還有貨嗎？").language == "zh-Hant"
    assert detect_language("这个ポケモン卡还有吗？").language == "zh-Hans"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("thx", "en"),
        ("Refund please.", "en"),
        ("Boleh hantar ke Malaysia tak?", "ms"),
        ("Bisa kirim ke Indonesia nggak?", "id"),
        ("Salamat po!", "tl"),
        ("Cảm ơn bạn nhiều!", "vi"),
        ("cam on shop", "vi"),
        ("¿Cuánto cuesta el envío?", "es"),
        ("Quanto custa o frete?", "pt"),
        ("Merci beaucoup !", "fr"),
        ("Vielen Dank!", "de"),
        ("Grazie mille!", "it"),
    ],
)
def test_short_latin_messages(text: str, language: str) -> None:
    assert detect_language(text).language == language


def test_nothing_to_go_on_is_und_with_low_confidence() -> None:
    found = detect_language("ok")
    assert found.language == "und"
    assert found.confidence < 0.3


def test_short_text_follows_hints_and_messy_tags_are_normalised() -> None:
    assert detect_language("ok", hints=["zh-TW"]).language == "zh-Hant"
    assert detect_language("你好", hints=["zh-TW"]).language == "zh-Hant"
    assert detect_language("你好", hints=["zh-CN"]).language == "zh-Hans"
    assert detect_language("terima kasih", hints=["ms-MY"]).language == "ms"
    assert detect_language("terima kasih", hints=["id-ID"]).language == "id"


def test_clear_text_overrides_hints() -> None:
    assert detect_language("Bonjour, je n'ai pas reçu ma commande", hints=["de"]).language == "fr"
    assert detect_language("这个颜色还有货吗", hints=["ja"]).language == "zh-Hans"


def test_invalid_hints_are_ignored() -> None:
    found = detect_language("ok", hints=["not a tag!!", "", "zz-ZZ-!!", "ko-KR"])
    assert found.language == "ko"


def test_priors_decide_a_text_too_short_to_tell() -> None:
    assert detect_language("terima kasih", priors={"ms": 0.3, "id": 0.05}).language == "ms"
    assert detect_language("ok", priors={"en": 0.2, "zh-Hant": 0.6}).language == "zh-Hant"
    # a clear text is not overruled by traffic
    assert detect_language("Merci beaucoup !", priors={"en": 0.9, "fr": 0.01}).language == "fr"


def test_candidates_restrict_the_answer() -> None:
    assert detect_language("감사합니다", languages=["en", "ja"]).language == "und"
    assert detect_language("Gracias", languages=["en", "pt"]).language in {"en", "pt", "und"}
    with pytest.raises(LanguageDetectionError, match="BCP 47"):
        detect_language("hello", languages=["not a language!"])
    with pytest.raises(LanguageDetectionError, match="at least one"):
        detect_language("hello", languages=[])


def test_order_numbers_urls_and_quotes_do_not_make_a_message_english() -> None:
    assert detect_language("A-99812 https://shop.example.jp/items/551 返品").language == "ja"
    text = "Ya lo recibí, gracias\n\nOn Mon, 3 Jun 2024, Shop <s@example.jp> wrote:\n> Thanks!"
    assert detect_language(text).language == "es"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "12345 !!! ???",
        "https://example.com/path?q=1",
        "😀🎉👍",
        bytes(range(256)).decode("latin-1"),
        "\x00\x01\x02 garbage \ufffd\ufffd\ufffd",
        "x" * 1_000_000,
        "ありがとう。" * 200_000,
        "iPhone 15 Pro Max ケース SONY WH-1000XM5",
    ],
)
def test_bad_input_gives_a_detection(text: str) -> None:
    found = detect_language(text)
    assert isinstance(found, Detection)
    assert 0.0 <= found.confidence <= 1.0


def test_nothing_readable_is_und() -> None:
    for text in ("", "  ", "12345 !!!", "https://example.com/x", "😀😀", "\x00\x01\x02\x03"):
        assert detect_language(text).language == "und", text


def test_mixed_english_and_japanese_goes_by_the_words_around_the_names() -> None:
    assert detect_language("iPhone 15用のケースはありますか？").language == "ja"
    assert detect_language("Is the ほうじ茶 set still available? I want two.").language == "en"


def test_candidates_are_ranked_and_libretranslate_uses_percent() -> None:
    ranked = detect_candidates("Hola, ¿tienen este bolso en stock?", limit=5)
    assert ranked[0] == detect_language("Hola, ¿tienen este bolso en stock?")
    assert ranked[0].language == "es"
    confidences = [d.confidence for d in ranked]
    assert confidences == sorted(confidences, reverse=True)
    assert len(ranked) == 5
    assert ranked[0].as_libretranslate()["confidence"] == pytest.approx(
        ranked[0].confidence * 100, abs=0.1
    )


_SCRIPT = (
    "import json; from translation.detect import detect_language as d; "
    "print(json.dumps([[d(t).language, round(d(t).confidence, 9)] for t in "
    "['ok', 'hello', 'terima kasih', 'Ciao', 'merci', '好的', 'abc def']]))"
)


def test_same_answer_in_every_process() -> None:
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())[0][0] == "und"
