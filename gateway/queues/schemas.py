from __future__ import annotations

from pydantic import BaseModel


class QueueOut(BaseModel):
    language: str
    name: str
    target_hours: float
    open: int
    breached: int
    due_soon: int
    oldest_waiting_seconds: float | None
    median_first_response_seconds: float | None
    within_target_ratio: float | None
