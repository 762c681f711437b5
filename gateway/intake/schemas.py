from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from gateway.models.text import StorableStr


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr | None = None
    name: StorableStr = Field(default="", max_length=200)


class InquiryIn(BaseModel):
    """A buyer's inquiry posted by the shop's systems, a form or the chat widget."""

    model_config = ConfigDict(extra="forbid")

    channel: Literal["api", "form", "chat"] = "api"
    customer: CustomerIn = Field(default_factory=CustomerIn)
    subject: StorableStr = Field(default="", max_length=500)
    text: StorableStr
    language_hint: str | None = Field(default=None, max_length=35)


class InquiryOut(BaseModel):
    conversation_id: int
    message_id: int
    language: str
    language_confidence: float
    queue: str
    first_response_due_at: datetime
