from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gateway.models.base import Base, utcnow


class FaqTranslationStatus(StrEnum):
    MACHINE = "machine"
    REVIEWED = "reviewed"
    STALE = "stale"  # the Japanese source changed since this was translated


class FaqEntry(Base):
    """One question and answer, kept in Japanese (the source)."""

    __tablename__ = "faq_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    category: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[int] = mapped_column(default=0)
    question_ja: Mapped[str] = mapped_column(Text)
    answer_ja: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
    published: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    translations: Mapped[list[FaqTranslation]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", lazy="selectin"
    )


class FaqTranslation(Base):
    __tablename__ = "faq_translations"
    __table_args__ = (UniqueConstraint("entry_id", "locale", name="uq_faq_translations_locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("faq_entries.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(35))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    # Hash of the Japanese source this translates; differs from the entry's once it is stale.
    source_hash: Mapped[str] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    entry: Mapped[FaqEntry] = relationship(back_populates="translations")


class FaqRevision(Base):
    """History: every saved version of a source or a translation."""

    __tablename__ = "faq_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("faq_entries.id", ondelete="CASCADE"), index=True
    )
    locale: Mapped[str] = mapped_column(String(35))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    changed_by: Mapped[str] = mapped_column(String(320), default="")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
