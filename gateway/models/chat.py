"""The buyer chat's event log: what the widget shows, in order, durable for resume."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class ChatEventKind:
    MESSAGE = "message"  # a buyer message, or a reply delivered to the buyer


class ChatEvent(Base):
    """One thing the buyer's widget shows, numbered per conversation.

    ``seq`` is the Server-Sent Events id: it is handed out under a lock on the conversation
    row, so events of one conversation commit in ``seq`` order and a stream resuming after
    ``Last-Event-ID`` can never skip one that committed late. The text itself is read from the
    message row when the event is sent (only buyer-facing text ever leaves: see
    gateway/chatlog/stream.py).
    """

    __tablename__ = "chat_events"
    __table_args__ = (UniqueConstraint("conversation_id", "seq", name="uq_chat_events_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20), default=ChatEventKind.MESSAGE)
    # One event per message: recording a delivery twice (a retried job) changes nothing.
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
