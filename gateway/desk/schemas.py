from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ConversationPatch(BaseModel):
    """``PATCH /api/v1/conversations/{id}``: only the fields sent change. ``assignee_id``
    null unassigns; ``tags`` replaces the whole list."""

    model_config = ConfigDict(extra="forbid")

    tags: list[str] | None = Field(default=None, max_length=20)
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    status: Literal["open", "pending", "resolved"] | None = None
    assignee_id: int | None = None
