from __future__ import annotations

from datetime import datetime
from enum import IntEnum, StrEnum

from sqlalchemy import Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class WorkState(StrEnum):
    PENDING = "pending"  # ready once next_attempt_at has passed
    RUNNING = "running"  # leased by lease_owner until lease_expires_at
    WAITING = "waiting"  # parked until something outside changes (a model is installed)
    DONE = "done"
    FAILED = "failed"  # gave up; last_error says why


class Priority(IntEnum):
    """How urgent a unit of work is; claims take the lowest number first (with aging, so bulk
    work is never starved: see :func:`gateway.workers.queue.claim`)."""

    REPLY_PREVIEW = 1  # an agent waits at the screen for the translation of a reply
    BUYER_MESSAGE = 2  # a buyer's new message: agents cannot read it before it is in Japanese
    ROUTINE = 3  # acknowledgements, chat, mail processing and delivery
    BULK = 4  # FAQ imports and other bulk work nobody waits for


#: Priorities the urgent lane of a worker pool takes (see ``KAKEHASHI_URGENT_WORKERS``).
URGENT = Priority.BUYER_MESSAGE


class WorkItem(Base):
    """Durable background work: one row per unit, claimed by workers under a lease.

    A worker that dies leaves its lease to expire; another claims the row and runs the job
    again, so every job is idempotent.
    """

    __tablename__ = "work_items"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id", name="uq_work_items_kind_subject"),
        Index("ix_work_items_claim", "kind", "state", "next_attempt_at"),
        Index("ix_work_items_priority", "kind", "state", "priority"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    subject_id: Mapped[int]
    group_key: Mapped[str] = mapped_column(String(80), default="")
    priority: Mapped[int] = mapped_column(
        SmallInteger, default=Priority.ROUTINE, server_default=str(int(Priority.ROUTINE))
    )
    state: Mapped[str] = mapped_column(String(10), default=WorkState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None]
