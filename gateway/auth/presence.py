"""Which agents are at work: the inbox notes when each signed-in agent was last seen.

An open inbox keeps its live-update stream connected and reconnects every few minutes, so an
agent with the inbox open is seen at least that often; one who closed it drops out after
:data:`ONLINE_WINDOW`. Buyers in the chat are told an answer may take until the target when
nobody is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from gateway.db import Database, DatabaseBusyError
from gateway.models import Agent

#: Seen within this long counts as online (the inbox stream reconnects every five minutes).
ONLINE_WINDOW = timedelta(minutes=10)
#: ``last_seen_at`` is written at most this often per agent.
SEEN_PRECISION = timedelta(minutes=1)


def is_stale(agent: Agent, *, now: datetime) -> bool:
    return agent.last_seen_at is None or now - agent.last_seen_at >= SEEN_PRECISION


def note_seen(database: Database, agent_id: int, *, now: datetime) -> None:
    """Record that the agent is at work, in a short transaction of its own.

    Page loads read in read-only sessions; the note is written beside them rather than in them,
    and only when the write lock is free: a page never waits behind writers for it (the next
    page load notes it).
    """
    try:
        with database.session(if_free=True) as session:
            session.execute(update(Agent).where(Agent.id == agent_id).values(last_seen_at=now))
    except DatabaseBusyError:
        pass


def agents_online(session: Session, *, now: datetime) -> int:
    """How many active agents were seen within :data:`ONLINE_WINDOW`."""
    count = session.scalar(
        select(func.count())
        .select_from(Agent)
        .where(Agent.active.is_(True), Agent.last_seen_at >= now - ONLINE_WINDOW)
    )
    return int(count or 0)
