"""Pivot through English, both ways: any pair whose two halves are installed translates, and
the Translation names the whole chain (zh-Hant → en → ja and ja → en → zh-Hant)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.translation.conftest import fixture_package, shift
from translation.engine import TranslationEngine
from translation.errors import UnsupportedPairError
from translation.packages import install_file


def engine_with(models_dir: Path, *pairs: tuple[str, str]) -> TranslationEngine:
    for source, target in pairs:
        install_file(fixture_package(source, target), models_dir)
    return TranslationEngine(models_dir, copy_target_language=False)


def test_into_japanese_through_english(models_dir: Path) -> None:
    engine = engine_with(models_dir, ("zt", "en"), ("en", "ja"))
    [result] = engine.translate_many(["Where is my order A-1001?"], source="zh-Hant", target="ja")
    assert result.model == "argos:zt-en@1.0+argos:en-ja@1.0"
    assert result.text == shift("Where is my order", 2) + " A-1001?"
    assert engine.pairs() == [("en", "ja"), ("zh-Hant", "en"), ("zh-Hant", "ja")]


def test_out_of_japanese_through_english(models_dir: Path) -> None:
    engine = engine_with(models_dir, ("ja", "en"), ("en", "zt"), ("zt", "en"), ("en", "ja"))
    reply = "ご注文の商品は本日発送しました。Tracking は明日です。"
    [result] = engine.translate_many([reply], source="ja", target="zh-Hant")
    assert result.model == "argos:ja-en@1.0+argos:en-zt@1.0"
    assert result.text == shift(reply, -2)  # each test package shifts ASCII letters by one
    assert ("ja", "zh-Hant") in engine.pairs()
    # The back-translation an agent reads takes the chain the other way.
    [back] = engine.translate_many([result.text], source="zh-Hant", target="ja")
    assert back.model == "argos:zt-en@1.0+argos:en-ja@1.0"
    assert back.text == reply


def test_a_missing_half_names_the_pair_to_install(models_dir: Path) -> None:
    engine = engine_with(models_dir, ("ja", "en"))
    assert not engine.supports("ja", "zh-Hant")
    with pytest.raises(UnsupportedPairError, match="kakehashi models install ja zh-Hant"):
        engine.translate_many(["こんにちは"], source="ja", target="zh-Hant")
