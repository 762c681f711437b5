"""Per-queue figures as GET /api/v1/queues and the dashboard show them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gateway.db import Database
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import Channel, Conversation, ConversationStatus
from gateway.queues.repository import queue_figures
from gateway.settings import Settings

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _conversation(
    database: Database,
    settings: Settings,
    *,
    age: timedelta,
    answered_after: timedelta | None = None,
    status: ConversationStatus = ConversationStatus.OPEN,
    sla_state: str = "ok",
) -> None:
    with database.session() as session:
        received = receive_inquiry(
            session,
            Inquiry(channel=Channel.API, text="Hello, where is my parcel? It has not arrived yet."),
            settings=settings,
        )
        conversation = session.get(Conversation, received.conversation.id)
        assert conversation is not None
        conversation.created_at = NOW - age
        conversation.first_response_due_at = NOW - age + timedelta(hours=24)
        conversation.first_responded_at = (
            NOW - age + answered_after if answered_after is not None else None
        )
        conversation.status = status
        conversation.sla_state = sla_state


def test_figures_count_open_work_and_answer_times(database: Database, settings: Settings) -> None:
    _conversation(database, settings, age=timedelta(hours=30), sla_state="breached")
    _conversation(database, settings, age=timedelta(hours=20), sla_state="due_soon")
    _conversation(database, settings, age=timedelta(hours=50), answered_after=timedelta(hours=2))
    _conversation(
        database,
        settings,
        age=timedelta(hours=80),
        answered_after=timedelta(hours=30),
        status=ConversationStatus.RESOLVED,
        sla_state="breached",
    )
    _conversation(
        database,
        settings,
        age=timedelta(hours=10),
        answered_after=timedelta(hours=4),
        status=ConversationStatus.RESOLVED,
    )
    with database.session(read_only=True) as session:
        (english,) = queue_figures(session, now=NOW)
        assert english.queue.language == "en"
        assert (english.open, english.breached, english.due_soon) == (3, 1, 1)
        assert english.oldest_waiting_seconds == timedelta(hours=30).total_seconds()
        assert english.median_first_response_seconds == timedelta(hours=4).total_seconds()
        assert english.within_target_ratio is not None
        assert round(english.within_target_ratio, 3) == round(2 / 3, 3)


def test_a_queue_without_conversations_reports_nothing_yet(
    database: Database, settings: Settings
) -> None:
    _conversation(database, settings, age=timedelta(hours=1))
    with database.session() as session:
        for conversation in session.query(Conversation):
            conversation.status = ConversationStatus.RESOLVED
    with database.session(read_only=True) as session:
        (english,) = queue_figures(session, now=NOW)
        assert (english.open, english.breached, english.due_soon) == (0, 0, 0)
        assert english.oldest_waiting_seconds is None
        assert english.median_first_response_seconds is None
