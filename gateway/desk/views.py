"""What the desk adds to the agent pages: chips, the priority menu, escalation, orders, CSAT."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.desk import escalation
from gateway.models import Agent, Conversation, CsatSurvey, DeskEvent, Message, Order
from gateway.orders import service as orders
from gateway.settings import get_settings
from gateway.triage.priority import Priority, priority_label
from gateway.triage.tags import suggested_tags


@dataclass(frozen=True)
class PriorityOption:
    value: str  # low | normal | high | urgent
    label: str
    level: int


def priority_options() -> list[PriorityOption]:
    return [PriorityOption(p.api_name, priority_label(p), int(p)) for p in Priority]


def priority_name(value: int) -> str:
    return Priority(value).api_name


@dataclass(frozen=True)
class ConversationDesk:
    conversation: Conversation
    priorities: list[PriorityOption]
    suggested_tags: list[str]
    orders: Sequence[Order]
    placeholders: dict[str, str]
    history: list[DeskEvent]
    agents: dict[int, Agent]
    group: Sequence[Agent]
    survey: CsatSurvey | None

    @staticmethod
    def item_names(order: Order) -> str:
        return orders.item_names(order)

    @property
    def priority(self) -> str:
        return priority_name(self.conversation.priority)

    @property
    def priority_label(self) -> str:
        return priority_label(self.conversation.priority)

    def link_orders(self, text: str | None) -> Markup:
        return orders.link_order_numbers(text or "", self.orders)


def conversation_desk(
    session: Session, conversation: Conversation, messages_text: str = ""
) -> ConversationDesk:
    found = orders.orders_for(session, conversation)
    history = escalation.history(session, [conversation.id]).get(conversation.id, [])
    agent_ids = {e.agent_id for e in history if e.agent_id is not None}
    agents = (
        {a.id: a for a in session.scalars(select(Agent).where(Agent.id.in_(agent_ids)))}
        if agent_ids
        else {}
    )
    latest_inbound = session.scalar(
        select(Message.text)
        .where(Message.conversation_id == conversation.id, Message.direction == "inbound")
        .order_by(Message.id.desc())
        .limit(1)
    )
    return ConversationDesk(
        conversation=conversation,
        priorities=priority_options(),
        suggested_tags=suggested_tags(session, get_settings().desk_tags),
        orders=found,
        placeholders=orders.placeholder_values(found, messages_text or latest_inbound or ""),
        history=history,
        agents=agents,
        group=escalation.escalation_group(session),
        survey=session.scalar(
            select(CsatSurvey).where(CsatSurvey.conversation_id == conversation.id)
        ),
    )


# --- the inbox list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilter:
    tag: str | None
    priority: int | None

    @property
    def priority_name(self) -> str:
        return "" if self.priority is None else priority_name(self.priority)


def inbox_filter(tag: str | None, priority: str | None) -> InboxFilter:
    """The desk's filters from the inbox's query string; unknown values are ignored."""
    level = None
    if priority:
        try:
            level = int(Priority.from_name(priority))
        except ValueError:
            level = None
    cleaned = " ".join((tag or "").split()) or None
    return InboxFilter(tag=cleaned, priority=level)


@dataclass(frozen=True)
class InboxDesk:
    filter: InboxFilter
    priorities: list[PriorityOption]
    suggested_tags: list[str]
    agents: Sequence[Agent]

    @staticmethod
    def priority_name(value: int) -> str:
        return priority_name(value)

    @staticmethod
    def priority_label(value: int) -> str:
        return priority_label(value)


def inbox_desk(session: Session, selected: InboxFilter) -> InboxDesk:
    return InboxDesk(
        filter=selected,
        priorities=priority_options(),
        suggested_tags=suggested_tags(session, get_settings().desk_tags),
        agents=session.scalars(
            select(Agent).where(Agent.active.is_(True)).order_by(Agent.name)
        ).all(),
    )
