from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from gateway.orders.schemas import OrderOut


class CustomerOut(BaseModel):
    id: int
    email: str | None
    name: str


class TranslationOut(BaseModel):
    language: str
    text: str | None
    state: str
    model: str | None = None
    score: float | None = None
    back_translation: str | None = None


class MessageOut(BaseModel):
    id: int
    direction: str
    text: str
    language: str
    language_confidence: float | None
    translation: TranslationOut
    created_at: datetime


class ConversationSummary(BaseModel):
    id: int
    channel: str
    language: str
    queue: str
    status: str
    subject: str
    customer: CustomerOut
    assignee_id: int | None
    created_at: datetime
    last_message_at: datetime
    first_response_due_at: datetime | None
    first_responded_at: datetime | None
    tags: list[str] = []
    priority: str = "normal"  # low | normal | high | urgent
    escalated: bool = False
    latest_message: MessageOut | None = None


class ConversationPage(BaseModel):
    items: list[ConversationSummary]
    next_cursor: str | None


class HeldMailEventOut(BaseModel):
    """An automatic mail about the conversation (an out-of-office reply), held: it reopened
    nothing and started no clock."""

    kind: str = "automatic_mail_held"
    held_mail_id: int
    reason: str
    subject: str
    received_at: datetime


class ConversationDetail(ConversationSummary):
    messages: list[MessageOut]
    events: list[HeldMailEventOut] = []
    orders: list[OrderOut] = []
