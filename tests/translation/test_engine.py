"""The engine translates with the test packages: to-ja packages shift ASCII letters +1,
from-ja packages -1, zt/en pairs ±1, so pivots (zh-Hant↔ja through English) shift ±2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from tests.translation.conftest import fixture_package, shift
from translation.engine import TranslationEngine
from translation.errors import UnsupportedPairError
from translation.glossary import Glossary, GlossaryTerm
from translation.memory import InProcessMemory, MemoryEntry
from translation.packages import install_file


def test_inbound_english_is_translated_into_japanese(engine: TranslationEngine) -> None:
    [result] = engine.translate_many(
        ["Where is my parcel? It has not arrived."], source="en", target="ja"
    )
    assert result.text == shift("Where is my parcel? It has not arrived.", 1)
    assert result.model == "argos:en-ja@1.0"
    assert result.score > 0.9
    assert not result.low_confidence


def test_traditional_chinese_pivots_through_english(engine: TranslationEngine) -> None:
    text = "您好，我的訂單還沒到。Please help."
    [result] = engine.translate_many([text], source="zh-Hant", target="ja")
    assert result.text == shift(text, 2)
    assert result.model == "argos:zt-en@1.0+argos:en-ja@1.0"
    assert ("zh-Hant", "ja") in engine.pairs()
    assert ("ja", "zh-Hant") in engine.pairs()


def test_reply_and_its_back_translation(all_models_dir: Path) -> None:
    # The test packages copy kana, so sentence-level "already Japanese" copying is off here.
    engine = TranslationEngine(all_models_dir, copy_target_language=False)
    reply = "ご注文の商品は本日発送しました。Tracking は明日わかります。"
    [outbound] = engine.translate_many([reply], source="ja", target="en")
    [back] = engine.translate_many([outbound.text], source="en", target="ja")
    assert outbound.text == shift(reply, -1)
    assert back.text == reply


def test_sentences_already_in_the_target_language_are_copied(engine: TranslationEngine) -> None:
    [inbound] = engine.translate_many(["您好！Thank you so much."], source="zh-Hant", target="en")
    assert inbound.text == f"{shift('您好！', 1)}Thank you so much."


def test_korean_direct_pair(engine: TranslationEngine) -> None:
    text = "안녕하세요. 주문한 상품이 아직 도착하지 않았습니다. Thanks"
    [result] = engine.translate_many([text], source="ko", target="ja")
    assert result.text == shift(text, 1)
    assert result.model == "argos:ko-ja@1.0"


def test_protected_spans_come_through_byte_for_byte(engine: TranslationEngine) -> None:
    text = (
        "Hi, order #A-1001 (SKU KH-2024-0042) was charged ¥3,980 and US$25.50. "
        "See https://shop.example.com/orders/A_1001?ref=mail_2 or write to jane_doe@example.com. "
        "Tracking 123456789012, by @kakehashi_shop."
    )
    [result] = engine.translate_many([text], source="en", target="ja")
    for span in (
        "#A-1001",
        "KH-2024-0042",
        "¥3,980",
        "US$25.50",
        "https://shop.example.com/orders/A_1001?ref=mail_2",
        "jane_doe@example.com",
        "123456789012",
        "@kakehashi_shop",
    ):
        assert span in result.text
    assert result.text.startswith(shift("Hi, order", 1))
    assert result.missing_spans == 0


def test_text_that_looks_like_a_placeholder_is_kept(engine: TranslationEngine) -> None:
    [result] = engine.translate_many(["See note [1] and [2] here."], source="en", target="ja")
    assert result.text == f"{shift('See note', 1)} [1] {shift('and', 1)} [2] {shift('here', 1)}."


def test_glossary_keeps_and_forces_terms(engine: TranslationEngine) -> None:
    glossary = Glossary([GlossaryTerm("Kakehashi Tea"), GlossaryTerm("matcha", {"ja": "抹茶"})])
    [result] = engine.translate_many(
        ["I love Kakehashi Tea and Matcha latte."], source="en", target="ja", glossary=glossary
    )
    assert (
        result.text == f"{shift('I love', 1)} Kakehashi Tea {shift('and', 1)} 抹茶 "
        f"{shift('latte', 1)}."
    )


def test_layout_paragraphs_and_list_items_are_kept(engine: TranslationEngine) -> None:
    text = "Hello,\n\nI ordered:\n- two cups\n- 1 teapot\n  2. a tray\n\nRegards,\nJane\n"
    [result] = engine.translate_many([text], source="en", target="ja")
    assert result.text == shift(text, 1)
    assert result.text.count("\n") == text.count("\n")


def test_many_texts_keep_their_order_and_edge_cases(engine: TranslationEngine) -> None:
    texts = ["First.", "", "   ", "12345", "Second one!", "ご注文ありがとうございます。"]
    results = engine.translate_many(texts, source="en", target="ja")
    assert [r.text for r in results] == [
        shift("First.", 1),
        "",
        "   ",
        "12345",
        shift("Second one!", 1),
        "ご注文ありがとうございます。",  # already Japanese: returned unchanged
    ]
    assert results[1].score == 1.0


def test_same_language_is_returned_unchanged(engine: TranslationEngine) -> None:
    [result] = engine.translate_many(["そのまま"], source="ja", target="ja")
    assert (result.text, result.score, result.model) == ("そのまま", 1.0, "identity")


def test_unsupported_pair_lists_installed_pairs_and_the_install_command(
    engine: TranslationEngine,
) -> None:
    with pytest.raises(UnsupportedPairError) as caught:
        engine.translate_many(["Bonjour"], source="fr", target="ja")
    message = str(caught.value)
    assert "en→ja" in message
    assert "kakehashi models install fr ja" in message
    assert not engine.supports("fr", "ja")
    assert not engine.supports("xx-nonsense", "ja")
    with pytest.raises(UnsupportedPairError):
        engine.translate_many(["?"], source="not a tag", target="ja")


def test_supports_notices_a_package_installed_later(models_dir: Path) -> None:
    engine = TranslationEngine(models_dir)
    assert not engine.supports("ko", "ja")
    install_file(fixture_package("ko", "ja"), models_dir)
    assert engine.supports("ko", "ja")
    assert engine.translate("안녕 ok", source="ko", target="ja").text == "안녕 pl"


def test_garbled_text_is_flagged_low_confidence(engine: TranslationEngine) -> None:
    good, garbled = engine.translate_many(
        ["Where is my order?", "\ufffd\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd order"],
        source="en",
        target="ja",
    )
    assert garbled.low_confidence
    assert not good.low_confidence
    assert garbled.score < good.score
    assert garbled.text == "\ufffd\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd psefs"


def test_one_megabyte_text_is_chunked_not_crashed(engine: TranslationEngine) -> None:
    sentence = "Where is my order? "
    text = sentence * (1_000_000 // len(sentence))
    [result] = engine.translate_many([text], source="en", target="ja")
    assert result.text == shift(text, 1)


def test_long_text_without_punctuation_is_cut_and_translated_exactly(
    engine: TranslationEngine,
) -> None:
    text = "".join(f"word{i} " for i in range(300)).strip() + " 注文" * 150
    [result] = engine.translate_many([text], source="en", target="ja")
    assert result.text == shift(text, 1)


class CountingMemory(InProcessMemory):
    def __init__(self) -> None:
        super().__init__()
        self.stored: list[str] = []

    def put_many(self, entries: Mapping[str, MemoryEntry]) -> None:
        self.stored.extend(entries)
        super().put_many(entries)

    def get_many(self, keys: Sequence[str]) -> dict[str, MemoryEntry]:
        return super().get_many(keys)


def test_translation_memory_translates_templates_once(all_models_dir: Path) -> None:
    memory = CountingMemory()
    engine = TranslationEngine(all_models_dir, memory=memory)
    first = engine.translate("Where is order #A-1001? Thanks.", source="en", target="ja")
    second = engine.translate("Where is order #B-2002? Thanks.", source="en", target="ja")
    assert first.text == shift("Where is order", 1) + " #A-1001? " + shift("Thanks.", 1)
    assert second.text == shift("Where is order", 1) + " #B-2002? " + shift("Thanks.", 1)
    assert memory.stored == ["argos:en-ja@1.0\x1fWhere is order [1]?", "argos:en-ja@1.0\x1fThanks."]


def test_remembered_translation_is_used(all_models_dir: Path) -> None:
    memory = InProcessMemory()
    memory.put_many({"argos:en-ja@1.0\x1fHello.": MemoryEntry("こんにちは。", 0.9)})
    engine = TranslationEngine(all_models_dir, memory=memory)
    result = engine.translate("Hello.  Bye.", source="en", target="ja")
    assert result.text == "こんにちは。  " + shift("Bye.", 1)


def test_runtime_never_imports_torch_or_argostranslate_translate(all_models_dir: Path) -> None:
    code = (
        "import sys; from translation.engine import TranslationEngine; "
        f"e = TranslationEngine({str(all_models_dir)!r}); "
        "assert e.translate('Hi there.', source='zh-Hant', target='ja').text == 'Jk vjgtg.'; "
        "bad = [m for m in ('torch', 'stanza', 'minisbd', 'argostranslate.translate') "
        "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
