from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class SlaEvent(Base):
    """What happened to a conversation's response clocks, in order (gateway/sla/clock.py)."""

    __tablename__ = "sla_events"
    __table_args__ = (Index("ix_sla_events_conversation", "conversation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SlaWarning(Base):
    """A warning sent to supervisors; the unique key makes a repeat impossible."""

    __tablename__ = "sla_warnings"
    __table_args__ = (
        UniqueConstraint("conversation_id", "clock_started_at", "kind", name="uq_sla_warnings_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    clock_started_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]
