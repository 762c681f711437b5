from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class WorkState(StrEnum):
    PENDING = "pending"  # ready once next_attempt_at has passed
    RUNNING = "running"  # leased by lease_owner until lease_expires_at
    WAITING = "waiting"  # parked until something outside changes (a model is installed)
    DONE = "done"
    FAILED = "failed"  # gave up; last_error says why


class WorkItem(Base):
    """Durable background work: one row per unit, claimed by workers under a lease.

    A worker that dies leaves its lease to expire; another claims the row and runs the job
    again, so every job is idempotent.
    """

    __tablename__ = "work_items"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id", name="uq_work_items_kind_subject"),
        Index("ix_work_items_claim", "kind", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    subject_id: Mapped[int]
    group_key: Mapped[str] = mapped_column(String(80), default="")
    state: Mapped[str] = mapped_column(String(10), default=WorkState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None]
