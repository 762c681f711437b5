from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class WebhookIn(BaseModel):
    url: str = Field(max_length=2000)
    events: list[str] = Field(min_length=1, max_length=20)
    description: str = Field(default="", max_length=200)


class WebhookPatch(BaseModel):
    url: str | None = Field(default=None, max_length=2000)
    events: list[str] | None = Field(default=None, min_length=1, max_length=20)
    description: str | None = Field(default=None, max_length=200)
    enabled: bool | None = None


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    description: str
    enabled: bool
    consecutive_failures: int
    disabled_at: datetime | None
    disabled_reason: str | None
    created_at: datetime


class WebhookWithSecret(WebhookOut):
    #: Standard Webhooks signing secret (``whsec_…``): verify every delivery with it.
    secret: str


class DeliveryOut(BaseModel):
    id: int
    message_id: str
    type: str
    state: str
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
