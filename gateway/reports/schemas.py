from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class ReportRowOut(BaseModel):
    group_by: str
    group: str | None  # the queue's language or the agent's id; null: unassigned
    queue: str | None = None
    agent_id: int | None = None
    agent_name: str | None = None
    received: int
    median_first_response_seconds: float | None
    within_target_ratio: float | None
    median_resolution_seconds: float | None
    resolution_rate: float | None
    reopen_rate: float | None
    escalation_rate: float | None
    csat_responses: int
    csat_satisfied_ratio: float | None


class ReportOut(BaseModel):
    start: datetime
    end: datetime
    group_by: str
    rows: list[ReportRowOut]
    total: ReportRowOut
