"""Changing a language queue's settings: the admin page's form (and ``kakehashi queue set``'s
options) as one checked change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.models import LanguageQueue
from gateway.sla.calendar import BusinessCalendar, CalendarError
from gateway.sla.service import target_changed


class QueueSettingsError(ValueError):
    """A queue setting we cannot apply; the message says what to fix."""


@dataclass(frozen=True)
class QueueChange:
    target_hours: float
    business_hours: bool
    time_zone: str
    schedule_json: str  # "" keeps Monday–Friday 09:00–18:00
    holiday_country: str  # "" for none
    closed_dates: str  # one date or range (YYYY-MM-DD..YYYY-MM-DD) per line or comma
    acknowledge: bool
    auto_answer: bool
    auto_answer_min_score: float
    warn_threshold: float


def parse_closed_dates(text: str) -> list[str]:
    days: set[str] = set()
    for value in text.replace(",", "\n").split():
        first, _sep, last = value.partition("..")
        try:
            start = date.fromisoformat(first)
            end = date.fromisoformat(last) if last else start
        except ValueError as exc:
            raise QueueSettingsError(
                _("%(value)s: use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") % {"value": value}
            ) from exc
        if (end - start).days > 366:
            raise QueueSettingsError(
                _("%(value)s: a closed period is at most a year") % {"value": value}
            )
        while start <= end:
            days.add(start.isoformat())
            start += timedelta(days=1)
    return sorted(days)


def closed_dates_text(queue: LanguageQueue) -> str:
    return "\n".join(queue.closed_dates or [])


def apply_change(session: Session, queue: LanguageQueue, change: QueueChange) -> int:
    """Apply ``change`` to ``queue``; returns how many running clocks took a new target."""
    if not 0.1 <= change.target_hours <= 24 * 30:
        raise QueueSettingsError(_("The response target must be between 0.1 and 720 hours."))
    if not 0.05 <= change.warn_threshold <= 1:
        raise QueueSettingsError(_("Warn at a share of the target between 0.05 and 1."))
    if not 0 <= change.auto_answer_min_score <= 1:
        raise QueueSettingsError(_("The FAQ auto-answer score is between 0 and 1."))
    schedule = None
    if change.schedule_json.strip():
        try:
            schedule = json.loads(change.schedule_json)
        except json.JSONDecodeError as exc:
            raise QueueSettingsError(
                _("The weekly hours are not JSON: %(error)s") % {"error": exc}
            ) from exc
    closed = parse_closed_dates(change.closed_dates)
    country = change.holiday_country.strip().upper() or None
    try:
        BusinessCalendar.from_schedule(
            schedule,
            time_zone=change.time_zone.strip(),
            holiday_country=country,
            closed_dates=closed,
        )
    except (CalendarError, TypeError, ValueError) as exc:
        raise QueueSettingsError(str(exc)) from exc
    queue.business_hours = change.business_hours
    queue.time_zone = change.time_zone.strip()
    queue.schedule = schedule
    queue.holiday_country = country
    queue.closed_dates = closed
    queue.acknowledge = change.acknowledge
    queue.auto_answer = change.auto_answer
    queue.auto_answer_min_score = change.auto_answer_min_score
    queue.warn_threshold = change.warn_threshold
    if change.target_hours != queue.target_hours:
        return target_changed(session, queue, new_hours=change.target_hours)
    return 0
