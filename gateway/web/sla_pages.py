"""The response-target dashboard (/inbox/queues) and its CSV export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from gateway.auth.web import SignedInDep
from gateway.db import SessionDep
from gateway.inbox import repository as inbox
from gateway.models import utcnow
from gateway.queues.repository import queue_figures
from gateway.sla import reports
from gateway.web.rendering import duration, language_name, render
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    height: float  # 0..1 of the chart
    text: str


def _hours(seconds: float | None) -> str:
    """A wait as people say it (``5時間12分``, ``2日3時間``), not ``0.1h``."""
    return "–" if seconds is None else duration(timedelta(seconds=seconds))


def _bars(
    values: list[tuple[str, float | None]], *, ceiling: float, text: Callable[[float], str]
) -> list[Bar]:
    top = max([ceiling, *[v for _label, v in values if v is not None]])
    return [
        Bar(
            label=label,
            value=value,
            height=0.0 if value is None or top <= 0 else value / top,
            text="–" if value is None else text(value),
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
    received: dict[str, int] = {}
    for figure in daily:
        received[figure.language] = received.get(figure.language, 0) + figure.received
    # Busiest languages first; every day of the window gets its slot, so one day's bar is one
    # day wide and a quiet day shows as a gap.
    languages = sorted(received, key=lambda lang: (-received[lang], language_name(lang)))
    first = reports.window(days, now=now).date()
    dates = [first + timedelta(days=n) for n in range(days)]
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
                "median": _bars(
                    list(zip(labels, medians, strict=True)),
                    ceiling=24,
                    text=lambda hours: duration(timedelta(hours=hours)),
                ),
                "within": _bars(
                    list(zip(labels, ratios, strict=True)),
                    ceiling=100,
                    text=lambda ratio: f"{ratio:.0f}%",
                ),
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
        # Queues needing attention first: overdue, then due soon, then open; then by name.
        figures=sorted(
            queue_figures(session, now=now),
            key=lambda f: (-f.breached, -f.due_soon, -f.open, language_name(f.queue.language)),
        ),
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
