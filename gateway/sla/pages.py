"""The response-target dashboard (/inbox/queues) and its CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from gateway.auth.web import SignedInDep
from gateway.db import SessionDep
from gateway.inbox import repository as inbox
from gateway.models import utcnow
from gateway.queues.repository import queue_figures
from gateway.sla import reports
from gateway.web.rendering import render
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    height: float  # 0..1 of the chart
    text: str


def _hours(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds / 3600:.1f}h"


def _bars(values: list[tuple[str, float | None]], *, ceiling: float, fmt: str) -> list[Bar]:
    top = max([ceiling, *[v for _label, v in values if v is not None]])
    return [
        Bar(
            label=label,
            value=value,
            height=0.0 if value is None or top <= 0 else value / top,
            text="–" if value is None else (fmt.format(value)),
        )
        for label, value in values
    ]


def _scaled(figures: reports.DailyFigures | None, field: str, factor: float) -> float | None:
    value = getattr(figures, field, None) if figures is not None else None
    return None if value is None else float(value) * factor


@router.get("/inbox/queues")
def dashboard(
    request: Request,
    session: SessionDep,
    current: SignedInDep,
    days: Annotated[int, Query(ge=1, le=90)] = 14,
) -> Response:
    now = utcnow()
    rows = reports.records(session, since=reports.window(days, now=now))
    daily = reports.daily(rows)
    languages = sorted({figure.language for figure in daily})
    dates = sorted({figure.day for figure in daily})
    charts = []
    for language in languages:
        by_day = {f.day: f for f in daily if f.language == language}
        labels = [day.strftime("%m/%d") for day in dates]
        medians = [
            _scaled(by_day.get(day), "median_first_response_seconds", 1 / 3600) for day in dates
        ]
        ratios = [_scaled(by_day.get(day), "within_target_ratio", 100) for day in dates]
        charts.append(
            {
                "language": language,
                "median": _bars(list(zip(labels, medians, strict=True)), ceiling=24, fmt="{:.1f}h"),
                "within": _bars(list(zip(labels, ratios, strict=True)), ceiling=100, fmt="{:.0f}%"),
                "received": sum(f.received for f in by_day.values()),
            }
        )
    return render(
        request,
        "queues.html",
        current=current,
        csrf_token=current.csrf_token,
        queue_counts=inbox.queue_counts(session, now=now),
        queue=None,
        figures=queue_figures(session, now=now),
        backlog=reports.backlog(reports.records(session), now=now),
        charts=charts,
        days=days,
        hours=_hours,
    )


@router.get("/inbox/queues/export.csv")
def export_csv(
    session: SessionDep,
    current: SignedInDep,
    days: Annotated[int, Query(ge=1, le=366)] = 90,
) -> Response:
    rows = reports.records(session, since=reports.window(days, now=utcnow()))
    return Response(
        reports.to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="kakehashi-sla.csv"'},
    )
