"""gettext PO files, one per locale, for professional translators (Poedit, Weblate, Crowdin…).

Each entry gives two messages, ``msgctxt "<slug>|question"`` and ``"<slug>|answer"``, whose
``msgid`` is the Japanese source and ``msgstr`` the translation. A translation no person has
approved (machine or stale) is marked ``fuzzy``; the translator clears the flag to approve it,
as in any gettext tool. Extracted comments carry the category, the status and the model, so
exporting and importing gives back the same translations.

On import, a translation is tied to the Japanese text in its ``msgid``: if the shop edited the
source meanwhile, the imported translation is stale at once and never shown as current.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel import Locale
from babel.core import UnknownLocaleError as BabelUnknownLocale
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.errors import FaqFormatError
from faq_i18n.formats.checks import check_locale, check_slug, check_status
from faq_i18n.hashing import source_hash
from faq_i18n.locales import catalog_dir_name

_PARTS = ("question", "answer")


@dataclass
class PoImport:
    """What a PO file says: its locale, and per slug the translation and its Japanese source."""

    locale: str
    translations: dict[str, LocaleText] = field(default_factory=dict)
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)


def _babel_locale(locale: str) -> Locale | None:
    try:
        return Locale.parse(catalog_dir_name(locale))
    except (ValueError, BabelUnknownLocale):
        return None


def dump_po(items: Sequence[FaqItem], locale: str) -> bytes:
    """A PO file translating every entry into ``locale`` (empty ``msgstr`` where none yet)."""
    catalog = Catalog(
        locale=_babel_locale(locale),
        domain="faq",
        project="Kakehashi FAQ",
        version="1",
        charset="utf-8",
        fuzzy=False,
    )
    catalog.language_team = f"{locale} <>"
    for item in items:
        t = item.translations.get(locale)
        comments = [f"category: {item.category}"]
        if t is not None:
            status = Status.STALE if t.source_hash != item.source_hash else t.status
            comments.append(f"status: {status}")
            if t.model:
                comments.append(f"model: {t.model}")
        for part in _PARTS:
            catalog.add(
                getattr(item, part),
                getattr(t, part) if t else "",
                context=f"{item.slug}|{part}",
                auto_comments=comments,
                flags=("fuzzy",) if t is not None and t.status != Status.REVIEWED else (),
            )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, omit_header=False)
    data = buffer.getvalue()
    # Babel writes the tag with an underscore; keep the header in our BCP 47 spelling.
    return data.replace(
        f'"Language: {catalog_dir_name(locale)}\\n"'.encode(), f'"Language: {locale}\\n"'.encode()
    )


def load_po(data: bytes, locale: str | None = None) -> PoImport:
    """Parse a PO file of FAQ translations; ``locale`` defaults to its Language header."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise FaqFormatError(f"not a valid PO file: {exc}") from exc
    header_language = _header_language(catalog)
    if locale is None:
        if not header_language:
            raise FaqFormatError(
                "the PO file has no 'Language:' header: pass --locale (e.g. --locale zh-Hant)"
            )
        locale = header_language
    result = PoImport(locale=check_locale(locale, "locale"))
    parts: dict[str, dict[str, tuple[str, str, bool, list[str]]]] = {}
    for message in catalog:
        if not message.id or not message.context:
            continue
        slug, _sep, part = message.context.rpartition("|")
        if part not in _PARTS:
            raise FaqFormatError(
                f"msgctxt {message.context!r}: expected '<slug>|question' or '<slug>|answer'"
            )
        check_slug(slug, f"msgctxt {message.context!r}")
        text = message.string if isinstance(message.string, str) else ""
        parts.setdefault(slug, {})[part] = (
            str(message.id),
            text,
            message.fuzzy,
            list(message.auto_comments),
        )
    for slug, found in parts.items():
        if set(found) != set(_PARTS):
            missing = next(p for p in _PARTS if p not in found)
            raise FaqFormatError(f"{slug}: the '{slug}|{missing}' message is missing")
        (q_id, q_str, q_fuzzy, q_notes), (a_id, a_str, a_fuzzy, a_notes) = (
            found["question"],
            found["answer"],
        )
        result.sources[slug] = (q_id, a_id)
        if not q_str.strip() and not a_str.strip():
            continue  # not translated yet
        if not q_str.strip() or not a_str.strip():
            raise FaqFormatError(f"{slug}: translate both the question and the answer")
        notes = _notes(q_notes + a_notes)
        if q_fuzzy or a_fuzzy:
            status = check_status(notes.get("status", Status.MACHINE), f"{slug} status")
            if status == Status.REVIEWED:
                status = Status.MACHINE  # still flagged fuzzy: nobody approved it
        else:
            status = Status.REVIEWED
        result.translations[slug] = LocaleText(
            question=q_str,
            answer=a_str,
            status=status,
            source_hash=source_hash(q_id, a_id),
            model=notes.get("model") if status != Status.REVIEWED else None,
        )
    return result


def _header_language(catalog: Catalog) -> str | None:
    for key, value in catalog.mime_headers:
        if key.lower() == "language" and value.strip():
            return str(value).strip()
    return None


def _notes(comments: list[str]) -> dict[str, str]:
    notes: dict[str, str] = {}
    for comment in comments:
        key, sep, value = comment.partition(":")
        if sep and key.strip() in ("status", "model"):
            notes.setdefault(key.strip(), value.strip())
    return notes
