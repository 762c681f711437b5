"""The report period from ``from`` and ``to``: ISO 8601 dates or date-times, UTC when no zone.

A date ``to`` counts the whole day (``to=2026-11-30`` ends at 2026-12-01T00:00Z); a date-time
``to`` is the exclusive end. Without ``to`` the period ends now; without ``from`` it starts
``DEFAULT_DAYS`` days before its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from gateway.i18n import _

DEFAULT_DAYS = 30
MAX_DAYS = 366


class PeriodError(ValueError):
    """A period that cannot be read; the message says which parameter and how to write it."""


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime  # exclusive


def _parse(value: str, name: str, *, end: bool) -> datetime:
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time(), tzinfo=UTC)
            return moment + timedelta(days=1) if end else moment
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise PeriodError(
            _("%(name)s: %(value)s is not a date (2026-11-01) or date-time (2026-11-01T09:00:00Z).")
            % {"name": name, "value": value}
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_period(start: str | None, end: str | None, *, now: datetime) -> Period:
    last = _parse(end, "to", end=True) if end else now
    first = _parse(start, "from", end=False) if start else last - timedelta(days=DEFAULT_DAYS)
    if first >= last:
        raise PeriodError(_("'from' must be before 'to'."))
    if last - first > timedelta(days=MAX_DAYS):
        raise PeriodError(_("The period is at most %(days)d days.") % {"days": MAX_DAYS})
    return Period(first.astimezone(UTC), last.astimezone(UTC))
