from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator


class OrderIn(BaseModel):
    """What the shop's systems send; every field optional, so a status update alone works."""

    status: str = Field(default="", max_length=100)
    items: list[Any] = Field(default_factory=list, max_length=500)
    total: int | float | str | None = None
    placed_at: datetime | None = None
    url: str | None = Field(default=None, max_length=2000)
    conversation_id: int | None = None

    @field_validator("placed_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("placed_at needs a time zone, e.g. 2026-11-20T10:00:00+09:00")
        return value

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value and not value.lower().startswith(("https://", "http://")):
            raise ValueError("url must start with https:// or http://")
        return value or None


class OrderOut(BaseModel):
    id: str  # the shop's order number, as in the URL (also ``order_id``)
    order_id: str
    customer_email: str | None
    conversation_id: int | None
    status: str
    items: list[Any]
    total: int | float | str | None
    placed_at: datetime | None
    url: str | None
    updated_at: datetime
