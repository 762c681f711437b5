"""Response clocks of one conversation, replayed from its history (pure; no database).

``compute_sla(events, calendar=..., target=..., now=...)`` replays what happened to a
conversation and says which clock runs now, when it is due, how much of the target is used,
whether it is ok, due soon or breached, and how every earlier wait for an answer ended.

Rules (issue 8):
- First response: from the first buyer message to the first human reply sent. Automatic
  answers and acknowledgements (``AUTOMATIC_REPLY``) never stop a clock.
- Next response: from each buyer message after a human reply. A buyer writing again before the
  reply does not restart a running clock; the buyer has waited since the earlier message.
- Waiting on the buyer pauses the running clock; the buyer writing (or the status going back to
  open) resumes it. Paused time does not count, so a pause moves the due time later by the
  open time it covered.
- Resolved stops every clock. The buyer writing afterwards reopens the conversation and starts a
  fresh clock from that message: a next-response clock, or a first-response clock if no human
  has replied yet. Reopening without a buyer message (``REOPENED``, e.g. resolved by mistake)
  resumes the clock that resolving stopped, with the resolved time not counted, so it keeps its
  start (and its warning key: no second warning for the same wait). Setting a resolved
  conversation to waiting on the buyer likewise brings that clock back, paused.
- A target change applies to the running clock from its start (it is measured against the new
  target as if that had always been the target: a lower target can breach it at once, a higher
  one can lift a breach) and to every later clock. Finished clocks keep the target in force when
  they were answered. ``target`` passed to ``compute_sla`` is the target before the first
  ``TARGET_CHANGED`` event.
- Due means answered by the due instant: a reply at exactly the due time is within target; at
  ``now`` equal to the due time the clock is not yet breached. A clock that reaches its target
  at closing time is breached from that instant on, not at the next opening.
- Events are applied in time order; events at the same instant in the order given. Events after
  ``now`` are ignored, so ``now`` is a controllable clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from gateway.sla.calendar import (
    BusinessCalendar,
    NaiveDatetimeError,
    SlaError,
    add_business_time,
    business_time_between,
)

__all__ = [
    "DEFAULT_DUE_SOON_THRESHOLD",
    "ClockError",
    "ClockEvent",
    "ClockKind",
    "EventKind",
    "ResponseOutcome",
    "RunningClock",
    "SlaSnapshot",
    "SlaState",
    "compute_sla",
]

DEFAULT_DUE_SOON_THRESHOLD = 0.8


class ClockError(SlaError, ValueError):
    """An event history or target that the clocks cannot be computed from."""


class EventKind(StrEnum):
    BUYER_MESSAGE = "buyer_message"
    HUMAN_REPLY = "human_reply"  # an agent's reply, counted when sent to the buyer
    AUTOMATIC_REPLY = "automatic_reply"  # acknowledgement or FAQ auto-answer: stops nothing
    WAITING_ON_BUYER = "waiting_on_buyer"  # status set to pending
    RESOLVED = "resolved"
    REOPENED = "reopened"  # status set back to open without a buyer message
    TARGET_CHANGED = "target_changed"


class ClockKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"


class SlaState(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    BREACHED = "breached"


@dataclass(frozen=True)
class ClockEvent:
    """Something that happened to a conversation at ``at`` (aware; stored as UTC)."""

    kind: EventKind
    at: datetime
    target: timedelta | None = None  # the new target, for TARGET_CHANGED only

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise NaiveDatetimeError(
                f"{self.kind} event at {self.at.isoformat()} has no time zone: "
                "pass an aware UTC datetime"
            )
        object.__setattr__(self, "at", self.at.astimezone(UTC))
        if self.kind is EventKind.TARGET_CHANGED:
            if self.target is None:
                raise ClockError(f"target_changed event at {self.at.isoformat()} has no target")
            _check_target(self.target)
        elif self.target is not None:
            raise ClockError(f"only target_changed events carry a target, not {self.kind}")


@dataclass(frozen=True)
class RunningClock:
    """The clock of the buyer's current wait for an answer."""

    kind: ClockKind
    started_at: datetime
    target: timedelta
    # When the target is (or was) reached; None while paused before reaching it.
    due_at: datetime | None
    elapsed: timedelta  # open time counted so far, pauses excluded
    fraction: float  # elapsed / target: 0.8 is 80% of the target used
    paused: bool
    state: SlaState


@dataclass(frozen=True)
class ResponseOutcome:
    """How one wait for an answer ended with a human reply, for reports."""

    kind: ClockKind
    started_at: datetime
    responded_at: datetime
    target: timedelta
    business_time: timedelta  # open time the buyer waited, pauses excluded
    due_at: datetime
    within_target: bool

    @property
    def wall_time(self) -> timedelta:
        """Real time from the buyer's message to the reply, nights and pauses included."""
        return self.responded_at - self.started_at


@dataclass(frozen=True)
class SlaSnapshot:
    """A conversation's SLA as of ``now``."""

    now: datetime
    target: timedelta  # in force now
    clock: RunningClock | None  # None: nobody is waiting for an answer
    resolved: bool
    waiting_on_buyer: bool
    outcomes: tuple[ResponseOutcome, ...]

    @property
    def state(self) -> SlaState:
        return SlaState.OK if self.clock is None else self.clock.state

    @property
    def due_at(self) -> datetime | None:
        return None if self.clock is None else self.clock.due_at


@dataclass
class _Clock:
    kind: ClockKind
    started_at: datetime
    running_since: datetime | None
    spans: list[tuple[datetime, datetime]] = field(default_factory=list)  # finished running spans

    def stop(self, at: datetime) -> None:
        if self.running_since is not None:
            self.spans.append((self.running_since, at))
            self.running_since = None

    def resume(self, at: datetime) -> None:
        if self.running_since is None:
            self.running_since = at

    def elapsed(self, calendar: BusinessCalendar, now: datetime) -> timedelta:
        total = sum(
            (business_time_between(calendar, start, end) for start, end in self.spans),
            timedelta(0),
        )
        if self.running_since is not None:
            total += business_time_between(calendar, self.running_since, now)
        return total

    def due_at(self, calendar: BusinessCalendar, target: timedelta) -> datetime | None:
        """The instant the counted time reaches ``target``; None if paused before it."""
        remaining = target
        for start, end in self.spans:
            counted = business_time_between(calendar, start, end)
            if counted >= remaining:
                return add_business_time(calendar, start, remaining)
            remaining -= counted
        if self.running_since is None:
            return None
        return add_business_time(calendar, self.running_since, remaining)


def _check_target(target: timedelta) -> None:
    if target <= timedelta(0):
        raise ClockError(f"a response target must be positive, got {target}")


def compute_sla(
    events: Iterable[ClockEvent],
    *,
    calendar: BusinessCalendar,
    target: timedelta,
    now: datetime,
    due_soon_threshold: float = DEFAULT_DUE_SOON_THRESHOLD,
) -> SlaSnapshot:
    """Replay ``events`` up to ``now`` and measure the clocks against ``target`` (see module)."""
    _check_target(target)
    if not 0 < due_soon_threshold <= 1:
        raise ClockError(
            f"the due-soon threshold is a fraction of the target between 0 and 1, "
            f"got {due_soon_threshold}"
        )
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError(f"now {now.isoformat()} has no time zone: pass an aware UTC one")
    now = now.astimezone(UTC)

    clock: _Clock | None = None
    stopped_by_resolve: _Clock | None = None
    resolved = waiting = replied = False
    outcomes: list[ResponseOutcome] = []

    for event in sorted((e for e in events if e.at <= now), key=lambda e: e.at):
        at = event.at
        match event.kind:
            case EventKind.BUYER_MESSAGE:
                if resolved:
                    resolved, stopped_by_resolve = False, None
                waiting = False
                if clock is None:
                    kind = ClockKind.NEXT_RESPONSE if replied else ClockKind.FIRST_RESPONSE
                    clock = _Clock(kind, started_at=at, running_since=at)
                else:
                    clock.resume(at)
            case EventKind.HUMAN_REPLY:
                replied = True
                stopped_by_resolve = None
                if clock is not None:
                    clock.stop(at)
                    outcomes.append(_outcome(clock, calendar, target, at))
                    clock = None
            case EventKind.AUTOMATIC_REPLY:
                pass
            case EventKind.WAITING_ON_BUYER:
                if resolved:
                    resolved, clock, stopped_by_resolve = False, stopped_by_resolve, None
                waiting = True
                if clock is not None:
                    clock.stop(at)
            case EventKind.RESOLVED:
                if clock is not None:
                    clock.stop(at)
                    stopped_by_resolve, clock = clock, None
                resolved, waiting = True, False
            case EventKind.REOPENED:
                if resolved:
                    resolved, clock, stopped_by_resolve = False, stopped_by_resolve, None
                waiting = False
                if clock is not None:
                    clock.resume(at)
            case EventKind.TARGET_CHANGED:
                target = event.target or target  # never None here: checked in ClockEvent

    running = None
    if clock is not None:
        running = _running(clock, calendar, target, now, due_soon_threshold)
    return SlaSnapshot(
        now=now,
        target=target,
        clock=running,
        resolved=resolved,
        waiting_on_buyer=waiting,
        outcomes=tuple(outcomes),
    )


def _outcome(
    clock: _Clock, calendar: BusinessCalendar, target: timedelta, at: datetime
) -> ResponseOutcome:
    due_at = clock.due_at(calendar, target)
    if due_at is None:  # answered before the target was reached: due after the last span
        due_at = add_business_time(calendar, at, target - clock.elapsed(calendar, at))
    return ResponseOutcome(
        kind=clock.kind,
        started_at=clock.started_at,
        responded_at=at,
        target=target,
        business_time=clock.elapsed(calendar, at),
        due_at=due_at,
        within_target=at <= due_at,
    )


def _running(
    clock: _Clock,
    calendar: BusinessCalendar,
    target: timedelta,
    now: datetime,
    threshold: float,
) -> RunningClock:
    elapsed = clock.elapsed(calendar, now)
    due_at = clock.due_at(calendar, target)
    fraction = elapsed / target
    if due_at is not None and now > due_at:
        state = SlaState.BREACHED
    elif fraction >= threshold:
        state = SlaState.DUE_SOON
    else:
        state = SlaState.OK
    return RunningClock(
        kind=clock.kind,
        started_at=clock.started_at,
        target=target,
        due_at=due_at,
        elapsed=elapsed,
        fraction=fraction,
        paused=clock.running_since is None,
        state=state,
    )
