from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class LanguageQueue(Base):
    """All conversations in one buyer language, held to one response target."""

    __tablename__ = "language_queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(35), unique=True)
    name_ja: Mapped[str] = mapped_column(String(100))
    target_hours: Mapped[float] = mapped_column(default=24.0)
    acknowledge: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
