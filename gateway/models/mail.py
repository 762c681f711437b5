from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class InboundMail(Base):
    """A received e-mail exactly as it arrived; parsed afterwards (``mail.process_inbound``)."""

    __tablename__ = "inbound_mails"
    __table_args__ = (UniqueConstraint("mailbox", "message_key", name="uq_inbound_mails_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(320))
    # The Message-ID, or a stable hash of the message when it has none (duplicates).
    message_key: Mapped[str] = mapped_column(String(998))
    envelope_from: Mapped[str] = mapped_column(String(998), default="")
    envelope_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # received → processed (a message, a bounce or ignored), or failed with problems listed.
    state: Mapped[str] = mapped_column(String(12), default="received")
    outcome: Mapped[str | None] = mapped_column(String(40))
    problems: Mapped[list[Any]] = mapped_column(JSON, default=list)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))


class Attachment(Base):
    """A file that came with a message. Over the size limit it is kept as a record, flagged,
    with no content: never silently dropped."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    declared_type: Mapped[str] = mapped_column(String(200))
    sniffed_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    over_limit: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Acknowledgement(Base):
    """An automatic acknowledgement sent to a sender (for the per-hour cap, RFC 3834)."""

    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    sender: Mapped[str] = mapped_column(String(320), index=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
