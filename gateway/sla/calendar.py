"""Business calendars: when a language queue's response clock runs.

A calendar is a time zone, a weekly schedule of opening hours in that zone's local wall time,
public holidays (from the ``holidays`` package, Japan by default) and the shop's own closed
dates (年末年始, a company holiday). ``ROUND_THE_CLOCK`` is open every instant.

"24 business hours" means 24 real hours during which the shop is open. Opening hours are wall
time, so on a day the clocks change an interval is shorter or longer in real time: 00:00–24:00
on the spring-forward night in New York lasts 23 hours. Where an opening or closing time falls
into the skipped hour it happens at the change itself; where a closing time falls into the
repeated hour it is taken at its second occurrence, so the interval stays one piece.

All arguments and results are timezone-aware datetimes; results are in UTC. Walking is by open
interval, day by day, never minute by minute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

__all__ = [
    "DEFAULT_WEEKLY_HOURS",
    "ROUND_THE_CLOCK",
    "WEEKDAYS",
    "BusinessCalendar",
    "CalendarError",
    "NaiveDatetimeError",
    "NoBusinessTimeError",
    "OpenHours",
    "SlaError",
    "add_business_time",
    "business_time_between",
    "closed_range",
    "is_open",
    "next_open",
]

DAY = timedelta(days=1)
# A calendar with no open time for this many days in a row is treated as never open.
MAX_CLOSED_DAYS = 400
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


class SlaError(Exception):
    """Base of the errors raised by gateway.sla."""


class CalendarError(SlaError, ValueError):
    """A calendar is misconfigured or was asked something it cannot answer."""


class NaiveDatetimeError(CalendarError):
    """A datetime without a time zone was given where an aware UTC one is required."""


class NoBusinessTimeError(CalendarError):
    """The calendar has no open time for so long that a due time cannot be found."""


@dataclass(frozen=True, order=True)
class OpenHours:
    """One opening interval of a day, as offsets from local midnight (end may be 24:00)."""

    start: timedelta
    end: timedelta

    def __post_init__(self) -> None:
        if not timedelta(0) <= self.start < self.end <= DAY:
            raise CalendarError(
                f"opening hours {_format(self.start)}–{_format(self.end)} are not a valid "
                "interval: the start must come before the end, both within 00:00–24:00"
            )

    @classmethod
    def parse(cls, start: str | time, end: str | time) -> OpenHours:
        """``OpenHours.parse("09:00", "18:00")``; ``"24:00"`` is accepted as an end."""
        return cls(_offset(start), _offset(end))

    def __str__(self) -> str:
        return f"{_format(self.start)}–{_format(self.end)}"


def _offset(value: str | time) -> timedelta:
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise CalendarError(f"opening time {value} must be a local wall time, without tzinfo")
        return timedelta(hours=value.hour, minutes=value.minute, seconds=value.second)
    match = _HHMM.match(value.strip())
    if match is None:
        raise CalendarError(f"opening time {value!r} is not in HH:MM form (e.g. 09:00 or 24:00)")
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise CalendarError(f"opening time {value!r} is not a time between 00:00 and 24:00")
    return timedelta(hours=hours, minutes=minutes)


def _format(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _weekly(hours: Iterable[OpenHours], days: Iterable[int]) -> tuple[tuple[OpenHours, ...], ...]:
    intervals, open_days = tuple(hours), set(days)
    return tuple(intervals if weekday in open_days else () for weekday in range(7))


# Monday to Friday, 09:00–18:00.
DEFAULT_WEEKLY_HOURS = _weekly([OpenHours.parse("09:00", "18:00")], range(5))
_ALWAYS = _weekly([OpenHours(timedelta(0), DAY)], range(7))


@dataclass(frozen=True)
class BusinessCalendar:
    """When the clock runs: a zone, weekly hours (Monday first), holidays and closed dates."""

    time_zone: str = "Asia/Tokyo"
    weekly_hours: tuple[tuple[OpenHours, ...], ...] = DEFAULT_WEEKLY_HOURS
    # ISO 3166 country code for the ``holidays`` package; None: no public holidays.
    holiday_country: str | None = "JP"
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise CalendarError(
                f"unknown time zone {self.time_zone!r}: use an IANA name such as 'Asia/Tokyo'"
            ) from error
        if len(self.weekly_hours) != 7:
            raise CalendarError(
                f"weekly hours need 7 days (Monday to Sunday), got {len(self.weekly_hours)}"
            )
        normalized = tuple(tuple(sorted(day)) for day in self.weekly_hours)
        for name, day in zip(WEEKDAYS, normalized, strict=True):
            for earlier, later in pairwise(day):
                if later.start < earlier.end:
                    raise CalendarError(f"opening hours on {name} overlap: {earlier} and {later}")
        if not any(normalized):
            raise CalendarError("the weekly schedule has no opening hours on any day")
        object.__setattr__(self, "weekly_hours", normalized)
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        if self.holiday_country is not None:
            try:
                _holidays(self.holiday_country, 2000)
            except (NotImplementedError, KeyError) as error:
                raise CalendarError(
                    f"no public holidays are known for country {self.holiday_country!r}: "
                    "use an ISO 3166 code such as 'JP', or None for no holidays"
                ) from error

    @classmethod
    def from_schedule(
        cls,
        schedule: Mapping[str, Sequence[Sequence[str]]] | None = None,
        *,
        time_zone: str = "Asia/Tokyo",
        holiday_country: str | None = "JP",
        closed_dates: Iterable[date | str] = (),
    ) -> BusinessCalendar:
        """Build from stored settings: ``{"mon": [["09:00", "18:00"]], ...}`` and ISO dates.

        Days missing from ``schedule`` are closed; ``None`` means Monday–Friday 09:00–18:00.
        """
        weekly = DEFAULT_WEEKLY_HOURS
        if schedule is not None:
            unknown = set(schedule) - set(WEEKDAYS)
            if unknown:
                raise CalendarError(
                    f"unknown weekday keys {sorted(unknown)}: use {', '.join(WEEKDAYS)}"
                )
            weekly = tuple(
                tuple(_parse_pair(day, pair) for pair in schedule.get(day, ())) for day in WEEKDAYS
            )
        return cls(
            time_zone=time_zone,
            weekly_hours=weekly,
            holiday_country=holiday_country,
            closed_dates=frozenset(_parse_date(value) for value in closed_dates),
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def always_open(self) -> bool:
        return (
            self.weekly_hours == _ALWAYS and self.holiday_country is None and not self.closed_dates
        )

    def is_closed_day(self, day: date) -> bool:
        """A public holiday or one of the shop's closed dates (the weekly schedule aside)."""
        if day in self.closed_dates:
            return True
        return self.holiday_country is not None and day in _holidays(self.holiday_country, day.year)


ROUND_THE_CLOCK = BusinessCalendar(time_zone="UTC", weekly_hours=_ALWAYS, holiday_country=None)


def _parse_pair(day: str, pair: Sequence[str]) -> OpenHours:
    if len(pair) != 2:
        raise CalendarError(f"opening hours on {day} must be [start, end] pairs, got {pair!r}")
    return OpenHours.parse(pair[0], pair[1])


def _parse_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CalendarError(
            f"closed date {value!r} is not an ISO date such as 2026-12-29"
        ) from error


def closed_range(first: date, last: date) -> frozenset[date]:
    """Every date from ``first`` to ``last`` inclusive, e.g. 年末年始 2026-12-29 to 2027-01-03."""
    if last < first:
        raise CalendarError(f"closed range ends ({last}) before it starts ({first})")
    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))


@lru_cache(maxsize=256)
def _holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year))


def _require_aware(name: str, value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{name} {value.isoformat()} has no time zone: pass an aware UTC datetime "
            "(e.g. datetime.now(UTC) or value.replace(tzinfo=UTC))"
        )
    return value.astimezone(UTC)


def _wall_to_utc(day: date, offset: timedelta, zone: ZoneInfo, *, fold: int) -> datetime:
    """The instant local wall time ``day + offset`` happens (see the module note on DST)."""
    local = datetime.combine(day, time()) + offset  # 24:00 becomes the next day's 00:00
    instant = local.replace(tzinfo=zone, fold=fold).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == local:
        return instant
    # Skipped wall time: it "happens" at the change, the first instant whose wall time is later.
    low = local.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = local.replace(tzinfo=zone, fold=0).astimezone(UTC)
    low, high = min(low, high), max(low, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) >= local:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0) if high.microsecond else high


def _open_intervals(
    calendar: BusinessCalendar, start: datetime, end: datetime | None = None
) -> Iterator[tuple[datetime, datetime]]:
    """Open intervals in UTC, in order, not overlapping, clipped to ``start`` and ``end``.

    Without ``end`` it is endless, and raises NoBusinessTimeError after MAX_CLOSED_DAYS days in
    a row without open time.
    """
    if calendar.always_open:
        yield start, end or datetime.max.replace(tzinfo=UTC)
        return
    zone = calendar.zone
    # The day before too: a wall-time interval can reach past midnight on a DST night.
    day = start.astimezone(zone).date() - DAY
    last_day = None if end is None else end.astimezone(zone).date()
    cursor = start  # nothing before this: keeps intervals from overlapping on odd DST nights
    closed_days = 0
    while last_day is None or day <= last_day:
        hours = () if calendar.is_closed_day(day) else calendar.weekly_hours[day.weekday()]
        closed_days += 1
        for interval in hours:
            opens = max(_wall_to_utc(day, interval.start, zone, fold=0), cursor)
            closes = _wall_to_utc(day, interval.end, zone, fold=1)
            if end is not None:
                closes = min(closes, end)
            if closes > opens:
                closed_days = 0
                cursor = closes
                yield opens, closes
        if end is None and closed_days > MAX_CLOSED_DAYS:
            raise NoBusinessTimeError(
                f"the calendar ({calendar.time_zone}) has no opening hours for over "
                f"{MAX_CLOSED_DAYS} days after {start.isoformat()}: check its weekly hours, "
                "holiday country and closed dates"
            )
        day += DAY


def add_business_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """The instant ``duration`` of open time after ``start`` (aware; returned in UTC).

    Starting while closed, the count begins at the next opening. A duration ending exactly at
    closing time gives the closing time. A zero duration gives ``start`` itself.
    """
    start = _require_aware("start", start)
    if duration < timedelta(0):
        raise CalendarError(f"cannot add a negative business duration ({duration})")
    if duration == timedelta(0):
        return start
    remaining = duration
    for opens, closes in _open_intervals(calendar, start):
        available = closes - opens
        if remaining <= available:
            return opens + remaining
        remaining -= available
    raise AssertionError("unreachable: open intervals never run out")  # pragma: no cover


def business_time_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Open time from ``start`` to ``end`` (both aware); zero when ``end`` is not later."""
    start = _require_aware("start", start)
    end = _require_aware("end", end)
    total = timedelta(0)
    if end > start:
        for opens, closes in _open_intervals(calendar, start, end):
            total += closes - opens
    return total


def is_open(calendar: BusinessCalendar, at: datetime) -> bool:
    """Whether the clock runs at ``at``."""
    return next_open(calendar, at) == _require_aware("at", at)


def next_open(calendar: BusinessCalendar, at: datetime) -> datetime:
    """``at`` itself when open, else the next opening (UTC)."""
    at = _require_aware("at", at)
    for opens, _closes in _open_intervals(calendar, at):
        return opens
    raise AssertionError("unreachable: open intervals never run out")  # pragma: no cover
