"""Staleness: a Japanese edit never leaves an old translation looking current."""

from __future__ import annotations

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.hashing import source_hash
from faq_i18n.workflow import (
    effective_status,
    is_current,
    locales_to_translate,
    mark_source_changed,
)


def entry() -> FaqItem:
    item = FaqItem("shipping-time", "配送", "届くまで何日？", "通常5〜10日です。")
    item.translations = {
        "en": LocaleText("How long?", "Usually 5-10 days.", Status.REVIEWED, item.source_hash),
        "ko": LocaleText("며칠?", "보통 5~10일.", Status.MACHINE, item.source_hash, "argos:ja-ko"),
    }
    return item


def test_hash_ignores_invisible_differences_but_not_edits() -> None:
    assert source_hash("質問", "回答\r\n続き  ") == source_hash("質問", "回答\n続き")
    assert source_hash("質問", "回答") != source_hash("質問", "回答。")
    assert source_hash("ab", "c") != source_hash("a", "bc")


def test_source_edit_makes_every_translation_stale_and_redoes_only_machine_ones() -> None:
    item = entry()
    assert all(is_current(t, item.source_hash) for t in item.translations.values())
    item.answer = "通常7〜14日です。"
    assert not any(is_current(t, item.source_hash) for t in item.translations.values())
    assert effective_status(item.translations["en"], item.source_hash) == Status.STALE

    assert mark_source_changed(item) == ["ko"]
    assert item.translations["en"].status == Status.STALE
    assert item.translations["ko"].status == Status.STALE
    # The reviewed one waits for a person; the stale machine one is redone whenever asked.
    assert locales_to_translate(item, ["en", "ko", "th"]) == ["ko", "th"]


def test_a_translation_made_for_the_new_text_stays_current() -> None:
    item = entry()
    item.answer = "通常7〜14日です。"
    item.translations["en"] = LocaleText(
        "How long?", "Usually 7-14 days.", Status.REVIEWED, item.source_hash
    )
    mark_source_changed(item)
    assert item.translations["en"].status == Status.REVIEWED
    assert is_current(item.translations["en"], item.source_hash)
