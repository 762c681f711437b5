from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
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
    # Business-hours clock (gateway/sla): off means the target runs round the clock.
    business_hours: Mapped[bool] = mapped_column(default=False)
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo")
    # {"mon": [["09:00", "18:00"]], ...}; None means the default weekday 09:00–18:00 schedule.
    schedule: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    holiday_country: Mapped[str | None] = mapped_column(String(8), default="JP")
    closed_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    warn_threshold: Mapped[float] = mapped_column(default=0.8)
    # FAQ auto-answer: send the best suggestion at once when its score reaches the minimum.
    auto_answer: Mapped[bool] = mapped_column(default=False)
    auto_answer_min_score: Mapped[float] = mapped_column(default=0.8)
    # Shorter response targets by priority, e.g. {"urgent": 4, "high": 12} (hours); None: none.
    priority_target_hours: Mapped[dict[str, float] | None] = mapped_column(JSON)
    # Ask buyers how it went when a conversation is resolved (gateway/csat).
    csat_survey: Mapped[bool] = mapped_column(default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
