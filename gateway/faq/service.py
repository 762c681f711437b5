"""The FAQ workflow on the database: imports, source and translation edits, machine
translation requests. Functions take the session first and never commit (the caller does).

Rules (pure, in :mod:`faq_i18n.workflow`): an edit of the Japanese source makes every
translation stale; machine translations are redone at once through the ``faq.translate`` job,
reviewed ones wait for a person. Every saved version goes to ``faq_revisions``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.orm import Session

from faq_i18n.entries import FaqItem, LocaleText, Status
from faq_i18n.formats.gettext_po import PoImport
from faq_i18n.hashing import source_hash
from faq_i18n.locales import SOURCE_LOCALE
from faq_i18n.workflow import is_current, mark_source_changed, redo_automatically
from gateway.faq import repository
from gateway.faq.config import target_locales
from gateway.models import FaqEntry, FaqRevision, FaqTranslation, Priority
from gateway.workers import queue

TRANSLATE_KIND = "faq.translate"


class FaqServiceError(Exception):
    """A FAQ change that cannot be made; the message says why and what to do."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    translations_saved: int = 0
    machine_translations_queued: int = 0
    unknown_slugs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.created)} created",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{self.translations_saved} translation(s) saved",
            f"{self.machine_translations_queued} machine translation(s) queued",
        ]
        if self.unknown_slugs:
            parts.append(f"skipped unknown slugs: {', '.join(self.unknown_slugs)}")
        return ", ".join(parts)


def pair_key(locale: str) -> str:
    """Work items are batched per language pair, as the message translation job does."""
    return f"{SOURCE_LOCALE}>{locale}"


def record_revision(
    session: Session,
    entry: FaqEntry,
    locale: str,
    question: str,
    answer: str,
    status: str,
    changed_by: str,
) -> None:
    session.add(
        FaqRevision(
            entry_id=entry.id,
            locale=locale,
            question=question,
            answer=answer,
            status=status,
            changed_by=changed_by[:320],
        )
    )


def queue_machine_translation(session: Session, entry: FaqEntry, locale: str) -> FaqTranslation:
    """Ask the worker for a machine translation of ``entry`` into ``locale``. Until it is
    done a row without text stands for it (and the pages show the Japanese original)."""
    if locale == SOURCE_LOCALE:
        raise FaqServiceError("Japanese is the source language: it is never machine-translated.")
    row = repository.translation_of(entry, locale)
    if row is None:
        row = FaqTranslation(
            entry=entry,
            locale=locale,
            question="",
            answer="",
            status=Status.STALE,
            source_hash="",
            model=None,
        )
        session.add(row)
        session.flush()
    queue.enqueue(
        session, TRANSLATE_KIND, row.id, group_key=pair_key(locale), priority=Priority.BULK
    )
    return row


def queue_missing_translations(
    session: Session, entry: FaqEntry, targets: Iterable[str] | None = None
) -> int:
    """Queue machine translations for target locales with no current translation that no
    person is responsible for; returns how many were queued."""
    targets = target_locales() if targets is None else targets
    queued = 0
    for locale in targets:
        row = repository.translation_of(entry, locale)
        if row is not None:
            text = repository.locale_text(row)
            if is_current(text, entry.source_hash):
                continue
            if text.answer.strip() and not redo_automatically(text):
                continue  # a reviewed translation of older text: waits for a person
        queue_machine_translation(session, entry, locale)
        queued += 1
    return queued


def update_source(
    session: Session,
    entry: FaqEntry,
    *,
    question: str,
    answer: str,
    changed_by: str = "",
    targets: Iterable[str] | None = None,
) -> bool:
    """Save new Japanese text; returns whether it changed (then translations go stale)."""
    if not question.strip() or not answer.strip():
        raise FaqServiceError("The Japanese question and answer cannot be empty.")
    new_hash = source_hash(question, answer)
    if new_hash == entry.source_hash:
        return False
    entry.question_ja, entry.answer_ja, entry.source_hash = question, answer, new_hash
    record_revision(session, entry, SOURCE_LOCALE, question, answer, "source", changed_by)
    item = repository.to_item(entry)
    item.translations = {t.locale: repository.locale_text(t) for t in entry.translations}
    redo = set(mark_source_changed(item))
    for row in entry.translations:
        row.status = item.translations[row.locale].status
    for locale in sorted(redo):
        queue_machine_translation(session, entry, locale)
    queue_missing_translations(session, entry, [t for t in _targets(targets) if t not in redo])
    return True


def _targets(targets: Iterable[str] | None) -> list[str]:
    return list(target_locales() if targets is None else targets)


def save_translation(
    session: Session,
    entry: FaqEntry,
    locale: str,
    text: LocaleText,
    *,
    changed_by: str = "",
) -> bool:
    """Store ``text`` as the ``locale`` translation; returns whether anything changed."""
    if locale == SOURCE_LOCALE:
        raise FaqServiceError("Use update_source to change the Japanese text.")
    if not text.question.strip() or not text.answer.strip():
        raise FaqServiceError("A translation needs both a question and an answer.")
    row = repository.translation_of(entry, locale)
    model = None if text.status == Status.REVIEWED else text.model
    if row is not None and (row.question, row.answer, row.status, row.source_hash, row.model) == (
        text.question,
        text.answer,
        str(text.status),
        text.source_hash,
        model,
    ):
        return False
    if row is None:
        row = FaqTranslation(entry=entry, locale=locale, question="", answer="", status="")
        session.add(row)
    row.question, row.answer = text.question, text.answer
    row.status, row.source_hash, row.model = text.status, text.source_hash, model
    session.flush()
    record_revision(session, entry, locale, text.question, text.answer, text.status, changed_by)
    return True


def review_translation(
    session: Session,
    entry: FaqEntry,
    locale: str,
    *,
    question: str,
    answer: str,
    changed_by: str,
) -> bool:
    """A person approved (and maybe edited) the translation of the current Japanese text."""
    return save_translation(
        session,
        entry,
        locale,
        LocaleText(question, answer, Status.REVIEWED, entry.source_hash, None),
        changed_by=changed_by,
    )


def import_items(
    session: Session,
    items: Sequence[FaqItem],
    *,
    changed_by: str = "import",
    targets: Iterable[str] | None = None,
) -> ImportReport:
    """Create or update entries from an import file (JSON or CSV). Translations in the file
    replace the stored ones; source changes make the other translations stale."""
    report = ImportReport()
    targets = _targets(targets)
    for item in items:
        entry = repository.entry_by_slug(session, item.slug)
        changed = False
        if entry is None:
            entry = FaqEntry(
                slug=item.slug,
                category=item.category,
                position=item.position,
                question_ja=item.question,
                answer_ja=item.answer,
                source_hash=item.source_hash,
                published=item.published,
            )
            session.add(entry)
            session.flush()
            record_revision(
                session, entry, SOURCE_LOCALE, item.question, item.answer, "source", changed_by
            )
            report.created.append(item.slug)
        else:
            for attr, value in (
                ("category", item.category),
                ("position", item.position),
                ("published", item.published),
            ):
                if getattr(entry, attr) != value:
                    setattr(entry, attr, value)
                    changed = True
            changed |= update_source(
                session,
                entry,
                question=item.question,
                answer=item.answer,
                changed_by=changed_by,
                targets=[],
            )
        for locale, text in sorted(item.translations.items()):
            if save_translation(session, entry, locale, text, changed_by=changed_by):
                report.translations_saved += 1
                changed = True
        if entry.slug not in report.created:
            (report.updated if changed else report.unchanged).append(item.slug)
        report.machine_translations_queued += _requeue_all(session, entry, targets)
    return report


def _requeue_all(session: Session, entry: FaqEntry, targets: Sequence[str]) -> int:
    """After an import: queue what the engine should produce (missing, or machine-stale)."""
    session.flush()
    return queue_missing_translations(session, entry, targets)


def import_po(session: Session, po: PoImport, *, changed_by: str = "import") -> ImportReport:
    """Store the translations of a translator's PO file. A translation made for Japanese text
    that has changed since the export is stored as stale (it waits for review)."""
    report = ImportReport()
    for slug, text in sorted(po.translations.items()):
        entry = repository.entry_by_slug(session, slug)
        if entry is None:
            report.unknown_slugs.append(slug)
            continue
        if text.source_hash != entry.source_hash and text.status != Status.STALE:
            text.status = Status.STALE
        if save_translation(session, entry, po.locale, text, changed_by=changed_by):
            report.translations_saved += 1
            report.updated.append(slug)
        else:
            report.unchanged.append(slug)
    return report


def export_items(session: Session) -> list[FaqItem]:
    return repository.items(session)


SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


def create_entry(
    session: Session,
    *,
    slug: str,
    question: str,
    answer: str,
    category: str = "",
    published: bool = True,
    changed_by: str = "",
) -> FaqEntry:
    """A new entry written in Japanese; machine translations into every locale are queued.

    Without a ``slug`` one is made (``faq-12``): public URLs use it, so it stays put."""
    if not question.strip() or not answer.strip():
        raise FaqServiceError("The Japanese question and answer cannot be empty.")
    slug = slug.strip().lower()
    if slug and not SLUG_PATTERN.fullmatch(slug):
        raise FaqServiceError(
            "The URL name uses lower-case letters, digits and hyphens only, e.g. 'shipping-time'."
        )
    if slug and repository.entry_by_slug(session, slug) is not None:
        raise FaqServiceError(f"An entry named '{slug}' already exists.")
    position = len(repository.all_entries(session))
    entry = FaqEntry(
        slug=slug or f"faq-{secrets.token_hex(3)}",
        category=category.strip()[:100],
        position=position,
        question_ja=question.strip(),
        answer_ja=answer.strip(),
        source_hash=source_hash(question.strip(), answer.strip()),
        published=published,
    )
    session.add(entry)
    session.flush()
    record_revision(
        session, entry, SOURCE_LOCALE, entry.question_ja, entry.answer_ja, "source", changed_by
    )
    queue_missing_translations(session, entry)
    return entry


def delete_entry(session: Session, entry: FaqEntry) -> None:
    """Remove an entry with its translations and history (its queued work finds nothing)."""
    session.execute(delete(FaqRevision).where(FaqRevision.entry_id == entry.id))
    session.delete(entry)
