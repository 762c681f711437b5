"""The JSON exchange format (``kakehashi faq import/export``)::

    {"entries": [{"slug": "returns", "category": "返品・交換", "order": 1, "published": true,
                  "question": {"ja": "…", "en": "…"}, "answer": {"ja": "…", "en": "…"},
                  "status": {"en": "machine"}, "model": {"en": "argos:ja-en@1.0"},
                  "source_hash": {"en": "…"}}]}

Only ``slug``, ``category`` and the ``ja`` question and answer are required; without
``order`` entries keep the order of the file. A locale other
than ``ja`` without a ``status`` counts as reviewed (a person wrote it). ``model`` and
``source_hash`` are written only where they carry information (machine output; a translation of
older Japanese text), so an export imports back to exactly the same store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.errors import FaqFormatError
from faq_i18n.formats.checks import (
    check_locale,
    check_slug,
    check_status,
    parse_bool,
    parse_order,
)
from faq_i18n.locales import SOURCE_LOCALE


def dump_json(items: Sequence[FaqItem]) -> str:
    """The store as pretty-printed UTF-8 JSON (Japanese kept readable, not escaped)."""
    return json.dumps({"entries": [_entry(item) for item in items]}, ensure_ascii=False, indent=2)


def _entry(item: FaqItem) -> dict[str, Any]:
    locales = sorted(item.translations)
    out: dict[str, Any] = {
        "slug": item.slug,
        "category": item.category,
        "order": item.position,
        "published": item.published,
        "question": {SOURCE_LOCALE: item.question}
        | {loc: item.translations[loc].question for loc in locales},
        "answer": {SOURCE_LOCALE: item.answer}
        | {loc: item.translations[loc].answer for loc in locales},
    }
    if locales:
        out["status"] = {loc: str(item.translations[loc].status) for loc in locales}
    models = {loc: t.model for loc in locales if (t := item.translations[loc]).model}
    if models:
        out["model"] = models
    hashes = {
        loc: t.source_hash
        for loc in locales
        if (t := item.translations[loc]).source_hash != item.source_hash
    }
    if hashes:
        out["source_hash"] = hashes
    return out


def load_json(text: str | bytes) -> list[FaqItem]:
    """Parse the JSON exchange format; :class:`FaqFormatError` says which entry is wrong."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FaqFormatError(f"not valid JSON (UTF-8): {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise FaqFormatError('the file must be an object with an "entries" list')
    items: list[FaqItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["entries"]):
        item = _item(raw, f"entries[{index}]", index + 1)
        if item.slug in seen:
            raise FaqFormatError(f"entries[{index}]: slug '{item.slug}' appears twice")
        seen.add(item.slug)
        items.append(item)
    return items


def _texts(raw: dict[str, Any], key: str, where: str) -> dict[str, str]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise FaqFormatError(f'{where}: "{key}" must be an object of texts by locale')
    texts = {}
    for tag, text in value.items():
        if not isinstance(text, str):
            raise FaqFormatError(f'{where}: "{key}.{tag}" must be a string')
        texts[check_locale(tag, f"{where}.{key}")] = text
    return texts


def _item(raw: object, where: str, default_order: int) -> FaqItem:
    if not isinstance(raw, dict):
        raise FaqFormatError(f"{where}: each entry must be an object")
    slug = check_slug(raw.get("slug"), where)
    where = f"{where} ({slug})"
    category = raw.get("category", "")
    if not isinstance(category, str):
        raise FaqFormatError(f'{where}: "category" must be a string')
    questions = _texts(raw, "question", where)
    answers = _texts(raw, "answer", where)
    if not questions.get(SOURCE_LOCALE, "").strip() or not answers.get(SOURCE_LOCALE, "").strip():
        raise FaqFormatError(f"{where}: the Japanese (ja) question and answer are required")
    statuses = raw.get("status") or {}
    models = raw.get("model") or {}
    hashes = raw.get("source_hash") or {}
    for key, value in (("status", statuses), ("model", models), ("source_hash", hashes)):
        if not isinstance(value, dict):
            raise FaqFormatError(f'{where}: "{key}" must be an object by locale')
    item = FaqItem(
        slug=slug,
        category=category.strip(),
        question=questions.pop(SOURCE_LOCALE),
        answer=answers.pop(SOURCE_LOCALE),
        position=parse_order(raw.get("order"), where, default_order),
        published=parse_bool(raw.get("published", True), where),
    )
    for locale in sorted(set(questions) | set(answers)):
        if locale not in questions or locale not in answers:
            raise FaqFormatError(f"{where}: '{locale}' needs both a question and an answer")
        status = check_status(_get(statuses, locale, Status.REVIEWED), f"{where}.status")
        default_hash = "" if status == Status.STALE else item.source_hash
        model = _get(models, locale, None)
        item.translations[locale] = LocaleText(
            question=questions[locale],
            answer=answers[locale],
            status=status,
            source_hash=str(_get(hashes, locale, default_hash)),
            model=str(model) if model else None,
        )
    return item


def _get(by_locale: dict[str, Any], locale: str, default: Any) -> Any:
    for tag, value in by_locale.items():
        if check_locale(tag, "") == locale:
            return value
    return default
