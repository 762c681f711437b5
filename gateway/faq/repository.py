"""Queries on the FAQ tables, and conversion of rows to :mod:`faq_i18n` plain data."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from faq_i18n.entries import FaqItem, LocaleText, Status
from gateway.models import FaqEntry, FaqRevision, FaqTranslation


def all_entries(session: Session, *, published_only: bool = False) -> Sequence[FaqEntry]:
    query = select(FaqEntry).order_by(FaqEntry.position, FaqEntry.slug)
    if published_only:
        query = query.where(FaqEntry.published.is_(True))
    return session.scalars(query).all()


def entry_by_slug(session: Session, slug: str) -> FaqEntry | None:
    return session.scalar(select(FaqEntry).where(FaqEntry.slug == slug))


def translation_of(entry: FaqEntry, locale: str) -> FaqTranslation | None:
    return next((t for t in entry.translations if t.locale == locale), None)


def revisions(session: Session, entry: FaqEntry, *, limit: int = 50) -> Sequence[FaqRevision]:
    return session.scalars(
        select(FaqRevision)
        .where(FaqRevision.entry_id == entry.id)
        .order_by(FaqRevision.changed_at.desc(), FaqRevision.id.desc())
        .limit(limit)
    ).all()


def locale_text(row: FaqTranslation) -> LocaleText:
    return LocaleText(
        question=row.question,
        answer=row.answer,
        status=Status(row.status),
        source_hash=row.source_hash,
        model=row.model,
    )


def to_item(entry: FaqEntry) -> FaqItem:
    """The entry as plain data; placeholder rows (a machine translation still to come) are
    left out."""
    return FaqItem(
        slug=entry.slug,
        category=entry.category,
        question=entry.question_ja,
        answer=entry.answer_ja,
        position=entry.position,
        published=entry.published,
        translations={
            t.locale: locale_text(t)
            for t in sorted(entry.translations, key=lambda t: t.locale)
            if t.answer.strip()
        },
    )


def items(session: Session, *, published_only: bool = False) -> list[FaqItem]:
    return [to_item(e) for e in all_entries(session, published_only=published_only)]
