"""KPI figures from the conversations behind them.

A conversation belongs to the period it was received in (``created_at`` in ``[start, end)``)
and to its language queue, or to its assignee (``None``: unassigned). For each group:

- ``received``: conversations received;
- ``median_first_response_seconds``: median of first human reply − received, over the answered;
- ``within_target_ratio``: share of the answered whose first reply came by its due time;
- ``median_resolution_seconds``: median of resolved − received, over those resolved now;
- ``resolution_rate``: resolved now / received;
- ``reopen_rate``: of those ever resolved, the share opened again afterwards (by the buyer
  writing or an agent reopening);
- ``escalation_rate``: share ever escalated;
- ``csat_responses``: surveys answered; ``csat_satisfied_ratio``: share of them satisfied.

Ratios and medians are ``None`` where nothing could be counted. The same records give the daily
series for the charts and the CSV, so every figure can be checked against its conversations.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import (
    Agent,
    Conversation,
    ConversationStatus,
    CsatSurvey,
    DeskEvent,
    DeskEventKind,
    LanguageQueue,
    SlaEvent,
)
from gateway.sla import reports as sla_figures
from gateway.sla.clock import EventKind

GroupBy = Literal["queue", "agent"]
CHART_ZONE = ZoneInfo("Asia/Tokyo")  # the chart's days are the shop's days
CHUNK = 500  # conversation ids per IN (...) query


@dataclass(frozen=True)
class ConversationRecord:
    conversation_id: int
    queue: str
    agent_id: int | None
    status: str
    created_at: datetime
    first_response_due_at: datetime | None
    first_responded_at: datetime | None
    resolved_at: datetime | None
    ever_resolved: bool
    reopened: bool
    escalated: bool
    csat_rating: str | None

    @property
    def first_response_seconds(self) -> float | None:
        return sla_figures.first_response_seconds(self.created_at, self.first_responded_at)

    @property
    def within_target(self) -> bool | None:
        return sla_figures.answered_within_target(
            self.first_responded_at, self.first_response_due_at
        )

    @property
    def resolved(self) -> bool:
        return self.status == ConversationStatus.RESOLVED and self.resolved_at is not None

    @property
    def resolution_seconds(self) -> float | None:
        if not self.resolved or self.resolved_at is None:
            return None
        return (self.resolved_at - self.created_at).total_seconds()


@dataclass(frozen=True)
class Figures:
    received: int
    median_first_response_seconds: float | None
    within_target_ratio: float | None
    median_resolution_seconds: float | None
    resolution_rate: float | None
    reopen_rate: float | None
    escalation_rate: float | None
    csat_responses: int
    csat_satisfied_ratio: float | None


@dataclass(frozen=True)
class ReportRow:
    group_by: GroupBy
    key: str  # the queue's language, or the agent id ("" unassigned)
    label: str
    figures: Figures


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None


def figures(rows: Sequence[ConversationRecord]) -> Figures:
    answered = [r for r in rows if r.first_responded_at is not None]
    resolved_ever = [r for r in rows if r.ever_resolved]
    rated = [r for r in rows if r.csat_rating is not None]
    return Figures(
        received=len(rows),
        median_first_response_seconds=_median(r.first_response_seconds for r in answered),
        within_target_ratio=_ratio(sum(bool(r.within_target) for r in answered), len(answered)),
        median_resolution_seconds=_median(r.resolution_seconds for r in rows),
        resolution_rate=_ratio(sum(r.resolved for r in rows), len(rows)),
        reopen_rate=_ratio(sum(r.reopened for r in resolved_ever), len(resolved_ever)),
        escalation_rate=_ratio(sum(r.escalated for r in rows), len(rows)),
        csat_responses=len(rated),
        csat_satisfied_ratio=_ratio(sum(r.csat_rating == "satisfied" for r in rated), len(rated)),
    )


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _reopened(session: Session, ids: Sequence[int]) -> tuple[set[int], set[int]]:
    """(ever resolved, reopened afterwards) from each conversation's clock history."""
    kinds = (EventKind.RESOLVED, EventKind.REOPENED, EventKind.BUYER_MESSAGE)
    resolved: set[int] = set()
    reopened: set[int] = set()
    for chunk in _chunks(ids):
        rows = session.execute(
            select(SlaEvent.conversation_id, SlaEvent.kind)
            .where(SlaEvent.conversation_id.in_(chunk), SlaEvent.kind.in_(kinds))
            .order_by(SlaEvent.conversation_id, SlaEvent.at, SlaEvent.id)
        )
        for conversation_id, kind in rows:
            if kind == EventKind.RESOLVED:
                resolved.add(conversation_id)
            elif conversation_id in resolved:
                reopened.add(conversation_id)
    return resolved, reopened


def records(session: Session, *, start: datetime, end: datetime) -> list[ConversationRecord]:
    """One record per conversation received in ``[start, end)``."""
    rows = session.execute(
        select(
            Conversation.id,
            LanguageQueue.language,
            Conversation.assignee_id,
            Conversation.status,
            Conversation.created_at,
            Conversation.first_response_due_at,
            Conversation.first_responded_at,
            Conversation.resolved_at,
        )
        .join(LanguageQueue, Conversation.queue_id == LanguageQueue.id)
        .where(Conversation.created_at >= start, Conversation.created_at < end)
        .order_by(Conversation.id)
    ).all()
    ids = [row[0] for row in rows]
    resolved, reopened = _reopened(session, ids)
    escalated: set[int] = set()
    ratings: dict[int, str] = {}
    for chunk in _chunks(ids):
        escalated.update(
            session.scalars(
                select(DeskEvent.conversation_id).where(
                    DeskEvent.conversation_id.in_(chunk),
                    DeskEvent.kind == DeskEventKind.ESCALATED,
                )
            )
        )
        for conversation_id, rating in session.execute(
            select(CsatSurvey.conversation_id, CsatSurvey.rating).where(
                CsatSurvey.conversation_id.in_(chunk), CsatSurvey.rating.is_not(None)
            )
        ):
            if rating is not None:
                ratings[conversation_id] = rating
    return [
        ConversationRecord(
            conversation_id=cid,
            queue=queue,
            agent_id=agent_id,
            status=status,
            created_at=created_at,
            first_response_due_at=due,
            first_responded_at=responded,
            resolved_at=resolved_at,
            ever_resolved=cid in resolved or status == ConversationStatus.RESOLVED,
            reopened=cid in reopened,
            escalated=cid in escalated,
            csat_rating=ratings.get(cid),
        )
        for cid, queue, agent_id, status, created_at, due, responded, resolved_at in rows
    ]


def group(
    session: Session, rows: Sequence[ConversationRecord], group_by: GroupBy
) -> list[ReportRow]:
    buckets: dict[str, list[ConversationRecord]] = defaultdict(list)
    for row in rows:
        key = row.queue if group_by == "queue" else str(row.agent_id or "")
        buckets[key].append(row)
    names: dict[str, str] = {}
    if group_by == "agent":
        wanted = [int(k) for k in buckets if k]
        if wanted:
            names = {
                str(a.id): a.name
                for a in session.scalars(select(Agent).where(Agent.id.in_(wanted)))
            }
    return [
        ReportRow(group_by=group_by, key=key, label=names.get(key, key), figures=figures(bucket))
        for key, bucket in sorted(buckets.items(), key=lambda item: (item[0] == "", item[0]))
    ]


@dataclass(frozen=True)
class DayFigures:
    day: date
    figures: Figures


def daily(
    rows: Sequence[ConversationRecord], *, start: datetime, end: datetime
) -> list[DayFigures]:
    """Every shop day of the period, with the figures of the conversations received that day."""
    by_day: dict[date, list[ConversationRecord]] = defaultdict(list)
    for row in rows:
        by_day[row.created_at.astimezone(CHART_ZONE).date()].append(row)
    first = start.astimezone(CHART_ZONE).date()
    last = (end - timedelta(microseconds=1)).astimezone(CHART_ZONE).date()
    days: list[DayFigures] = []
    day = first
    while day <= last and len(days) < 400:
        days.append(DayFigures(day, figures(by_day.get(day, []))))
        day += timedelta(days=1)
    return days
