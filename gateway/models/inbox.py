from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class ReplyTemplate(Base):
    """定型文: Japanese reply text with placeholders such as {注文番号}."""

    __tablename__ = "reply_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    body_ja: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class GlossaryTerm(Base):
    """A shop term for translation: kept as is (brand names) or forced to a rendering."""

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(10), default="keep")  # keep | force
    source_language: Mapped[str | None] = mapped_column(String(35))
    target_language: Mapped[str | None] = mapped_column(String(35))
    rendering: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
