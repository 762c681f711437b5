"""Escalation: what the first agent cannot solve goes, with a reason, to the escalation group.

The group is the agents flagged ``escalation_group`` (administrators while nobody is flagged).
The response clock keeps running: escalating changes who looks at the conversation, not what the
buyer was promised. Escalating and handing back are kept as desk events (the history and the
escalation rate) and shown in the conversation's timeline as notes.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.models import (
    Agent,
    AgentRole,
    Conversation,
    DeskEvent,
    DeskEventKind,
    Direction,
    Message,
    TranslationState,
    utcnow,
)

MAX_REASON_CHARS = 2000


class EscalationError(ValueError):
    """An escalation that cannot be done as asked; the message says why."""


def escalation_group(session: Session) -> Sequence[Agent]:
    flagged = session.scalars(
        select(Agent)
        .where(Agent.active.is_(True), Agent.escalation_group.is_(True))
        .order_by(Agent.name)
    ).all()
    if flagged:
        return flagged
    return session.scalars(
        select(Agent)
        .where(Agent.active.is_(True), Agent.role == AgentRole.ADMIN)
        .order_by(Agent.name)
    ).all()


def in_escalation_group(session: Session, agent: Agent) -> bool:
    return any(member.id == agent.id for member in escalation_group(session))


def _timeline_note(conversation: Conversation, agent: Agent | None, text: str) -> Message:
    return Message(
        conversation_id=conversation.id,
        direction=Direction.NOTE,
        author_agent_id=agent.id if agent else None,
        text=text,
        language="ja",
        translation_language="ja",
        translation_state=TranslationState.NOT_NEEDED,
        is_automatic=True,
        created_at=utcnow(),
    )


def escalate(
    session: Session, conversation: Conversation, *, reason: str, agent: Agent | None
) -> DeskEvent:
    reason = reason.replace("\r\n", "\n").strip()
    if not reason:
        raise EscalationError(_("Say why you escalate: the escalation group reads the reason."))
    if len(reason) > MAX_REASON_CHARS:
        raise EscalationError(
            _("The reason is longer than %(limit)d characters: shorten it.")
            % {"limit": MAX_REASON_CHARS}
        )
    if conversation.escalated_at is not None:
        raise EscalationError(_("This conversation is already escalated."))
    now = utcnow()
    conversation.escalated_at = now
    conversation.escalation_reason = reason
    event = DeskEvent(
        conversation_id=conversation.id,
        kind=DeskEventKind.ESCALATED,
        agent_id=agent.id if agent else None,
        reason=reason,
        at=now,
    )
    session.add(event)
    text = "⤴ " + _("Escalated. Reason: %(reason)s") % {"reason": reason}
    session.add(_timeline_note(conversation, agent, text))
    session.flush()
    return event


def hand_back(
    session: Session, conversation: Conversation, *, note: str = "", agent: Agent | None
) -> DeskEvent:
    if conversation.escalated_at is None:
        raise EscalationError(_("This conversation is not escalated."))
    note = note.replace("\r\n", "\n").strip()[:MAX_REASON_CHARS]
    now = utcnow()
    conversation.escalated_at = None
    conversation.escalation_reason = None
    event = DeskEvent(
        conversation_id=conversation.id,
        kind=DeskEventKind.HANDED_BACK,
        agent_id=agent.id if agent else None,
        reason=note,
        at=now,
    )
    session.add(event)
    text = "⤵ " + (
        _("Handed back from escalation. Note: %(note)s") % {"note": note}
        if note
        else _("Handed back from escalation.")
    )
    session.add(_timeline_note(conversation, agent, text))
    session.flush()
    return event


def history(session: Session, conversation_ids: Sequence[int]) -> dict[int, list[DeskEvent]]:
    """Every escalation event of the conversations, oldest first."""
    if not conversation_ids:
        return {}
    found: dict[int, list[DeskEvent]] = {}
    rows = session.scalars(
        select(DeskEvent)
        .where(DeskEvent.conversation_id.in_(conversation_ids))
        .order_by(DeskEvent.at, DeskEvent.id)
    )
    for event in rows:
        found.setdefault(event.conversation_id, []).append(event)
    return found


def escalated_conversations(session: Session, *, limit: int = 200) -> Sequence[Conversation]:
    """What waits on the escalation group, longest waiting first."""
    return session.scalars(
        select(Conversation)
        .where(Conversation.escalated_at.is_not(None))
        .order_by(Conversation.priority.desc(), Conversation.escalated_at, Conversation.id)
        .limit(limit)
    ).all()
