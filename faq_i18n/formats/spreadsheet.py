"""CSV for spreadsheets: one row per entry, Japanese first, then three columns per locale.

Columns: ``slug, category, order, published, question:ja, answer:ja`` then, for each locale,
``question:<locale>, answer:<locale>, status:<locale>``. UTF-8 with a byte-order mark so Excel
opens Japanese text correctly; CRLF line ends as RFC 4180 says. A translation's ``status`` cell
may be left empty: it then counts as reviewed. The engine model that produced a machine
translation is not kept in CSV (use JSON for a complete backup).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

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

_FIXED = ("slug", "category", "order", "published", "question:ja", "answer:ja")
BOM = "\ufeff"


def dump_csv(items: Sequence[FaqItem], locales: Iterable[str] | None = None) -> bytes:
    """The entries as CSV bytes; ``locales`` defaults to every locale any entry has."""
    if locales is None:
        locales = sorted({loc for item in items for loc in item.translations})
    locales = [loc for loc in locales if loc != SOURCE_LOCALE]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = list(_FIXED)
    for loc in locales:
        header += [f"question:{loc}", f"answer:{loc}", f"status:{loc}"]
    writer.writerow(header)
    for item in items:
        row = [
            item.slug,
            item.category,
            str(item.position),
            "yes" if item.published else "no",
            item.question,
            item.answer,
        ]
        for loc in locales:
            t = item.translations.get(loc)
            row += [t.question, t.answer, str(t.status)] if t else ["", "", ""]
        writer.writerow(row)
    return (BOM + buffer.getvalue()).encode("utf-8")


def load_csv(data: bytes | str) -> list[FaqItem]:
    """Parse spreadsheet CSV (with or without a BOM); errors name the row and column."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FaqFormatError(
                "the CSV is not UTF-8: in Excel choose 'CSV UTF-8 (comma delimited)' when saving"
            ) from exc
    else:
        text = data.removeprefix(BOM)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise FaqFormatError("the CSV file is empty") from None
    missing = [name for name in _FIXED if name not in header]
    if missing:
        raise FaqFormatError(f"the CSV header lacks the column(s): {', '.join(missing)}")
    locales = _locales(header)
    items: list[FaqItem] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, row, strict=False))
        where = f"row {line}"
        slug = check_slug(cells.get("slug", "").strip(), where)
        if slug in seen:
            raise FaqFormatError(f"{where}: slug '{slug}' appears twice")
        seen.add(slug)
        item = FaqItem(
            slug=slug,
            category=cells.get("category", "").strip(),
            question=cells.get("question:ja", ""),
            answer=cells.get("answer:ja", ""),
            position=parse_order(cells.get("order"), where, len(items) + 1),
            published=parse_bool(cells.get("published", ""), where),
        )
        if not item.question.strip() or not item.answer.strip():
            raise FaqFormatError(f"{where} ({slug}): question:ja and answer:ja are required")
        for loc, (q_col, a_col, s_col) in locales.items():
            question, answer = cells.get(q_col, ""), cells.get(a_col, "")
            if not question.strip() and not answer.strip():
                continue
            if not question.strip() or not answer.strip():
                raise FaqFormatError(
                    f"{where} ({slug}): fill both {q_col} and {a_col}, or leave both empty"
                )
            status_cell = cells.get(s_col, "").strip() if s_col else ""
            status = check_status(status_cell, f"{where} {s_col}") if status_cell else None
            status = status or Status.REVIEWED
            item.translations[loc] = LocaleText(
                question=question,
                answer=answer,
                status=status,
                source_hash="" if status == Status.STALE else item.source_hash,
            )
        items.append(item)
    return items


def _locales(header: list[str]) -> dict[str, tuple[str, str, str | None]]:
    found: dict[str, tuple[str, str, str | None]] = {}
    for name in header:
        kind, sep, tag = name.partition(":")
        if not sep or kind != "question" or tag == SOURCE_LOCALE:
            continue
        loc = check_locale(tag, f"column {name}")
        answer = f"answer:{tag}"
        if answer not in header:
            raise FaqFormatError(f"column {name} has no matching {answer} column")
        status = f"status:{tag}"
        found[loc] = (name, answer, status if status in header else None)
    return found
