"""``/inbox/reports``: the KPI figures per queue or agent, a chart per figure, CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from gateway.auth.web import SignedInDep
from gateway.db import SessionDep
from gateway.i18n import _
from gateway.inbox import repository as inbox
from gateway.models import utcnow
from gateway.reports import export, service
from gateway.reports.period import DEFAULT_DAYS, PeriodError, parse_period
from gateway.web.rendering import render, render_error
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@dataclass(frozen=True)
class Metric:
    field: str
    label: str
    kind: str  # count | seconds | ratio


def metrics() -> list[Metric]:
    return [
        Metric("received", _("Inquiries received"), "count"),
        Metric("median_first_response_seconds", _("Median first response"), "seconds"),
        Metric("within_target_ratio", _("Answered within target"), "ratio"),
        Metric("median_resolution_seconds", _("Median resolution time"), "seconds"),
        Metric("resolution_rate", _("Resolution rate"), "ratio"),
        Metric("reopen_rate", _("Reopen rate"), "ratio"),
        Metric("escalation_rate", _("Escalation rate"), "ratio"),
        Metric("csat_responses", _("Satisfaction answers"), "count"),
        Metric("csat_satisfied_ratio", _("Share satisfied"), "ratio"),
    ]


def show(value: float | int | None, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "ratio":
        return f"{value * 100:.0f}%"
    if kind == "seconds":
        hours = value / 3600
        return f"{hours:.1f}h" if hours >= 1 else f"{value / 60:.0f}m"
    return str(int(value))


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    height: float  # 0..1


@dataclass(frozen=True)
class Chart:
    metric: Metric
    bars: list[Bar]


def charts(days: list[service.DayFigures]) -> list[Chart]:
    result = []
    for metric in metrics():
        values = [getattr(d.figures, metric.field) for d in days]
        top = max([1.0 if metric.kind == "ratio" else 0.0, *(v for v in values if v is not None)])
        result.append(
            Chart(
                metric,
                [
                    Bar(
                        label=d.day.strftime("%m/%d"),
                        text=show(v, metric.kind),
                        height=0.0 if v is None or top <= 0 else float(v) / top,
                    )
                    for d, v in zip(days, values, strict=True)
                ],
            )
        )
    return result


@router.get("/inbox/reports")
def reports_page(
    request: Request,
    session: SessionDep,
    current: SignedInDep,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
    group_by: service.GroupBy = "queue",
) -> Response:
    now = utcnow()
    try:
        period = parse_period(start or None, end or None, now=now)
    except PeriodError as exc:
        return render_error(request, 422, _("The period cannot be read"), str(exc))
    records = service.records(session, start=period.start, end=period.end)
    return render(
        request,
        "desk_reports.html",
        current=current,
        csrf_token=current.csrf_token,
        queue_counts=inbox.queue_counts(session, now=now),
        status_counts=inbox.status_counts(session),
        queue=None,
        now=now,
        period=period,
        start=start or "",
        end=end or "",
        default_days=DEFAULT_DAYS,
        group_by=group_by,
        rows=service.group(session, records, group_by),
        total=service.figures(records),
        metrics=metrics(),
        charts=charts(service.daily(records, start=period.start, end=period.end)),
        show=show,
    )


@router.get("/inbox/reports/export.csv")
def export_csv(
    request: Request,
    session: SessionDep,
    _current: SignedInDep,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
    group_by: service.GroupBy = "queue",
) -> Response:
    try:
        period = parse_period(start or None, end or None, now=utcnow())
    except PeriodError as exc:
        return render_error(request, 422, _("The period cannot be read"), str(exc))
    records = service.records(session, start=period.start, end=period.end)
    rows = service.group(session, records, group_by)
    return Response(
        export.to_csv(rows, service.ReportRow(group_by, "total", "", service.figures(records))),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="kakehashi-kpi-{group_by}.csv"'},
    )
