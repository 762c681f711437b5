from __future__ import annotations

from pydantic import BaseModel, Field

from gateway.models.text import StorableStr


class ReplyIn(BaseModel):
    """A reply written in Japanese; ``send`` queues it for delivery once translated."""

    text_ja: StorableStr = Field(min_length=1, max_length=20_000)
    send: bool = False
