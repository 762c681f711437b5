"""Changing a conversation's desk fields: one function for the API, the page and bulk actions.

Takes the request's session first and never commits (the request does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.inbox import service as inbox
from gateway.models import Agent, Conversation, ConversationStatus
from gateway.triage.priority import Priority, set_priority
from gateway.triage.tags import add_tags, clean_tags, remove_tags, set_tags


class DeskError(ValueError):
    """A change that cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class Change:
    """What to change; ``None`` leaves a field as it is (``unassign`` clears the assignee)."""

    tags: Sequence[str] | None = None
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    priority: Priority | None = None
    status: ConversationStatus | None = None
    assignee_id: int | None = None
    unassign: bool = False


def _agent(session: Session, agent_id: int) -> Agent:
    agent = session.get(Agent, agent_id)
    if agent is None or not agent.active:
        raise DeskError(_("No active agent %(id)d.") % {"id": agent_id})
    return agent


def apply_change(session: Session, conversation: Conversation, change: Change) -> None:
    if change.tags is not None:
        set_tags(conversation, clean_tags(change.tags))
    if change.add_tags:
        add_tags(conversation, change.add_tags)
    if change.remove_tags:
        remove_tags(conversation, change.remove_tags)
    if change.priority is not None:
        set_priority(session, conversation, change.priority)
    if change.unassign:
        inbox.assign(session, conversation, None)
    elif change.assignee_id is not None:
        inbox.assign(session, conversation, _agent(session, change.assignee_id))
    if change.status is not None:
        inbox.set_status(session, conversation, change.status)
    session.flush()


def apply_to_many(session: Session, conversation_ids: Sequence[int], change: Change) -> int:
    """A bulk action from the inbox list; returns how many conversations it changed."""
    if change.assignee_id is not None:
        _agent(session, change.assignee_id)  # refuse before changing anything
    conversations = session.scalars(
        select(Conversation).where(Conversation.id.in_(set(conversation_ids)))
    ).all()
    for conversation in conversations:
        apply_change(session, conversation, change)
    return len(conversations)
