from __future__ import annotations

from fastapi import APIRouter

from gateway.auth.dependencies import TokenDep
from gateway.db import SessionDep
from gateway.models import utcnow
from gateway.queues.repository import queue_figures
from gateway.queues.schemas import QueueOut

router = APIRouter(prefix="/api/v1", tags=["queues"])


@router.get("/queues", response_model=list[QueueOut])
def list_queues(session: SessionDep, _token: TokenDep) -> list[QueueOut]:
    return [
        QueueOut(
            language=f.queue.language,
            name=f.queue.name_ja,
            target_hours=f.queue.target_hours,
            open=f.open,
            breached=f.breached,
            due_soon=f.due_soon,
            oldest_waiting_seconds=f.oldest_waiting_seconds,
            median_first_response_seconds=f.median_first_response_seconds,
            within_target_ratio=f.within_target_ratio,
        )
        for f in queue_figures(session, now=utcnow())
    ]
