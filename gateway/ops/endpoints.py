"""Health and Prometheus metrics."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select, text

from gateway.db import get_database
from gateway.models import Conversation, ConversationStatus, LanguageQueue
from gateway.workers.queue import pending_counts

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(response: Response) -> dict[str, str]:
    """Readiness: the database answers."""
    try:
        with get_database().session() as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"; the reason is in the body
        response.status_code = 503
        return {"status": "unavailable", "reason": type(exc).__name__}
    return {"status": "ok"}


class DatabaseCollector(Collector):
    """Figures read from the database at scrape time, so every process reports the same."""

    def collect(self) -> Iterator[Metric]:
        work = GaugeMetricFamily(
            "kakehashi_work_items", "Background work by kind and state", labels=["kind", "state"]
        )
        open_conversations = GaugeMetricFamily(
            "kakehashi_open_conversations", "Conversations not yet resolved", labels=["queue"]
        )
        with get_database().session() as session:
            for (kind, state), count in sorted(pending_counts(session).items()):
                work.add_metric([kind, state], count)
            rows = session.execute(
                select(LanguageQueue.language, func.count(Conversation.id))
                .join(Conversation, Conversation.queue_id == LanguageQueue.id)
                .where(Conversation.status != ConversationStatus.RESOLVED)
                .group_by(LanguageQueue.language)
            )
            for language, count in rows:
                open_conversations.add_metric([language], count)
        yield work
        yield open_conversations


_registry = CollectorRegistry()
_registry.register(DatabaseCollector())


@router.get("/metrics")
def metrics() -> Response:
    return Response(generate_latest(_registry), media_type=CONTENT_TYPE_LATEST)
