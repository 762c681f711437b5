"""Durable work on ``work_items`` rows: enqueue in the caller's transaction, claim under a lease.

PostgreSQL: claims take ``FOR UPDATE SKIP LOCKED`` so any number of workers on any number of
machines share the table, and enqueueing sends ``NOTIFY kakehashi_work`` (delivered on commit).
SQLite: a single writer at a time; the guarded ``UPDATE`` makes a claim atomic all the same.

Priorities (:class:`gateway.models.Priority`): a claim takes the most urgent due item first, an
agent's reply preview before a buyer's new message before chat before FAQ bulk work. Waiting
raises an item one level per ``aging`` interval, so bulk work is never starved: a FAQ
translation queued ``3 × aging`` ago competes with a fresh reply preview and, being older, wins.
Previews still never wait for the bulk backlog: worker pools keep an urgent lane that claims
only urgent items (see :mod:`gateway.workers.runner`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, or_, select, text, update
from sqlalchemy.orm import Session

from gateway.models import Priority, WorkItem, WorkState, utcnow

NOTIFY_CHANNEL = "kakehashi_work"
WAKE_FLAG = "kakehashi_wake_workers"
DEFAULT_AGING = timedelta(seconds=60)


def enqueue(
    session: Session,
    kind: str,
    subject_id: int,
    *,
    group_key: str = "",
    state: WorkState = WorkState.PENDING,
    not_before: datetime | None = None,
    priority: int = Priority.ROUTINE,
    fresh: bool = False,
) -> WorkItem:
    """Add (or re-arm) the unit of work ``kind`` for ``subject_id``; visible once committed.

    ``fresh``: the subject was created in this transaction, so it has no item yet (no look-up,
    and the insert waits for the transaction's next flush).
    """
    item = (
        None
        if fresh
        else session.scalar(
            select(WorkItem).where(WorkItem.kind == kind, WorkItem.subject_id == subject_id)
        )
    )
    now = utcnow()
    if item is None:
        item = WorkItem(kind=kind, subject_id=subject_id)
        session.add(item)
    item.group_key = group_key
    item.priority = int(priority)
    item.state = state
    item.attempts = 0
    item.next_attempt_at = not_before or now
    item.lease_owner = None
    item.lease_expires_at = None
    item.last_error = None
    item.finished_at = None
    if not fresh:
        session.flush()
    wake_on_commit(session, kind)
    return item


def wake_on_commit(session: Session, kind: str) -> None:
    """Wake workers once this transaction commits (other processes via NOTIFY on PostgreSQL)."""
    session.info[WAKE_FLAG] = True
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :kind)"), {"channel": NOTIFY_CHANNEL, "kind": kind}
        )


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        (WorkItem.state == WorkState.PENDING) & (WorkItem.next_attempt_at <= now),
        (WorkItem.state == WorkState.RUNNING) & (WorkItem.lease_expires_at < now),
    )


def due_kinds(session: Session, kinds: Sequence[str]) -> set[str]:
    """Which of ``kinds`` have work due now: a read, so a worker with nothing to do never
    takes the write lock (on SQLite, every claim would queue behind the requests' writers)."""
    return set(
        session.scalars(
            select(WorkItem.kind).where(WorkItem.kind.in_(kinds), _due(utcnow())).distinct()
        )
    )


@dataclass(frozen=True)
class Claim:
    owner: str
    items: Sequence[WorkItem]


def claim(
    session: Session,
    kinds: Sequence[str],
    *,
    worker: str,
    lease: timedelta,
    limit: int = 1,
    same_group: bool = False,
    max_priority: int | None = None,
    aging: timedelta = DEFAULT_AGING,
) -> Claim:
    """Lease up to ``limit`` due items of ``kinds``, most urgent first (aged: see the module
    docstring), then oldest first: pending ones, and running ones whose lease has expired
    (their worker died). With ``same_group`` all items share the first item's group key, so a
    translation batch covers one language pair. ``max_priority`` leaves less urgent items alone
    (the urgent lane).

    The caller commits right after, so the lease is durable before the work starts.
    """
    now = utcnow()
    due = _due(now)
    query = select(WorkItem.id, WorkItem.group_key).where(WorkItem.kind.in_(kinds), due)
    if max_priority is not None:
        query = query.where(WorkItem.priority <= max_priority)
    query = query.order_by(_aged_priority(now, aging), WorkItem.next_attempt_at, WorkItem.id)
    is_postgresql = session.get_bind().dialect.name == "postgresql"
    if same_group:
        first = session.execute(
            query.limit(1).with_for_update(skip_locked=True) if is_postgresql else query.limit(1)
        ).first()
        if first is None:
            return Claim(worker, [])
        query = query.where(WorkItem.group_key == first.group_key)
    query = query.limit(limit)
    if is_postgresql:
        query = query.with_for_update(skip_locked=True)
    ids = [row.id for row in session.execute(query)]
    if not ids:
        return Claim(worker, [])
    owner = f"{worker}/{uuid.uuid4().hex[:12]}"
    session.execute(
        update(WorkItem)
        .where(WorkItem.id.in_(ids), due)
        .values(
            state=WorkState.RUNNING,
            lease_owner=owner,
            lease_expires_at=now + lease,
            attempts=WorkItem.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    items = session.scalars(
        select(WorkItem).where(WorkItem.lease_owner == owner).order_by(WorkItem.id)
    ).all()
    return Claim(owner, items)


def _aged_priority(now: datetime, aging: timedelta) -> ColumnElement[int]:
    """The priority an item has after waiting: one level more urgent per ``aging`` waited, up
    to as many levels as there are (so the oldest bulk item eventually comes first). Written
    with timestamps computed here, so the same SQL runs on SQLite and PostgreSQL."""
    levels = len(Priority) - 1
    raised = case(
        *[
            (WorkItem.next_attempt_at <= now - aging * level, level)
            for level in range(levels, 0, -1)
        ],
        else_=0,
    )
    return WorkItem.priority - raised


def _still_ours(session: Session, item_id: int, owner: str) -> WorkItem | None:
    item = session.get(WorkItem, item_id, with_for_update=True, populate_existing=True)
    if item is None or item.lease_owner != owner or item.state != WorkState.RUNNING:
        return None
    return item


def complete(session: Session, item_id: int, owner: str) -> bool:
    """Mark done; False when the lease was lost (another worker took over: change nothing)."""
    item = _still_ours(session, item_id, owner)
    if item is None:
        return False
    item.state = WorkState.DONE
    item.finished_at = utcnow()
    item.lease_owner = None
    item.lease_expires_at = None
    item.last_error = None
    return True


def retry_later(
    session: Session, item_id: int, owner: str, *, error: str, max_attempts: int
) -> WorkState | None:
    """Schedule another attempt with exponential backoff, or fail after ``max_attempts``."""
    item = _still_ours(session, item_id, owner)
    if item is None:
        return None
    item.last_error = error
    item.lease_owner = None
    item.lease_expires_at = None
    if item.attempts >= max_attempts:
        item.state = WorkState.FAILED
        item.finished_at = utcnow()
    else:
        item.state = WorkState.PENDING
        item.next_attempt_at = utcnow() + backoff(item.attempts)
    return WorkState(item.state)


def park(session: Session, item_id: int, owner: str, *, reason: str) -> bool:
    """Set aside until something outside changes (see :func:`release_waiting`)."""
    item = _still_ours(session, item_id, owner)
    if item is None:
        return False
    item.state = WorkState.WAITING
    item.last_error = reason
    item.lease_owner = None
    item.lease_expires_at = None
    item.attempts = 0
    return True


def fail(session: Session, item_id: int, owner: str, *, error: str) -> bool:
    item = _still_ours(session, item_id, owner)
    if item is None:
        return False
    item.state = WorkState.FAILED
    item.last_error = error
    item.finished_at = utcnow()
    item.lease_owner = None
    item.lease_expires_at = None
    return True


def renew(session: Session, owners: Sequence[str], *, lease: timedelta) -> int:
    """Extend the leases of ``owners``' running items to ``lease`` from now; returns how many."""
    if not owners:
        return 0
    now = utcnow()
    result = session.execute(
        update(WorkItem)
        .where(WorkItem.lease_owner.in_(owners), WorkItem.state == WorkState.RUNNING)
        .values(lease_expires_at=now + lease)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def release(session: Session, owners: Sequence[str]) -> int:
    """Hand back the running items leased to ``owners`` (a worker shutting down): pending again
    at once, the attempt not counted, and other workers woken. Returns how many."""
    if not owners:
        return 0
    now = utcnow()
    result = session.execute(
        update(WorkItem)
        .where(WorkItem.lease_owner.in_(owners), WorkItem.state == WorkState.RUNNING)
        .values(
            state=WorkState.PENDING,
            lease_owner=None,
            lease_expires_at=None,
            next_attempt_at=now,
            attempts=func.greatest(WorkItem.attempts - 1, 0)
            if session.get_bind().dialect.name == "postgresql"
            else func.max(WorkItem.attempts - 1, 0),
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    if count:
        wake_on_commit(session, "released")  # any NOTIFY wakes every listening worker
    return count


def waiting_groups(session: Session, kind: str) -> list[str]:
    return list(
        session.scalars(
            select(WorkItem.group_key)
            .where(WorkItem.kind == kind, WorkItem.state == WorkState.WAITING)
            .distinct()
        )
    )


def release_waiting(session: Session, kind: str, group_keys: Sequence[str]) -> int:
    """Make parked items of ``group_keys`` pending again; returns how many."""
    if not group_keys:
        return 0
    result = session.execute(
        update(WorkItem)
        .where(
            WorkItem.kind == kind,
            WorkItem.state == WorkState.WAITING,
            WorkItem.group_key.in_(group_keys),
        )
        .values(state=WorkState.PENDING, next_attempt_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:  # type: ignore[attr-defined]
        wake_on_commit(session, kind)
    return int(result.rowcount)  # type: ignore[attr-defined]


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s, … capped at one hour."""
    return timedelta(seconds=min(5 * 2 ** max(attempts - 1, 0), 3600))
