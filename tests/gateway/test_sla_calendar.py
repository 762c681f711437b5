"""Business calendars: due times a shop would promise, across nights, holidays and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gateway.sla.calendar import (
    ROUND_THE_CLOCK,
    BusinessCalendar,
    CalendarError,
    NaiveDatetimeError,
    NoBusinessTimeError,
    OpenHours,
    add_business_time,
    business_time_between,
    closed_range,
    is_open,
    next_open,
)

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
HOURS_24 = timedelta(hours=24)


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A wall time in ``zone``, as the aware UTC datetime the SLA code works with."""
    return datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def jst(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return at(TOKYO, year, month, day, hour, minute)


def every_day(start: str, end: str, *, zone: str, country: str | None = None) -> BusinessCalendar:
    hours = (OpenHours.parse(start, end),)
    return BusinessCalendar(time_zone=zone, weekly_hours=(hours,) * 7, holiday_country=country)


TOKYO_SHOP = BusinessCalendar()  # Asia/Tokyo, Mon–Fri 09:00–18:00, Japanese holidays


@pytest.mark.parametrize(
    ("arrival", "target", "due"),
    [
        # Friday 17:30: half an hour on Friday, Monday and Tuesday in full, 5.5 h on Wednesday.
        (jst(2026, 1, 16, 17, 30), HOURS_24, jst(2026, 1, 21, 14, 30)),
        # Friday 20:00, after closing: the count starts Monday 09:00.
        (jst(2026, 1, 16, 20, 0), HOURS_24, jst(2026, 1, 21, 15, 0)),
        # An 8-hour target from Friday evening is due on Monday.
        (jst(2026, 1, 16, 17, 0), timedelta(hours=8), jst(2026, 1, 19, 16, 0)),
        # 12 hours from Friday evening: Monday in full, then Tuesday morning.
        (jst(2026, 1, 16, 18, 0), timedelta(hours=12), jst(2026, 1, 20, 12, 0)),
        # Friday 19:00 before Coming of Age Day (Mon 2026-01-12): Tuesday to Thursday.
        (jst(2026, 1, 9, 19, 0), HOURS_24, jst(2026, 1, 15, 15, 0)),
    ],
)
def test_friday_evening_arrival_is_due_after_the_weekend(
    arrival: datetime, target: timedelta, due: datetime
) -> None:
    assert add_business_time(TOKYO_SHOP, arrival, target) == due


def test_result_is_utc() -> None:
    due = add_business_time(TOKYO_SHOP, jst(2026, 1, 16, 17, 30), HOURS_24)
    assert due.tzinfo is UTC
    assert due == datetime(2026, 1, 21, 5, 30, tzinfo=UTC)


def test_start_inside_business_hours() -> None:
    # Wednesday 10:00: 8 h Wednesday, 9 h Thursday, 7 h Friday.
    assert add_business_time(TOKYO_SHOP, jst(2026, 1, 14, 10, 0), HOURS_24) == jst(
        2026, 1, 16, 16, 0
    )


def test_start_on_a_closed_day_counts_from_the_next_opening() -> None:
    sunday = jst(2026, 1, 18, 10, 0)
    assert next_open(TOKYO_SHOP, sunday) == jst(2026, 1, 19, 9, 0)
    assert add_business_time(TOKYO_SHOP, sunday, HOURS_24) == jst(2026, 1, 21, 15, 0)


def test_target_ending_at_closing_time_is_due_at_closing() -> None:
    assert add_business_time(TOKYO_SHOP, jst(2026, 1, 19, 9, 0), timedelta(hours=9)) == jst(
        2026, 1, 19, 18, 0
    )


def test_zero_target_is_due_at_once() -> None:
    sunday = jst(2026, 1, 18, 10, 0)
    assert add_business_time(TOKYO_SHOP, sunday, timedelta(0)) == sunday


def test_arrival_at_2359_in_business_hours_waits_for_the_morning() -> None:
    thursday_late = jst(2026, 1, 15, 23, 59)
    # Friday 9 h, Monday 9 h, Tuesday 6 h.
    assert add_business_time(TOKYO_SHOP, thursday_late, HOURS_24) == jst(2026, 1, 20, 15, 0)
    assert business_time_between(TOKYO_SHOP, thursday_late, jst(2026, 1, 16, 9, 0)) == timedelta(0)


def test_arrival_at_2359_round_the_clock() -> None:
    new_years_eve = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
    assert add_business_time(ROUND_THE_CLOCK, new_years_eve, HOURS_24) == datetime(
        2027, 1, 1, 23, 59, tzinfo=UTC
    )
    assert add_business_time(ROUND_THE_CLOCK, jst(2026, 1, 15, 23, 59), HOURS_24) == jst(
        2026, 1, 16, 23, 59
    )


@pytest.mark.parametrize(
    ("arrival", "due"),
    [
        # 2026: Wed 4/29 昭和の日, Sun 5/3–Tue 5/5, and Wed 5/6 振替休日 for the Sunday.
        (jst(2026, 4, 28, 17, 0), jst(2026, 5, 7, 14, 0)),
        (jst(2026, 5, 1, 17, 0), jst(2026, 5, 11, 14, 0)),
        # 2027: Thu 4/29, then Mon 5/3 to Wed 5/5.
        (jst(2027, 4, 28, 17, 0), jst(2027, 5, 7, 14, 0)),
    ],
)
def test_golden_week_holidays_do_not_count(arrival: datetime, due: datetime) -> None:
    assert add_business_time(TOKYO_SHOP, arrival, HOURS_24) == due
    assert business_time_between(TOKYO_SHOP, arrival, due) == HOURS_24


def test_substitute_holidays_come_from_the_holidays_package() -> None:
    # 振替休日: 2026-05-06 (for Sunday 5/3) and 2025-11-24 (for Sunday 11/23).
    assert not is_open(TOKYO_SHOP, jst(2026, 5, 6, 10, 0))
    assert not is_open(TOKYO_SHOP, jst(2025, 11, 24, 10, 0))
    assert is_open(TOKYO_SHOP, jst(2025, 11, 25, 10, 0))
    no_holidays = BusinessCalendar(holiday_country=None)
    assert is_open(no_holidays, jst(2026, 5, 6, 10, 0))


def test_year_end_closure_with_the_shops_closed_days() -> None:
    nenmatsu = closed_range(date(2026, 12, 29), date(2027, 1, 3))
    shop = BusinessCalendar(closed_dates=nenmatsu)
    monday = jst(2026, 12, 28, 16, 0)
    # 2 h on Monday 12/28, closed 12/29–1/3, then Mon 1/4 9 h, Tue 1/5 9 h, Wed 1/6 4 h.
    assert add_business_time(shop, monday, HOURS_24) == jst(2027, 1, 6, 13, 0)
    # Without the shop's own closed days only 1/1 (元日) and the weekend are closed.
    assert add_business_time(TOKYO_SHOP, monday, HOURS_24) == jst(2026, 12, 31, 13, 0)


def test_closed_dates_close_a_round_the_clock_schedule_too() -> None:
    shop = BusinessCalendar(
        weekly_hours=ROUND_THE_CLOCK.weekly_hours,
        holiday_country=None,
        closed_dates=closed_range(date(2026, 12, 31), date(2027, 1, 1)),
    )
    assert add_business_time(shop, jst(2026, 12, 30, 12, 0), HOURS_24) == jst(2027, 1, 2, 12, 0)


def test_lunch_break_and_opening_until_midnight() -> None:
    shop = BusinessCalendar.from_schedule(
        {"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": [["10:00", "24:00"]]},
        closed_dates=["2026-01-26"],
    )
    assert add_business_time(shop, jst(2026, 1, 19, 11, 0), timedelta(hours=2)) == jst(
        2026, 1, 19, 14, 0
    )
    assert is_open(shop, jst(2026, 1, 24, 23, 59))
    # Saturday 23:30 + 1 h: half an hour to midnight, closed Sunday, Monday from 09:00.
    assert add_business_time(shop, jst(2026, 1, 17, 23, 30), timedelta(hours=1)) == jst(
        2026, 1, 19, 9, 30
    )
    # A week later Monday 1/26 is a closed date: the next opening is Saturday 1/31 10:00.
    assert add_business_time(shop, jst(2026, 1, 24, 23, 30), timedelta(hours=1)) == jst(
        2026, 1, 31, 10, 30
    )


def test_from_schedule_defaults_to_weekdays_nine_to_six() -> None:
    assert BusinessCalendar.from_schedule(None) == TOKYO_SHOP


def test_business_time_between() -> None:
    assert business_time_between(
        TOKYO_SHOP, jst(2026, 1, 16, 17, 0), jst(2026, 1, 19, 10, 0)
    ) == timedelta(hours=2)
    assert business_time_between(
        TOKYO_SHOP, jst(2026, 1, 19, 10, 0), jst(2026, 1, 16, 17, 0)
    ) == timedelta(0)


@pytest.mark.parametrize("hours", [1, 9, 24, 100])
@pytest.mark.parametrize(
    "start",
    [jst(2026, 1, 16, 17, 30), jst(2026, 4, 30, 23, 59), jst(2026, 12, 27, 3, 0)],
)
def test_between_measures_what_add_added(start: datetime, hours: int) -> None:
    due = add_business_time(TOKYO_SHOP, start, timedelta(hours=hours))
    assert business_time_between(TOKYO_SHOP, start, due) == timedelta(hours=hours)


def test_24_business_hours_across_spring_forward_in_new_york() -> None:
    # Open 09:00–17:00 local every day; clocks go forward on Sunday 2026-03-08.
    shop = every_day("09:00", "17:00", zone="America/New_York")
    saturday = at(NEW_YORK, 2026, 3, 7, 16, 0)
    # Sat 1 h, Sun 8 h, Mon 8 h, Tue 7 h: due Tuesday 16:00 local (EDT, UTC-4).
    due = add_business_time(shop, saturday, HOURS_24)
    assert due == at(NEW_YORK, 2026, 3, 10, 16, 0)
    assert due == datetime(2026, 3, 10, 20, 0, tzinfo=UTC)


def weekends_all_day(zone: str) -> BusinessCalendar:
    all_day = (OpenHours.parse("00:00", "24:00"),)
    return BusinessCalendar(
        time_zone=zone, weekly_hours=((),) * 5 + (all_day, all_day), holiday_country=None
    )


def test_a_whole_day_is_23_or_25_real_hours_on_dst_nights() -> None:
    # Open all weekend; the clocks change on Sunday night.
    new_york = weekends_all_day("America/New_York")
    assert business_time_between(
        new_york, at(NEW_YORK, 2026, 3, 6, 12, 0), at(NEW_YORK, 2026, 3, 9, 12, 0)
    ) == timedelta(hours=24 + 23)
    berlin = weekends_all_day("Europe/Berlin")
    assert business_time_between(
        berlin, at(BERLIN, 2026, 10, 23, 12, 0), at(BERLIN, 2026, 10, 26, 12, 0)
    ) == timedelta(hours=24 + 25)


def test_24_business_hours_over_the_spring_forward_night_in_berlin() -> None:
    # 24 real hours from Saturday noon CET end at 13:00 CEST on Sunday 2026-03-29.
    saturday_noon = at(BERLIN, 2026, 3, 28, 12, 0)
    for shop in (
        weekends_all_day("Europe/Berlin"),
        every_day("00:00", "24:00", zone="Europe/Berlin"),
    ):
        assert add_business_time(shop, saturday_noon, HOURS_24) == at(BERLIN, 2026, 3, 29, 13, 0)
    office = BusinessCalendar(time_zone="Europe/Berlin", holiday_country="DE")
    # Fri 17:00 CET: Fri 1 h, Mon 9 h, Tue 9 h, Wed 5 h: Wednesday 14:00 CEST.
    assert add_business_time(office, at(BERLIN, 2026, 3, 27, 17, 0), HOURS_24) == at(
        BERLIN, 2026, 4, 1, 14, 0
    )


def test_opening_hours_in_the_skipped_or_repeated_hour() -> None:
    # 02:00–04:00 does not exist in full on spring-forward night: 03:00–04:00 EDT is 1 h.
    night = every_day("02:00", "04:00", zone="America/New_York")
    spring = at(NEW_YORK, 2026, 3, 8, 0, 0)
    assert business_time_between(night, spring, spring + HOURS_24) == timedelta(hours=1)
    assert next_open(night, spring) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT
    # 01:00–02:00 happens twice on fall-back night: 01:00 EDT to 02:00 EST is 2 h.
    early = every_day("01:00", "02:00", zone="America/New_York")
    autumn = at(NEW_YORK, 2026, 11, 1, 0, 0)
    assert business_time_between(early, autumn, autumn + HOURS_24) == timedelta(hours=2)


def test_naive_datetimes_are_refused_with_a_clear_message() -> None:
    naive = datetime(2026, 1, 16, 17, 30)  # noqa: DTZ001 - the mistake under test
    with pytest.raises(NaiveDatetimeError, match="no time zone"):
        add_business_time(TOKYO_SHOP, naive, HOURS_24)
    with pytest.raises(NaiveDatetimeError, match="end"):
        business_time_between(TOKYO_SHOP, jst(2026, 1, 16, 0, 0), naive)


def test_a_calendar_that_never_opens_fails_instead_of_looping() -> None:
    closed_for_years = closed_range(date(2026, 1, 1), date(2028, 12, 31))
    shop = BusinessCalendar(closed_dates=closed_for_years)
    with pytest.raises(NoBusinessTimeError, match="no opening hours for over 400 days"):
        add_business_time(shop, jst(2026, 1, 5, 10, 0), HOURS_24)
    # Measuring a span inside the closure is fine: nothing was open.
    assert business_time_between(shop, jst(2026, 1, 5, 10, 0), jst(2027, 6, 1, 10, 0)) == timedelta(
        0
    )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: BusinessCalendar(time_zone="Asia/Tokio"), "unknown time zone"),
        (lambda: BusinessCalendar(holiday_country="XX"), "no public holidays are known"),
        (lambda: BusinessCalendar(weekly_hours=((),) * 7), "no opening hours on any day"),
        (lambda: BusinessCalendar(weekly_hours=((),) * 5), "need 7 days"),
        (lambda: OpenHours.parse("18:00", "09:00"), "start must come before the end"),
        (lambda: OpenHours.parse("09:00", "24:30"), "between 00:00 and 24:00"),
        (lambda: OpenHours.parse("9am", "5pm"), "HH:MM"),
        (
            lambda: BusinessCalendar.from_schedule(
                {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}
            ),
            "overlap",
        ),
        (lambda: BusinessCalendar.from_schedule({"monday": [["09:00", "18:00"]]}), "weekday keys"),
        (lambda: BusinessCalendar.from_schedule(closed_dates=["12/29"]), "ISO date"),
        (lambda: closed_range(date(2027, 1, 3), date(2026, 12, 29)), "before it starts"),
    ],
)
def test_misconfiguration_is_reported(build: object, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        build()  # type: ignore[operator]


def test_negative_duration_is_refused() -> None:
    with pytest.raises(CalendarError, match="negative"):
        add_business_time(TOKYO_SHOP, jst(2026, 1, 16, 0, 0), -HOURS_24)
