"""What the widget sends and receives."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from gateway.models.text import StorableStr

# Generous hard caps; the configured limits (KAKEHASHI_CHAT_MAX_MESSAGE_CHARS) are checked in
# the endpoints so the widget gets a 413 that names the limit.
HARD_TEXT_CAP = 100_000


class StartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: StorableStr = Field(max_length=HARD_TEXT_CAP)
    locale: str | None = Field(default=None, max_length=200, description="The widget's language")
    time_zone: str | None = Field(default=None, max_length=64, description="IANA, the browser's")
    email: EmailStr | None = None
    name: StorableStr = Field(default="", max_length=200)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: StorableStr = Field(max_length=HARD_TEXT_CAP)


class EmailIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr


class ExpectedReply(BaseModel):
    """When the buyer can expect an answer, said in their language."""

    text: str
    target_hours: float
    due_at: datetime | None
    team_available: bool


class ConversationOut(BaseModel):
    language: str
    locale: str
    expected_reply: ExpectedReply
    email: str | None = Field(description="Where answers also go, partly hidden")
    last_event_id: int


class StartOut(BaseModel):
    token: str = Field(description="Keep it: it opens this conversation and nothing else")
    conversation: ConversationOut


class MessageOut(BaseModel):
    id: int
    event_id: int


class EmailOut(BaseModel):
    email: str


class LocaleOut(BaseModel):
    tag: str
    name: str


class StringsOut(BaseModel):
    locale: str
    dir: str
    strings: dict[str, str]
    locales: list[LocaleOut]
    max_message_chars: int
    #: The shop's name (``KAKEHASHI_SHOP_NAME``), shown on top of the chat.
    shop_name: str = ""


class SuggestionOut(BaseModel):
    slug: str
    question: str
    answer: str
