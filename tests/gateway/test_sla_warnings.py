"""Warnings a sweep sends: once per wait and kind, however often or concurrently it runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gateway.sla.calendar import ROUND_THE_CLOCK, NaiveDatetimeError
from gateway.sla.clock import ClockEvent, EventKind, SlaSnapshot, compute_sla
from gateway.sla.warnings import WarningKey, WarningKind, warnings_to_send

T0 = datetime(2026, 1, 19, 1, 0, tzinfo=UTC)
CONVERSATION = 42


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def event(kind: EventKind, at: datetime, target: timedelta | None = None) -> ClockEvent:
    return ClockEvent(kind, at, target=target)


def snapshot(events: list[ClockEvent], now: datetime) -> SlaSnapshot:
    # Round the clock, 10-hour target: due soon from 8 h, breached after 10 h.
    return compute_sla(events, calendar=ROUND_THE_CLOCK, target=hours(10), now=now)


def sweep(events: list[ClockEvent], now: datetime, sent: set[WarningKey]) -> list[WarningKey]:
    """One sweep: decide, then record what was sent, as the unique key in the database would."""
    to_send = warnings_to_send(CONVERSATION, snapshot(events, now), sent)
    sent.update(to_send)
    return to_send


def key(kind: WarningKind, started: datetime = T0) -> WarningKey:
    return WarningKey(CONVERSATION, started, kind)


def test_due_soon_then_breached_each_sent_once() -> None:
    events = [event(EventKind.BUYER_MESSAGE, T0)]
    sent: set[WarningKey] = set()
    assert sweep(events, T0 + hours(7), sent) == []
    assert sweep(events, T0 + hours(8), sent) == [key(WarningKind.DUE_SOON)]
    assert sweep(events, T0 + hours(9), sent) == []
    assert sweep(events, T0 + hours(11), sent) == [key(WarningKind.BREACHED)]
    assert sweep(events, T0 + hours(12), sent) == []


def test_a_clock_first_seen_breached_gets_only_the_breach_warning() -> None:
    events = [event(EventKind.BUYER_MESSAGE, T0)]
    sent: set[WarningKey] = set()
    assert sweep(events, T0 + hours(20), sent) == [key(WarningKind.BREACHED)]
    assert sweep(events, T0 + hours(21), sent) == []


def test_two_sweeps_at_once_compute_the_same_key() -> None:
    events = [event(EventKind.BUYER_MESSAGE, T0)]
    first = warnings_to_send(CONVERSATION, snapshot(events, T0 + hours(8)), [])
    second = warnings_to_send(CONVERSATION, snapshot(events, T0 + hours(8.5)), [])
    # Neither saw the other's row; the database's unique key lets only one insert win.
    assert first == second == [key(WarningKind.DUE_SOON)]


def test_no_warning_without_a_running_clock() -> None:
    message = event(EventKind.BUYER_MESSAGE, T0)
    answered = [message, event(EventKind.HUMAN_REPLY, T0 + hours(1))]
    closed = [message, event(EventKind.RESOLVED, T0 + hours(1))]
    paused = [message, event(EventKind.WAITING_ON_BUYER, T0 + hours(8.5))]
    for events in (answered, closed, paused):
        assert warnings_to_send(CONVERSATION, snapshot(events, T0 + hours(30)), []) == []


def test_a_pause_does_not_lead_to_a_second_warning() -> None:
    events = [event(EventKind.BUYER_MESSAGE, T0)]
    sent: set[WarningKey] = set()
    assert sweep(events, T0 + hours(8), sent) == [key(WarningKind.DUE_SOON)]
    events += [
        event(EventKind.WAITING_ON_BUYER, T0 + hours(8.5)),
        event(EventKind.BUYER_MESSAGE, T0 + hours(20)),
    ]
    assert sweep(events, T0 + hours(20.5), sent) == []
    assert sweep(events, T0 + hours(22), sent) == [key(WarningKind.BREACHED)]


def test_a_new_wait_after_a_reply_warns_again() -> None:
    second = T0 + hours(30)
    events = [
        event(EventKind.BUYER_MESSAGE, T0),
        event(EventKind.HUMAN_REPLY, T0 + hours(9)),
        event(EventKind.BUYER_MESSAGE, second),
    ]
    sent = {key(WarningKind.DUE_SOON)}
    assert sweep(events, second + hours(8), sent) == [key(WarningKind.DUE_SOON, second)]


def test_a_raised_target_does_not_warn_due_soon_after_a_breach_warning() -> None:
    events = [
        event(EventKind.BUYER_MESSAGE, T0),
        event(EventKind.TARGET_CHANGED, T0 + hours(11), target=hours(12)),
    ]
    sent = {key(WarningKind.BREACHED)}
    assert snapshot(events, T0 + hours(11)).state == "due_soon"
    assert sweep(events, T0 + hours(11), sent) == []


def test_keys_compare_in_utc() -> None:
    tokyo = T0.astimezone(ZoneInfo("Asia/Tokyo"))
    assert WarningKey(CONVERSATION, tokyo, WarningKind.BREACHED) == key(WarningKind.BREACHED)
    events = [event(EventKind.BUYER_MESSAGE, T0)]
    already = [WarningKey(CONVERSATION, tokyo, WarningKind.DUE_SOON)]
    assert warnings_to_send(CONVERSATION, snapshot(events, T0 + hours(9)), already) == []


def test_a_naive_clock_start_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="no time zone"):
        WarningKey(CONVERSATION, datetime(2026, 1, 19, 1, 0), WarningKind.DUE_SOON)  # noqa: DTZ001
