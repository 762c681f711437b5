from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gateway.models.base import Base, utcnow
from gateway.models.mail import InboundMail


class HeldMail(Base):
    """An inbound mail held as automatic (out-of-office, list, loop): it opened no conversation
    and got no acknowledgement. Its raw bytes stay on the inbound mail until an administrator
    restores it into a conversation or the retention period purges both."""

    __tablename__ = "held_mails"
    __table_args__ = (
        Index("ix_held_mails_listing", "restored_at", "held_at"),
        Index("ix_held_mails_conversation", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inbound_mail_id: Mapped[int] = mapped_column(
        ForeignKey("inbound_mails.id", ondelete="CASCADE"), unique=True
    )
    # A stable code from mail.automatic.REASONS, what was seen, and a sentence for people.
    reason: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    sender: Mapped[str] = mapped_column(String(320), default="")
    sender_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    preview: Mapped[str] = mapped_column(Text, default="")
    # The conversation this mail answers (an out-of-office reply to our mail), if any: its
    # timeline shows the mail as an event, and restoring adds the mail there.
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    held_at: Mapped[datetime] = mapped_column(default=utcnow)
    restored_at: Mapped[datetime | None]
    restored_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    restored_conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))

    inbound_mail: Mapped[InboundMail] = relationship(lazy="raise_on_sql")
