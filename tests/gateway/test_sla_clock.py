"""Response clocks replayed from a conversation's history, with ``now`` passed explicitly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gateway.sla.calendar import (
    ROUND_THE_CLOCK,
    BusinessCalendar,
    NaiveDatetimeError,
    closed_range,
)
from gateway.sla.clock import (
    ClockError,
    ClockEvent,
    ClockKind,
    EventKind,
    SlaSnapshot,
    SlaState,
    compute_sla,
)

TOKYO = ZoneInfo("Asia/Tokyo")
TOKYO_SHOP = BusinessCalendar()  # Mon–Fri 09:00–18:00 Asia/Tokyo, Japanese holidays
HOURS_24 = timedelta(hours=24)
T0 = datetime(2026, 1, 19, 1, 0, tzinfo=UTC)  # Monday 10:00 in Tokyo


def jst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall time in Tokyo, as the aware UTC datetime the SLA code works with."""
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO).astimezone(UTC)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def buyer(at: datetime) -> ClockEvent:
    return ClockEvent(EventKind.BUYER_MESSAGE, at)


def reply(at: datetime) -> ClockEvent:
    return ClockEvent(EventKind.HUMAN_REPLY, at)


def auto(at: datetime) -> ClockEvent:
    return ClockEvent(EventKind.AUTOMATIC_REPLY, at)


def pending(at: datetime) -> ClockEvent:
    return ClockEvent(EventKind.WAITING_ON_BUYER, at)


def resolved(at: datetime) -> ClockEvent:
    return ClockEvent(EventKind.RESOLVED, at)


def reopened(at: datetime) -> ClockEvent:
    return ClockEvent(EventKind.REOPENED, at)


def target_changed(at: datetime, target: timedelta) -> ClockEvent:
    return ClockEvent(EventKind.TARGET_CHANGED, at, target=target)


def sla(
    events: list[ClockEvent],
    now: datetime,
    *,
    calendar: BusinessCalendar = TOKYO_SHOP,
    target: timedelta = HOURS_24,
    threshold: float = 0.8,
) -> SlaSnapshot:
    return compute_sla(
        events, calendar=calendar, target=target, now=now, due_soon_threshold=threshold
    )


def test_friday_evening_message_is_due_wednesday_in_tokyo_business_hours() -> None:
    arrival = jst(2026, 1, 16, 17, 30)
    snapshot = sla([buyer(arrival)], now=jst(2026, 1, 19, 10, 0))
    clock = snapshot.clock
    assert clock is not None
    assert clock.kind is ClockKind.FIRST_RESPONSE
    assert clock.started_at == arrival
    assert clock.due_at == jst(2026, 1, 21, 14, 30)
    # Friday 17:30–18:00 and Monday 09:00–10:00; the weekend does not count.
    assert clock.elapsed == hours(1.5)
    assert clock.fraction == pytest.approx(1.5 / 24)
    assert clock.state is SlaState.OK
    assert snapshot.due_at == clock.due_at


def test_message_before_golden_week_and_before_year_end_closure() -> None:
    golden_week = sla([buyer(jst(2026, 4, 28, 17, 0))], now=jst(2026, 5, 6, 12, 0))
    assert golden_week.due_at == jst(2026, 5, 7, 14, 0)
    # Only Tue 1 h, Thu 9 h and Fri 9 h counted so far: 19/24 is under the warning threshold.
    assert golden_week.state is SlaState.OK
    shop = BusinessCalendar(closed_dates=closed_range(date(2026, 12, 29), date(2027, 1, 3)))
    nenmatsu = sla([buyer(jst(2026, 12, 28, 16, 0))], now=jst(2027, 1, 2, 12, 0), calendar=shop)
    assert nenmatsu.due_at == jst(2027, 1, 6, 13, 0)
    assert nenmatsu.clock is not None
    assert nenmatsu.clock.elapsed == hours(2)


def test_message_at_2359_counts_nothing_until_the_morning() -> None:
    late = jst(2026, 1, 15, 23, 59)
    snapshot = sla([buyer(late)], now=jst(2026, 1, 16, 8, 59))
    assert snapshot.clock is not None
    assert snapshot.clock.elapsed == timedelta(0)
    assert snapshot.due_at == jst(2026, 1, 20, 15, 0)
    round_the_clock = sla([buyer(late)], now=late, calendar=ROUND_THE_CLOCK)
    assert round_the_clock.due_at == jst(2026, 1, 16, 23, 59)


def test_automatic_answers_do_not_stop_the_first_response_clock() -> None:
    snapshot = sla([buyer(T0), auto(T0 + timedelta(seconds=5))], now=T0 + hours(2))
    assert snapshot.clock is not None
    assert snapshot.clock.kind is ClockKind.FIRST_RESPONSE
    assert snapshot.outcomes == ()


def test_a_human_reply_stops_the_clock_and_records_the_outcome() -> None:
    replied_at = jst(2026, 1, 19, 11, 0)
    snapshot = sla([buyer(jst(2026, 1, 16, 17, 30)), reply(replied_at)], now=replied_at + hours(1))
    assert snapshot.clock is None
    assert snapshot.state is SlaState.OK
    (outcome,) = snapshot.outcomes
    assert outcome.kind is ClockKind.FIRST_RESPONSE
    assert outcome.responded_at == replied_at
    assert outcome.business_time == hours(2.5)
    assert outcome.wall_time == hours(24 * 2 + 17.5)
    assert outcome.within_target
    assert outcome.due_at == jst(2026, 1, 21, 14, 30)


def test_buyer_writing_again_before_the_reply_keeps_the_original_start() -> None:
    snapshot = sla([buyer(T0), buyer(T0 + hours(3))], now=T0 + hours(4))
    assert snapshot.clock is not None
    assert snapshot.clock.started_at == T0


def test_next_response_clock_starts_at_each_buyer_message_after_a_reply() -> None:
    second = T0 + hours(30)
    events = [buyer(T0), reply(T0 + hours(1)), buyer(second)]
    snapshot = sla(events, now=second + hours(1), calendar=ROUND_THE_CLOCK)
    assert snapshot.clock is not None
    assert snapshot.clock.kind is ClockKind.NEXT_RESPONSE
    assert snapshot.clock.started_at == second
    assert snapshot.due_at == second + HOURS_24
    assert [outcome.kind for outcome in snapshot.outcomes] == [ClockKind.FIRST_RESPONSE]
    answered = sla([*events, reply(second + hours(2))], now=second + hours(3))
    assert [outcome.kind for outcome in answered.outcomes] == [
        ClockKind.FIRST_RESPONSE,
        ClockKind.NEXT_RESPONSE,
    ]


def test_due_soon_from_80_percent_and_breached_after_the_due_time() -> None:
    events = [buyer(T0)]
    target = hours(10)

    def state(now: datetime, threshold: float = 0.8) -> SlaState:
        return sla(events, now, calendar=ROUND_THE_CLOCK, target=target, threshold=threshold).state

    assert state(T0 + timedelta(hours=8) - timedelta(seconds=1)) is SlaState.OK
    assert state(T0 + hours(8)) is SlaState.DUE_SOON
    assert state(T0 + hours(10)) is SlaState.DUE_SOON  # a reply now would still be on time
    assert state(T0 + hours(10) + timedelta(seconds=1)) is SlaState.BREACHED
    assert state(T0 + hours(5), threshold=0.5) is SlaState.DUE_SOON


def test_due_at_closing_time_is_breached_that_evening_not_next_morning() -> None:
    monday_nine = jst(2026, 1, 19, 9, 0)
    events = [buyer(monday_nine)]
    evening = sla(events, now=jst(2026, 1, 19, 19, 0), target=hours(9))
    assert evening.due_at == jst(2026, 1, 19, 18, 0)
    assert evening.state is SlaState.BREACHED
    late = sla(
        [*events, reply(jst(2026, 1, 19, 19, 0))], now=jst(2026, 1, 20, 9, 0), target=hours(9)
    )
    (outcome,) = late.outcomes
    assert outcome.business_time == hours(9)
    assert not outcome.within_target


def test_waiting_on_the_buyer_pauses_and_the_buyer_writing_resumes() -> None:
    start = jst(2026, 1, 19, 10, 0)  # Monday
    events = [buyer(start), pending(jst(2026, 1, 19, 12, 0))]
    paused = sla(events, now=jst(2026, 1, 20, 15, 0))
    assert paused.waiting_on_buyer
    assert paused.clock is not None
    assert paused.clock.paused
    assert paused.clock.elapsed == hours(2)
    assert paused.clock.due_at is None
    assert paused.state is SlaState.OK
    # Without the pause the answer would be due Wednesday 16:00.
    assert sla([buyer(start)], now=start).due_at == jst(2026, 1, 21, 16, 0)
    resumed = sla([*events, buyer(jst(2026, 1, 21, 10, 0))], now=jst(2026, 1, 21, 11, 0))
    assert not resumed.waiting_on_buyer
    assert resumed.clock is not None
    assert not resumed.clock.paused
    assert resumed.clock.started_at == start
    assert resumed.clock.elapsed == hours(3)
    # 22 h left from Wednesday 10:00: Wed 8 h, Thu 9 h, Fri 5 h.
    assert resumed.due_at == jst(2026, 1, 23, 14, 0)


def test_status_back_to_open_ends_a_pause() -> None:
    events = [buyer(T0), pending(T0 + hours(1)), reopened(T0 + hours(5))]
    snapshot = sla(events, now=T0 + hours(6), calendar=ROUND_THE_CLOCK)
    assert snapshot.clock is not None
    assert snapshot.clock.elapsed == hours(2)
    assert snapshot.due_at == T0 + HOURS_24 + hours(4)


def test_a_breach_before_the_pause_stays_breached() -> None:
    events = [buyer(T0), pending(T0 + hours(30))]
    snapshot = sla(events, now=T0 + hours(40), calendar=ROUND_THE_CLOCK)
    assert snapshot.clock is not None
    assert snapshot.clock.paused
    assert snapshot.state is SlaState.BREACHED
    assert snapshot.due_at == T0 + HOURS_24


def test_waiting_on_buyer_after_a_reply_then_buyer_writes_starts_next_response() -> None:
    events = [buyer(T0), reply(T0 + hours(1)), pending(T0 + hours(1))]
    waiting = sla(events, now=T0 + hours(50), calendar=ROUND_THE_CLOCK)
    assert waiting.clock is None
    assert waiting.waiting_on_buyer
    answered = T0 + hours(60)
    snapshot = sla([*events, buyer(answered)], now=answered, calendar=ROUND_THE_CLOCK)
    assert snapshot.clock is not None
    assert snapshot.clock.kind is ClockKind.NEXT_RESPONSE
    assert snapshot.due_at == answered + HOURS_24


def test_resolved_stops_all_clocks() -> None:
    snapshot = sla([buyer(T0), resolved(T0 + hours(1))], now=T0 + hours(100))
    assert snapshot.resolved
    assert snapshot.clock is None
    assert snapshot.state is SlaState.OK
    assert snapshot.outcomes == ()


def test_buyer_writing_after_resolved_reopens_with_a_next_response_clock() -> None:
    again = T0 + hours(72)
    events = [buyer(T0), reply(T0 + hours(2)), resolved(T0 + hours(3)), buyer(again)]
    snapshot = sla(events, now=again + hours(1), calendar=ROUND_THE_CLOCK)
    assert not snapshot.resolved
    assert snapshot.clock is not None
    assert snapshot.clock.kind is ClockKind.NEXT_RESPONSE
    assert snapshot.clock.started_at == again
    assert snapshot.due_at == again + HOURS_24
    # An explicit reopen recorded with the message changes nothing.
    explicit = sla([*events, reopened(again)], now=again + hours(1), calendar=ROUND_THE_CLOCK)
    assert explicit.clock == snapshot.clock


def test_resolved_without_any_reply_then_buyer_writes_is_still_a_first_response() -> None:
    again = T0 + hours(72)
    events = [buyer(T0), resolved(T0 + hours(1)), buyer(again)]
    snapshot = sla(events, now=again, calendar=ROUND_THE_CLOCK)
    assert snapshot.clock is not None
    assert snapshot.clock.kind is ClockKind.FIRST_RESPONSE
    assert snapshot.clock.started_at == again


def test_reopening_a_wrongly_resolved_conversation_resumes_its_clock() -> None:
    events = [buyer(T0), resolved(T0 + hours(2)), reopened(T0 + hours(50))]
    snapshot = sla(events, now=T0 + hours(51), calendar=ROUND_THE_CLOCK)
    assert snapshot.clock is not None
    assert snapshot.clock.started_at == T0
    assert snapshot.clock.elapsed == hours(3)  # the resolved time is not counted
    assert snapshot.due_at == T0 + HOURS_24 + hours(48)


def test_lowering_the_target_applies_to_the_running_clock_from_its_start() -> None:
    events = [buyer(T0), target_changed(T0 + hours(5), hours(4))]
    snapshot = sla(events, now=T0 + hours(6), calendar=ROUND_THE_CLOCK)
    assert snapshot.target == hours(4)
    assert snapshot.clock is not None
    assert snapshot.clock.target == hours(4)
    assert snapshot.due_at == T0 + hours(4)
    assert snapshot.state is SlaState.BREACHED
    # Before the change takes effect, the old target applies.
    assert sla(events, now=T0 + hours(4.5), calendar=ROUND_THE_CLOCK).state is SlaState.OK


def test_raising_the_target_can_lift_a_breach() -> None:
    events = [buyer(T0), target_changed(T0 + hours(28), hours(48))]
    before = sla(events, now=T0 + hours(27), calendar=ROUND_THE_CLOCK)
    after = sla(events, now=T0 + hours(30), calendar=ROUND_THE_CLOCK)
    assert before.state is SlaState.BREACHED
    assert after.state is SlaState.OK
    assert after.due_at == T0 + hours(48)


def test_finished_clocks_keep_the_target_they_were_answered_under() -> None:
    events = [
        buyer(T0),
        reply(T0 + hours(10)),
        target_changed(T0 + hours(11), hours(8)),
        buyer(T0 + hours(20)),
        reply(T0 + hours(30)),
    ]
    first, second = sla(events, now=T0 + hours(40), calendar=ROUND_THE_CLOCK).outcomes
    assert (first.target, first.within_target) == (HOURS_24, True)
    assert (second.target, second.within_target) == (hours(8), False)


def test_events_after_now_are_ignored_and_order_is_by_time() -> None:
    events = [reply(T0 + hours(5)), buyer(T0)]
    running = sla(events, now=T0 + hours(1), calendar=ROUND_THE_CLOCK)
    assert running.clock is not None
    answered = sla(events, now=T0 + hours(6), calendar=ROUND_THE_CLOCK)
    assert answered.clock is None
    assert len(answered.outcomes) == 1


def test_24_business_hours_across_a_dst_change() -> None:
    new_york = BusinessCalendar(time_zone="America/New_York", holiday_country="US")
    friday = datetime(2026, 3, 6, 22, 0, tzinfo=UTC)  # 17:00 EST
    snapshot = sla([buyer(friday)], now=friday, calendar=new_york)
    # Fri 1 h, Mon 9 h, Tue 9 h, Wed 5 h; EDT (UTC-4) from Sunday.
    assert snapshot.due_at == datetime(2026, 3, 11, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: ClockEvent(EventKind.BUYER_MESSAGE, datetime(2026, 1, 1)),  # noqa: DTZ001
            NaiveDatetimeError,
            "no time zone",
        ),
        (lambda: ClockEvent(EventKind.TARGET_CHANGED, T0), ClockError, "has no target"),
        (lambda: target_changed(T0, timedelta(0)), ClockError, "must be positive"),
        (
            lambda: ClockEvent(EventKind.BUYER_MESSAGE, T0, target=HOURS_24),
            ClockError,
            "only target_changed",
        ),
        (lambda: sla([buyer(T0)], T0, target=-HOURS_24), ClockError, "must be positive"),
        (lambda: sla([buyer(T0)], T0, threshold=1.5), ClockError, "between 0 and 1"),
        (
            lambda: sla([buyer(T0)], datetime(2026, 1, 1)),  # noqa: DTZ001
            NaiveDatetimeError,
            "no time zone",
        ),
    ],
)
def test_bad_input_is_reported(build: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        build()  # type: ignore[operator]
