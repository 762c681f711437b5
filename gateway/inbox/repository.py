"""Queries the inbox needs beyond gateway/conversations/repository.py.

Every query here is bounded by what is on screen or by the open backlog, never by the whole
history: the counts read only unresolved conversations (the status index), the rest go by
primary or foreign key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from gateway.models import (
    Agent,
    Attachment,
    Conversation,
    ConversationStatus,
    Direction,
    LanguageQueue,
    Message,
    ReplyTemplate,
)

UNRESOLVED = (ConversationStatus.OPEN.value, ConversationStatus.PENDING.value)


@dataclass(frozen=True)
class QueueCount:
    queue: LanguageQueue
    open: int
    overdue: int


def overdue_condition(now: datetime) -> object:
    return or_(
        and_(
            Conversation.first_responded_at.is_(None),
            Conversation.first_response_due_at <= now,
        ),
        Conversation.next_response_due_at <= now,
    )


def queue_counts(session: Session, *, now: datetime) -> list[QueueCount]:
    """Every language queue with its unresolved and overdue conversations (one grouped query)."""
    queues = session.scalars(select(LanguageQueue)).all()
    overdue = case((overdue_condition(now), 1), else_=0)  # type: ignore[arg-type]
    # Grouping by ``queue_id + 0`` keeps SQLite from walking the whole (queue_id, status) index
    # to avoid a sort: it reads the unresolved rows through the status index instead, so the
    # cost follows the backlog, not the history.
    queue_id = (Conversation.queue_id + 0).label("queue_id")
    rows = session.execute(
        select(queue_id, func.count(), func.sum(overdue))
        .where(Conversation.status.in_(UNRESOLVED))
        .group_by(queue_id)
    ).all()
    by_queue = {queue_id: (int(total), int(late or 0)) for queue_id, total, late in rows}
    counts = [QueueCount(q, *by_queue.get(q.id, (0, 0))) for q in queues]
    # Busiest first, so the queues that need people are at the top of the column.
    counts.sort(key=lambda c: (-c.overdue, -c.open, c.queue.language))
    return counts


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(Conversation.status, func.count())
        .where(Conversation.status.in_(UNRESOLVED))
        .group_by(Conversation.status)
    ).all()
    return {status: int(total) for status, total in rows}


def agents(session: Session) -> Sequence[Agent]:
    return session.scalars(select(Agent).where(Agent.active.is_(True)).order_by(Agent.name)).all()


def agents_by_id(session: Session, ids: Sequence[int | None]) -> dict[int, Agent]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {a.id: a for a in session.scalars(select(Agent).where(Agent.id.in_(wanted)))}


def earlier_conversations(
    session: Session, conversation: Conversation, *, limit: int = 8
) -> Sequence[Conversation]:
    """The buyer's other conversations, newest first."""
    return session.scalars(
        select(Conversation)
        .where(Conversation.customer_id == conversation.customer_id)
        .where(Conversation.id != conversation.id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(limit)
    ).all()


def attachments_by_message(
    session: Session, message_ids: Sequence[int]
) -> dict[int, list[Attachment]]:
    if not message_ids:
        return {}
    found: dict[int, list[Attachment]] = {}
    rows = session.scalars(
        select(Attachment).where(Attachment.message_id.in_(message_ids)).order_by(Attachment.id)
    )
    for attachment in rows:
        found.setdefault(attachment.message_id, []).append(attachment)
    return found


def templates(session: Session) -> Sequence[ReplyTemplate]:
    return session.scalars(
        select(ReplyTemplate).order_by(
            ReplyTemplate.category, ReplyTemplate.position, ReplyTemplate.id
        )
    ).all()


@dataclass(frozen=True)
class Fingerprint:
    """What changes when anything an open page shows changes."""

    newest_message_id: int
    detail: tuple[object, ...] = ()

    @property
    def token(self) -> str:
        """A short stable digest: pages embed it, and the event stream starts from it."""
        raw = repr((self.newest_message_id, *(str(part) for part in self.detail)))
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


def inbox_fingerprint(session: Session) -> Fingerprint:
    """Newest message id and the unresolved counts: new inquiries, replies, status changes."""
    newest = session.scalar(select(func.max(Message.id))) or 0
    counts = tuple(sorted(status_counts(session).items()))
    return Fingerprint(int(newest), counts)


def conversation_fingerprint(session: Session, conversation_id: int) -> Fingerprint:
    """One conversation: its messages, their translation and delivery, status and assignee."""
    row = session.execute(
        select(
            func.max(Message.id),
            func.count(),
            func.sum(case((Message.translation_state == "pending", 1), else_=0)),
            func.sum(case((Message.delivery_state.in_(("draft", "queued")), 1), else_=0)),
            func.max(Message.translated_at),
        ).where(Message.conversation_id == conversation_id)
    ).one()
    state = session.execute(
        select(Conversation.status, Conversation.assignee_id, Conversation.updated_at).where(
            Conversation.id == conversation_id
        )
    ).one_or_none()
    return Fingerprint(int(row[0] or 0), (*row[1:], *(state or ())))


def latest_conversation_messages(
    session: Session, conversation_ids: Sequence[int]
) -> dict[int, Message]:
    """The newest message a person wrote in each conversation (buyer or agent): no notes, no
    unsent drafts, no automatic acknowledgements. One query."""
    if not conversation_ids:
        return {}
    newest = (
        select(func.max(Message.id))
        .where(
            Message.conversation_id.in_(conversation_ids),
            Message.direction != Direction.NOTE,
            Message.is_automatic.is_(False),
            or_(Message.delivery_state.is_(None), Message.delivery_state != "draft"),
        )
        .group_by(Message.conversation_id)
    )
    return {
        m.conversation_id: m for m in session.scalars(select(Message).where(Message.id.in_(newest)))
    }
