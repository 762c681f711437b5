"""``GET /api/v1/reports?from=&to=&group_by=queue|agent`` → ``{"rows": [...]}``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query

from gateway.auth.dependencies import TokenDep
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.models import utcnow
from gateway.reports import service
from gateway.reports.period import PeriodError, parse_period
from gateway.reports.schemas import ReportOut, ReportRowOut

router = APIRouter(prefix="/api/v1", tags=["reports"])


def row_out(row: service.ReportRow) -> ReportRowOut:
    by_agent = row.group_by == "agent"
    return ReportRowOut(
        group_by=row.group_by,
        group=row.key or None,
        queue=None if by_agent else row.key,
        agent_id=int(row.key) if by_agent and row.key else None,
        agent_name=(row.label if row.key else None) if by_agent else None,
        **asdict(row.figures),
    )


@router.get("/reports", response_model=ReportOut)
def report(
    session: SessionDep,
    _token: TokenDep,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
    group_by: service.GroupBy = "queue",
) -> ReportOut:
    try:
        period = parse_period(start, end, now=utcnow())
    except PeriodError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from exc
    records = service.records(session, start=period.start, end=period.end)
    rows = service.group(session, records, group_by)
    total = service.ReportRow(group_by, "", "", service.figures(records))
    return ReportOut(
        start=period.start,
        end=period.end,
        group_by=group_by,
        rows=[row_out(r) for r in rows],
        total=row_out(total),
    )
