"""Response-target reports: per language and day, and one record per conversation (CSV)."""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import Conversation, ConversationStatus, LanguageQueue

REPORT_ZONE = ZoneInfo("Asia/Tokyo")  # days are the shop's days


def first_response_seconds(received: datetime, responded: datetime | None) -> float | None:
    """Seconds from the buyer's message to the first human reply; None while unanswered."""
    return None if responded is None else (responded - received).total_seconds()


def answered_within_target(responded: datetime | None, due: datetime | None) -> bool | None:
    """Whether the first reply came by its due time (no due time: within); None unanswered."""
    if responded is None:
        return None
    return due is None or responded <= due


@dataclass(frozen=True)
class SlaRecord:
    conversation_id: int
    language: str
    queue: str
    channel: str
    status: str
    created_at: datetime
    first_response_due_at: datetime | None
    first_responded_at: datetime | None
    sla_state: str

    @property
    def response_seconds(self) -> float | None:
        return first_response_seconds(self.created_at, self.first_responded_at)

    @property
    def within_target(self) -> bool | None:
        return answered_within_target(self.first_responded_at, self.first_response_due_at)


@dataclass(frozen=True)
class DailyFigures:
    day: date
    language: str
    received: int
    answered: int
    median_first_response_seconds: float | None
    within_target_ratio: float | None


@dataclass(frozen=True)
class Backlog:
    language: str
    waiting: int
    oldest_seconds: float | None
    median_age_seconds: float | None


def records(session: Session, *, since: datetime | None = None) -> list[SlaRecord]:
    query = select(
        Conversation.id,
        Conversation.language,
        LanguageQueue.language,
        Conversation.channel,
        Conversation.status,
        Conversation.created_at,
        Conversation.first_response_due_at,
        Conversation.first_responded_at,
        Conversation.sla_state,
    ).join(LanguageQueue, Conversation.queue_id == LanguageQueue.id)
    if since is not None:
        query = query.where(Conversation.created_at >= since)
    return [SlaRecord(*row) for row in session.execute(query.order_by(Conversation.id))]


def daily(rows: Iterable[SlaRecord]) -> list[DailyFigures]:
    """Per language and shop day (Asia/Tokyo) of arrival."""
    buckets: dict[tuple[date, str], list[SlaRecord]] = defaultdict(list)
    for row in rows:
        buckets[(row.created_at.astimezone(REPORT_ZONE).date(), row.language)].append(row)
    figures = []
    for (day, language), group in sorted(buckets.items()):
        answered = [r for r in group if r.first_responded_at is not None]
        seconds = [r.response_seconds for r in answered if r.response_seconds is not None]
        within = [r.within_target for r in answered]
        figures.append(
            DailyFigures(
                day=day,
                language=language,
                received=len(group),
                answered=len(answered),
                median_first_response_seconds=statistics.median(seconds) if seconds else None,
                within_target_ratio=sum(bool(w) for w in within) / len(within) if within else None,
            )
        )
    return figures


def backlog(rows: Iterable[SlaRecord], *, now: datetime) -> list[Backlog]:
    """Conversations still waiting for a first answer, per language."""
    ages: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row.status != ConversationStatus.RESOLVED and row.first_responded_at is None:
            ages[row.language].append((now - row.created_at).total_seconds())
    return [
        Backlog(
            language=language,
            waiting=len(values),
            oldest_seconds=max(values),
            median_age_seconds=statistics.median(values),
        )
        for language, values in sorted(ages.items())
    ]


CSV_COLUMNS = (
    "conversation_id",
    "language",
    "queue",
    "channel",
    "status",
    "created_at",
    "first_response_due_at",
    "first_responded_at",
    "first_response_seconds",
    "within_target",
    "sla_state",
)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def to_csv(rows: Sequence[SlaRecord]) -> str:
    """UTF-8 CSV with a BOM so spreadsheet programs open it with the right encoding."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        seconds = row.response_seconds
        within = row.within_target
        writer.writerow(
            [
                row.conversation_id,
                row.language,
                row.queue,
                row.channel,
                row.status,
                _iso(row.created_at),
                _iso(row.first_response_due_at),
                _iso(row.first_responded_at),
                "" if seconds is None else f"{seconds:.0f}",
                "" if within is None else ("yes" if within else "no"),
                row.sla_state,
            ]
        )
    return buffer.getvalue()


def window(days: int, *, now: datetime) -> datetime:
    start = (now.astimezone(REPORT_ZONE) - timedelta(days=days - 1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return start
