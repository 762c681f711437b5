"""Per-queue figures for the 24-hour response target."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
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
    queues = session.scalars(select(LanguageQueue).order_by(LanguageQueue.language)).all()
    rows = session.execute(
        select(
            Conversation.queue_id,
            Conversation.status,
            Conversation.sla_state,
            Conversation.created_at,
            Conversation.first_response_due_at,
            Conversation.first_responded_at,
        )
    ).all()
    by_queue: dict[int, list[tuple[str, str, datetime, datetime | None, datetime | None]]] = {}
    for queue_id, status, sla_state, created, due, responded in rows:
        by_queue.setdefault(queue_id, []).append((status, sla_state, created, due, responded))
    figures = []
    for queue in queues:
        open_count = breached = due_soon = 0
        waiting: list[datetime] = []
        response_seconds: list[float] = []
        within = 0
        for status, sla_state, created, due, responded in by_queue.get(queue.id, []):
            if responded is not None:
                seconds = (responded - created).total_seconds()
                response_seconds.append(seconds)
                within += int(due is None or responded <= due)
            if status == ConversationStatus.RESOLVED:
                continue
            open_count += 1
            breached += int(sla_state == "breached")
            due_soon += int(sla_state == "due_soon")
            if responded is None:
                waiting.append(created)
        figures.append(
            QueueFigures(
                queue=queue,
                open=open_count,
                breached=breached,
                due_soon=due_soon,
                oldest_waiting_seconds=(now - min(waiting)).total_seconds() if waiting else None,
                median_first_response_seconds=(
                    statistics.median(response_seconds) if response_seconds else None
                ),
                within_target_ratio=within / len(response_seconds) if response_seconds else None,
            )
        )
    return figures
