from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gateway.models.base import Base, utcnow
from gateway.models.customer import Customer
from gateway.models.queue import LanguageQueue


class Channel(StrEnum):
    EMAIL = "email"
    CHAT = "chat"
    API = "api"
    FORM = "form"


class ConversationStatus(StrEnum):
    OPEN = "open"  # 未対応
    PENDING = "pending"  # 対応中 (waiting on the buyer)
    RESOLVED = "resolved"  # 対応済み


class Direction(StrEnum):
    INBOUND = "inbound"  # from the buyer
    OUTBOUND = "outbound"  # to the buyer
    NOTE = "note"  # internal, Japanese only, never sent


class TranslationState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    NOT_NEEDED = "not_needed"  # already in the target language
    MODEL_MISSING = "model_missing"  # waits until a model for the pair is installed
    FAILED = "failed"


class DeliveryState(StrEnum):
    DRAFT = "draft"  # written, translation being checked by the agent
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_activity", "last_message_at", "id"),
        Index("ix_conversations_status_activity", "status", "last_message_at", "id"),
        Index("ix_conversations_queue_status", "queue_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("language_queues.id"))
    channel: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(35))
    # The language an agent chose to answer in; None: replies follow the buyer's latest message.
    reply_language: Mapped[str | None] = mapped_column(String(35))
    status: Mapped[str] = mapped_column(String(10), default=ConversationStatus.OPEN)
    subject: Mapped[str] = mapped_column(String(500), default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow)
    first_response_due_at: Mapped[datetime | None]
    first_responded_at: Mapped[datetime | None]
    next_response_due_at: Mapped[datetime | None]
    # SLA as last computed by the sweep (gateway/sla): ok, due_soon or breached.
    sla_state: Mapped[str] = mapped_column(String(10), default="ok")
    sla_due_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    # Chat: SHA-256 of the buyer's conversation token (the widget holds the clear token).
    chat_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Chat: an address the buyer typed into the widget. Unverified, so it never joins the
    # conversation to a customer known by that address; replies are copied to it by mail.
    chat_email: Mapped[str | None] = mapped_column(String(320))
    # The desk (gateway/desk): 0 低, 1 通常, 2 高, 3 緊急 (an integer so the inbox sorts by it).
    priority: Mapped[int] = mapped_column(default=1, server_default="1")
    # Set while the conversation waits on the escalation group; the history is in desk_events.
    escalated_at: Mapped[datetime | None]
    escalation_reason: Mapped[str | None] = mapped_column(Text)

    customer: Mapped[Customer] = relationship(lazy="joined")
    queue: Mapped[LanguageQueue] = relationship(lazy="joined")
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", lazy="raise_on_sql"
    )
    tags: Mapped[list[ConversationTag]] = relationship(
        order_by="ConversationTag.tag", lazy="selectin", cascade="all, delete-orphan"
    )

    @property
    def tag_names(self) -> list[str]:
        return [t.tag for t in self.tags]

    @property
    def reply_address(self) -> str | None:
        """Where replies go by mail: the buyer's address, or the one left in the chat."""
        return self.chat_email or self.customer.email


class ConversationTag(Base):
    """One tag (free text: 破損, 配送, …) on a conversation."""

    __tablename__ = "conversation_tags"
    __table_args__ = (
        UniqueConstraint("conversation_id", "tag", name="uq_conversation_tags_key"),
        Index("ix_conversation_tags_tag", "tag", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    tag: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    """One message of a conversation, with its translation.

    Inbound: ``text`` is the buyer's original, ``translation_*`` the Japanese.
    Outbound: ``text`` is the agent's Japanese, ``translation_*`` the buyer-language text and
    ``back_translation`` that text translated back into Japanese for the agent to check.
    """

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    direction: Mapped[str] = mapped_column(String(10))
    author_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(35))
    language_confidence: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    translation_language: Mapped[str] = mapped_column(String(35))
    translation_state: Mapped[str] = mapped_column(String(20), default=TranslationState.PENDING)
    translation_text: Mapped[str | None] = mapped_column(Text)
    translation_model: Mapped[str | None] = mapped_column(String(200))
    translation_score: Mapped[float | None] = mapped_column(Float)
    back_translation: Mapped[str | None] = mapped_column(Text)
    translated_at: Mapped[datetime | None]
    translation_error: Mapped[str | None] = mapped_column(Text)
    # Protected spans (order numbers, URLs, …) the model dropped and that were put back.
    translation_missing_spans: Mapped[int] = mapped_column(default=0, server_default="0")

    # Automatic messages (acknowledgements, FAQ auto-answers) never stop a response clock.
    is_automatic: Mapped[bool] = mapped_column(default=False)
    # E-mail: our Message-ID for outbound mail, the buyer's for inbound (threading, duplicates).
    mail_message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    inbound_mail_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_mails.id"))
    # Delivery of outbound messages: queued → sent, or failed (the agent sees why).
    delivery_state: Mapped[str | None] = mapped_column(String(10))
    delivery_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    # The rendered mail, fixed when delivery starts, so every attempt sends identical bytes.
    outgoing_mail: Mapped[bytes | None] = mapped_column(LargeBinary)
    outgoing_envelope: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")
