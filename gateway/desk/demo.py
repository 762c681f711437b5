"""Desk data for the demo shop: tags, priorities, an escalation, orders and satisfaction
answers on the conversations ``kakehashi demo`` made (gateway/demo.py), so /inbox/reports has
figures. It follows each conversation's own history (received, answered, resolved) and running
it again adds nothing twice.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.desk import escalation
from gateway.i18n import get_locale, set_locale
from gateway.models import (
    Agent,
    AgentRole,
    Channel,
    Conversation,
    ConversationStatus,
    CsatRating,
    CsatSurvey,
    DeskEvent,
    Message,
    Order,
)
from gateway.triage.priority import Priority, set_priority
from gateway.triage.rules import apply_rules, load_rules
from gateway.triage.tags import add_tags

ORDER_NUMBER = re.compile(r"(?<!\d)(4\d{4})(?!\d)")
ORDER_STATUSES = ("発送準備中", "発送済み", "配達済み", "入金待ち")
ITEMS = (
    [{"name": "浴衣 (紺・M)", "quantity": 2}],
    [{"name": "訪問着 (桜)", "quantity": 1}, {"name": "帯締め", "quantity": 1}],
    [{"name": "九谷焼 湯呑み", "quantity": 2}],
    [{"name": "風呂敷 (唐草)", "quantity": 3}],
)
EXTRA_TAGS = ("配送", "サイズ・仕様", "返品・返金", "支払い", "在庫")


@dataclass(frozen=True)
class DeskDemoResult:
    conversations: int
    orders: int
    surveys: int


def _survey(
    session: Session, conversation: Conversation, *, agent: Agent, index: int
) -> CsatSurvey | None:
    """A satisfaction survey for a demo conversation a person answered and resolved, mostly
    answered, at times that follow the conversation's own history."""
    if (
        conversation.status != ConversationStatus.RESOLVED
        or conversation.resolved_at is None
        or conversation.first_responded_at is None
        or conversation.channel not in (Channel.EMAIL, Channel.CHAT)
    ):
        return None
    survey = CsatSurvey(
        conversation_id=conversation.id,
        agent_id=conversation.assignee_id or agent.id,
        queue_id=conversation.queue_id,
        language=conversation.language,
        nonce=secrets.token_hex(16),
        sent_at=conversation.resolved_at,
    )
    if index % 5 != 4:
        survey.rating = CsatRating.UNSATISFIED if index % 6 == 1 else CsatRating.SATISFIED
        survey.answered_at = conversation.resolved_at + timedelta(hours=3)
    session.add(survey)
    return survey


def seed_desk_demo(session: Session) -> DeskDemoResult:
    """Fill the desk for the demo conversations; does nothing when it has run before."""
    if session.scalar(select(DeskEvent.id).limit(1)) or session.scalar(select(Order.id).limit(1)):
        return DeskDemoResult(0, 0, 0)
    agents = session.scalars(
        select(Agent)
        .where(Agent.active.is_(True))
        .order_by(Agent.role != AgentRole.ADMIN, Agent.id)
    ).all()
    if not agents:
        return DeskDemoResult(0, 0, 0)
    conversations = session.scalars(select(Conversation).order_by(Conversation.id)).all()
    rules = load_rules(None)
    orders = surveys = 0
    for index, conversation in enumerate(conversations):
        first = session.scalar(
            select(Message)
            .where(Message.conversation_id == conversation.id, Message.direction == "inbound")
            .order_by(Message.id)
            .limit(1)
        )
        if first is None:
            continue
        apply_rules(session, conversation, first, rules)
        if not conversation.tag_names:
            add_tags(conversation, [EXTRA_TAGS[index % len(EXTRA_TAGS)]])
        if index == 0:
            set_priority(session, conversation, Priority.URGENT)
        elif index % 5 == 4:
            set_priority(session, conversation, Priority.LOW)
        agent = agents[index % len(agents)]
        survey = _survey(session, conversation, agent=agent, index=index)
        surveys += survey is not None
        match = ORDER_NUMBER.search(first.text)
        number = match.group(1) if match else f"4{9000 + index}"
        session.add(
            Order(
                customer_id=conversation.customer_id,
                order_number=number,
                status=ORDER_STATUSES[index % len(ORDER_STATUSES)],
                items=ITEMS[index % len(ITEMS)],
                total=f"¥{(index + 3) * 4400:,}",
                placed_at=conversation.created_at - timedelta(days=3),
            )
        )
        orders += 1
        session.flush()
    open_ones = [c for c in conversations if c.status != ConversationStatus.RESOLVED]
    if open_ones:
        # The timeline note is stored in the words of whoever escalates: the demo's agents
        # work in Japanese, whatever the operator's locale.
        previous = get_locale()
        set_locale("ja")
        try:
            escalation.escalate(
                session,
                open_ones[0],
                reason="お客様が返金を希望されています。返金額の判断をお願いします。",
                agent=agents[-1],
            )
        finally:
            set_locale(previous)
    session.flush()
    return DeskDemoResult(conversations=len(conversations), orders=orders, surveys=surveys)
