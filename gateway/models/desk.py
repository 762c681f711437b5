"""The support desk's own records: escalation history, the shop's orders, satisfaction surveys."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class DeskEventKind(StrEnum):
    ESCALATED = "escalated"
    HANDED_BACK = "handed_back"


class DeskEvent(Base):
    """Something an agent did to a conversation that the desk keeps a history of."""

    __tablename__ = "desk_events"
    __table_args__ = (Index("ix_desk_events_conversation", "conversation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    kind: Mapped[str] = mapped_column(String(20))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Order(Base):
    """An order from the shop's own systems, attached to a buyer (and maybe a conversation)."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("customer_id", "order_number", name="uq_orders_customer_number"),
        Index("ix_orders_order_number", "order_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    order_number: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(100), default="")
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # As the shop sent it: a number (12100) or a text ("¥12,100").
    total: Mapped[Any] = mapped_column(JSON, nullable=True)
    placed_at: Mapped[datetime | None]
    url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CsatRating(StrEnum):
    SATISFIED = "satisfied"
    UNSATISFIED = "unsatisfied"


class CsatSurvey(Base):
    """The one satisfaction question a buyer is asked when their conversation is resolved."""

    __tablename__ = "csat_surveys"
    __table_args__ = (UniqueConstraint("conversation_id", name="uq_csat_surveys_conversation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    # Who had the conversation and where it was when the buyer was asked (per-agent figures).
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("language_queues.id"))
    language: Mapped[str] = mapped_column(String(35))
    # Random; the links carry an HMAC of it, so a link cannot be guessed or altered.
    nonce: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    rating: Mapped[str | None] = mapped_column(String(20))
    answered_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)
    commented_at: Mapped[datetime | None]
    # The comment in Japanese for the agents: pending → done / not_needed / failed.
    comment_ja: Mapped[str | None] = mapped_column(Text)
    comment_translation_state: Mapped[str | None] = mapped_column(String(20))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
