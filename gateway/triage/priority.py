"""Priority (低 / 通常 / 高 / 緊急): how it is named, sorted, and how it shortens a response target.

Stored as an integer on the conversation so the inbox sorts by it; the API and the rules use the
names ``low``, ``normal``, ``high`` and ``urgent``.
"""

from __future__ import annotations

from datetime import timedelta
from enum import IntEnum

from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.models import Conversation, ConversationStatus, SlaEvent, utcnow
from gateway.sla import service as sla
from gateway.sla.calendar import add_business_time
from gateway.sla.clock import EventKind


class Priority(IntEnum):
    LOW = 0
    NORMAL = 1
    HIGH = 2
    URGENT = 3

    @property
    def api_name(self) -> str:
        return self.name.lower()

    @classmethod
    def from_name(cls, name: str) -> Priority:
        """``low`` / ``normal`` / ``high`` / ``urgent`` (any case); ValueError otherwise."""
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown priority {name!r}: use one of low, normal, high, urgent"
            ) from None


PRIORITY_NAMES = tuple(p.api_name for p in Priority)


def priority_label(value: int) -> str:
    return {
        Priority.LOW: _("Low"),
        Priority.NORMAL: _("Normal"),
        Priority.HIGH: _("High"),
        Priority.URGENT: _("Urgent"),
    }[Priority(value)]


def priority_target(conversation: Conversation, priority: Priority) -> timedelta | None:
    """The shorter response target the queue sets for ``priority``, if any."""
    targets = conversation.queue.priority_target_hours or {}
    hours = targets.get(priority.api_name)
    if hours is None or hours <= 0:
        return None
    return timedelta(hours=float(hours))


def set_priority(session: Session, conversation: Conversation, priority: Priority) -> None:
    """Change the priority; where the queue sets a target for it, the running clock is held to
    that target from its start (the queue's own target otherwise)."""
    if conversation.priority == priority:
        return
    old = priority_target(conversation, Priority(conversation.priority))
    conversation.priority = priority
    new = priority_target(conversation, priority)
    if old == new or conversation.status == ConversationStatus.RESOLVED:
        return
    queue_target = sla.target_of(conversation.queue)
    target = min(new, queue_target) if new is not None else queue_target
    current = old if old is not None else queue_target
    now = utcnow()
    session.add(
        SlaEvent(
            conversation_id=conversation.id,
            kind=EventKind.TARGET_CHANGED,
            at=now,
            data={
                "target_hours": target.total_seconds() / 3600,
                "from_hours": current.total_seconds() / 3600,
                "reason": "priority",
            },
        )
    )
    session.flush()
    state = sla.refresh(session, conversation, now=now)
    if conversation.first_responded_at is None:
        conversation.first_response_due_at = add_business_time(
            sla.calendar_for(conversation.queue), conversation.created_at, target
        )
    elif conversation.next_response_due_at is not None and state.due_at is not None:
        conversation.next_response_due_at = state.due_at
