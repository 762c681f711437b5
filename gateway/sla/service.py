"""Response clocks on the database: record what happens, keep each conversation's SLA state.

Every change to a conversation (a buyer message, a reply delivered, a status change) is an
``SlaEvent`` row. The clock is replayed from those rows (gateway/sla/clock.py) and its result
stored on the conversation (``sla_state``, ``sla_due_at``), and an ``sla.check`` work item is
armed for the next instant the state can change, so no sweep over all conversations is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import Conversation, LanguageQueue, SlaEvent, utcnow
from gateway.sla.calendar import ROUND_THE_CLOCK, BusinessCalendar, add_business_time
from gateway.sla.clock import ClockEvent, EventKind, SlaSnapshot, SlaState, compute_sla
from gateway.workers import queue as work

CHECK = "sla.check"


def calendar_for(queue: LanguageQueue) -> BusinessCalendar:
    if not queue.business_hours:
        return ROUND_THE_CLOCK
    return BusinessCalendar.from_schedule(
        queue.schedule,
        time_zone=queue.time_zone,
        holiday_country=queue.holiday_country,
        closed_dates=queue.closed_dates or (),
    )


def target_of(queue: LanguageQueue) -> timedelta:
    return timedelta(hours=queue.target_hours)


def due_from(queue: LanguageQueue, start: datetime) -> datetime:
    """When a wait starting at ``start`` reaches the queue's target."""
    return add_business_time(calendar_for(queue), start, target_of(queue))


def _events(session: Session, conversation_id: int) -> Sequence[SlaEvent]:
    return session.scalars(
        select(SlaEvent)
        .where(SlaEvent.conversation_id == conversation_id)
        .order_by(SlaEvent.at, SlaEvent.id)
    ).all()


def snapshot(
    session: Session,
    conversation: Conversation,
    *,
    now: datetime,
    events: Sequence[ClockEvent] | None = None,
) -> SlaSnapshot:
    """The SLA state of ``conversation`` at ``now``; ``events``: its whole history when the
    caller knows it (a conversation created in this transaction), else it is read."""
    initial = target_of(conversation.queue)
    if events is None:
        rows = _events(session, conversation.id)
        events = [
            ClockEvent(
                EventKind(row.kind),
                row.at,
                timedelta(hours=row.data["target_hours"])
                if row.kind == EventKind.TARGET_CHANGED
                else None,
            )
            for row in rows
        ]
        initial = next(
            (
                timedelta(hours=row.data["from_hours"])
                for row in rows
                if row.kind == EventKind.TARGET_CHANGED
            ),
            initial,
        )
    return compute_sla(
        events,
        calendar=calendar_for(conversation.queue),
        target=initial,
        now=now,
        due_soon_threshold=conversation.queue.warn_threshold,
    )


def record(
    session: Session, conversation: Conversation, kind: EventKind, *, at: datetime | None = None
) -> SlaSnapshot:
    """Add an event to the conversation's history and bring its SLA state up to date."""
    session.add(SlaEvent(conversation_id=conversation.id, kind=kind, at=at or utcnow()))
    session.flush()
    return refresh(session, conversation, now=utcnow())


def start(session: Session, conversation: Conversation, *, at: datetime) -> SlaSnapshot:
    """Start the clock of a conversation created in this transaction: the buyer wrote at ``at``.

    The same as :func:`record` of ``BUYER_MESSAGE``, without reading back a history that
    holds only this event (intake's hot path).
    """
    session.add(SlaEvent(conversation_id=conversation.id, kind=EventKind.BUYER_MESSAGE, at=at))
    events = [ClockEvent(EventKind.BUYER_MESSAGE, at, None)]
    return refresh(session, conversation, now=utcnow(), events=events, fresh=True)


def target_changed(session: Session, queue: LanguageQueue, *, new_hours: float) -> int:
    """Apply a new target to the queue and to every clock running in it; returns how many."""
    old = queue.target_hours
    queue.target_hours = new_hours
    now = utcnow()
    conversations = session.scalars(
        select(Conversation).where(
            Conversation.queue_id == queue.id, Conversation.status != "resolved"
        )
    ).all()
    for conversation in conversations:
        session.add(
            SlaEvent(
                conversation_id=conversation.id,
                kind=EventKind.TARGET_CHANGED,
                at=now,
                data={"target_hours": new_hours, "from_hours": old},
            )
        )
    session.flush()
    for conversation in conversations:
        refresh(session, conversation, now=now)
    return len(conversations)


def refresh(
    session: Session,
    conversation: Conversation,
    *,
    now: datetime,
    events: Sequence[ClockEvent] | None = None,
    fresh: bool = False,
) -> SlaSnapshot:
    """Store the SLA state of ``conversation`` as of ``now`` and arm the next check
    (``fresh``: the conversation is new in this transaction, so it has no check yet)."""
    state = snapshot(session, conversation, now=now, events=events)
    conversation.sla_state = state.state
    conversation.sla_due_at = state.due_at
    next_check = next_change(conversation, state, now=now)
    if next_check is not None:
        work.enqueue(session, CHECK, conversation.id, not_before=next_check, fresh=fresh)
    return state


def next_change(
    conversation: Conversation, state: SlaSnapshot, *, now: datetime
) -> datetime | None:
    """The next instant the state of a running clock can change by time alone."""
    clock = state.clock
    if clock is None or clock.paused or clock.due_at is None or clock.state is SlaState.BREACHED:
        return None
    if clock.state is SlaState.OK:
        threshold = clock.target * conversation.queue.warn_threshold
        remaining = threshold - clock.elapsed
        if remaining > timedelta(0):
            return add_business_time(calendar_for(conversation.queue), now, remaining)
    return clock.due_at + timedelta(seconds=1)
