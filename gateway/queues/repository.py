"""Per-queue figures for the 24-hour response target."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from gateway.models import Conversation, ConversationStatus, LanguageQueue


@dataclass(frozen=True)
class QueueFigures:
    queue: LanguageQueue
    open: int
    breached: int
    due_soon: int
    oldest_waiting_seconds: float | None
    median_first_response_seconds: float | None
    within_target_ratio: float | None


def queue_figures(session: Session, *, now: datetime) -> Sequence[QueueFigures]:
    """Open work counted by the database; response times read for answered conversations only."""
    queues = session.scalars(select(LanguageQueue).order_by(LanguageQueue.language)).all()
    unresolved = Conversation.status != ConversationStatus.RESOLVED
    waiting = and_(unresolved, Conversation.first_responded_at.is_(None))
    open_rows = session.execute(
        select(
            Conversation.queue_id,
            func.count(),
            func.sum(case((Conversation.sla_state == "breached", 1), else_=0)),
            func.sum(case((Conversation.sla_state == "due_soon", 1), else_=0)),
            func.min(case((waiting, Conversation.created_at), else_=None)),
        )
        .where(unresolved)
        .group_by(Conversation.queue_id)
    ).all()
    open_by_queue = {row[0]: row[1:] for row in open_rows}
    answered: dict[int, list[tuple[float, bool]]] = {}
    for queue_id, created, due, responded in session.execute(
        select(
            Conversation.queue_id,
            Conversation.created_at,
            Conversation.first_response_due_at,
            Conversation.first_responded_at,
        ).where(Conversation.first_responded_at.is_not(None))
    ):
        if responded is None:  # excluded by the query; keeps the type checker honest
            continue
        answered.setdefault(queue_id, []).append(
            ((responded - created).total_seconds(), due is None or responded <= due)
        )
    figures = []
    for queue in queues:
        open_count, breached, due_soon, oldest = open_by_queue.get(queue.id, (0, 0, 0, None))
        responses = answered.get(queue.id, [])
        figures.append(
            QueueFigures(
                queue=queue,
                open=open_count,
                breached=int(breached or 0),
                due_soon=int(due_soon or 0),
                oldest_waiting_seconds=(now - oldest).total_seconds() if oldest else None,
                median_first_response_seconds=(
                    statistics.median(seconds for seconds, _ok in responses) if responses else None
                ),
                within_target_ratio=(
                    sum(ok for _s, ok in responses) / len(responses) if responses else None
                ),
            )
        )
    return figures
