from __future__ import annotations

from pydantic import BaseModel, Field

from gateway.conversations.schemas import MessageOut
from gateway.models.text import StorableStr


class ReplyIn(BaseModel):
    """A reply written in Japanese (``text_ja``, translated for the buyer) or directly in the
    buyer's language (``text``, sent as written); ``send`` queues it for delivery once ready.

    ``language`` is the language the buyer receives; by default the conversation's reply
    language (the agent's choice, else the language of the buyer's latest message).
    """

    text_ja: StorableStr | None = Field(default=None, min_length=1, max_length=20_000)
    text: StorableStr | None = Field(default=None, min_length=1, max_length=20_000)
    language: str | None = Field(default=None, max_length=35)
    send: bool = False


class ReplyFallbackOut(BaseModel):
    """Why the reply went out in another language than the buyer's."""

    reason: str  # "no_translation_model"
    wanted_language: str
    install: list[str]


class ReplyOut(MessageOut):
    #: Set when no model reached the buyer's language and the fallback language was used.
    fallback: ReplyFallbackOut | None = None
