"""The translation workflow's rules: source hashing, staleness, what to machine-translate.

A translation is *current* when it translates the Japanese text as it is now: its
``source_hash`` equals the entry's and its status is not stale. Only current translations are
shown as the answer in a buyer's language; anything else falls back to the Japanese original.

When the Japanese source changes, every translation becomes stale. Machine translations (no
person approved them) are redone automatically; reviewed ones wait for a person.
"""

from __future__ import annotations

from collections.abc import Iterable

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.hashing import source_hash

__all__ = [
    "effective_status",
    "is_current",
    "locales_to_translate",
    "mark_source_changed",
    "redo_automatically",
    "source_hash",
]


def is_current(translation: LocaleText | None, entry_hash: str) -> bool:
    """Whether ``translation`` may be shown as the answer for the source with ``entry_hash``."""
    return (
        translation is not None
        and translation.status != Status.STALE
        and translation.source_hash == entry_hash
        and bool(translation.answer.strip())
    )


def effective_status(translation: LocaleText, entry_hash: str) -> str:
    """The status to show: a translation of other source text is stale whatever it says."""
    if translation.source_hash != entry_hash:
        return Status.STALE
    return translation.status


def redo_automatically(translation: LocaleText) -> bool:
    """Whether a stale or outdated translation is machine work no person approved, so the
    engine may replace it without asking."""
    if translation.status == Status.MACHINE:
        return True
    return translation.status == Status.STALE and translation.model is not None


def mark_source_changed(item: FaqItem) -> list[str]:
    """Make every translation of ``item`` stale after its Japanese text changed; returns the
    locales to machine-translate again now (the others wait for review)."""
    redo = []
    for locale, translation in item.translations.items():
        if translation.source_hash == item.source_hash and translation.status != Status.STALE:
            continue  # already translates the new text (e.g. an import brought both)
        if redo_automatically(translation) or not translation.answer.strip():
            redo.append(locale)
        translation.status = Status.STALE
    return sorted(redo)


def locales_to_translate(item: FaqItem, targets: Iterable[str]) -> list[str]:
    """Target locales with no current translation that the engine should produce."""
    wanted = []
    for locale in targets:
        translation = item.translations.get(locale)
        if translation is None or not translation.answer.strip():
            wanted.append(locale)
        elif not is_current(translation, item.source_hash) and redo_automatically(translation):
            wanted.append(locale)
    return wanted
