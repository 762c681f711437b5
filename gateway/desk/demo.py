"""Desk data for the demo shop: tags, priorities, an escalation, orders, replies, resolutions
and satisfaction answers spread over the last two weeks, so /inbox/reports has figures.

``seed_desk_demo`` works on the conversations ``kakehashi demo`` already made (gateway/demo.py);
running it again adds nothing twice. It rewrites those demo conversations' times into the past,
which is only right for a sample shop.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gateway.desk import escalation
from gateway.desk.priority import Priority, set_priority
from gateway.desk.rules import apply_rules, load_rules
from gateway.desk.tags import add_tags
from gateway.models import (
    Agent,
    AgentRole,
    Conversation,
    ConversationStatus,
    CsatRating,
    CsatSurvey,
    DeskEvent,
    Direction,
    Message,
    Order,
    SlaEvent,
    utcnow,
)
from gateway.sla.clock import EventKind

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


def _history(
    session: Session, conversation: Conversation, *, created: datetime, agent: Agent, index: int
) -> CsatSurvey | None:
    """Move a demo conversation into the past and give it a reply, maybe a resolution and an
    answer to the survey, with times the report can count."""
    shift = created - conversation.created_at
    conversation.created_at = created
    conversation.last_message_at = created
    if conversation.first_response_due_at is not None:
        conversation.first_response_due_at += shift
    session.execute(
        update(Message).where(Message.conversation_id == conversation.id).values(created_at=created)
    )
    session.execute(
        update(SlaEvent).where(SlaEvent.conversation_id == conversation.id).values(at=created)
    )
    if index % 4 == 3:
        return None  # still waiting for a first answer
    responded = created + timedelta(hours=(2, 5, 30, 9)[index % 4])
    conversation.first_responded_at = responded
    conversation.assignee_id = agent.id
    session.add(
        Message(
            conversation_id=conversation.id,
            direction=Direction.OUTBOUND,
            author_agent_id=agent.id,
            text="お問い合わせありがとうございます。確認のうえ手配いたしました。",
            language="ja",
            translation_language=conversation.language,
            translation_state="not_needed",
            translation_text="Thank you for contacting us. We have taken care of it.",
            delivery_state="sent",
            sent_at=responded,
            created_at=responded,
        )
    )
    session.add(SlaEvent(conversation_id=conversation.id, kind=EventKind.HUMAN_REPLY, at=responded))
    if index % 3 == 2:
        conversation.status = ConversationStatus.PENDING
        return None
    resolved = responded + timedelta(hours=6 + index)
    conversation.status = ConversationStatus.RESOLVED
    conversation.resolved_at = resolved
    session.add(SlaEvent(conversation_id=conversation.id, kind=EventKind.RESOLVED, at=resolved))
    survey = CsatSurvey(
        conversation_id=conversation.id,
        agent_id=agent.id,
        queue_id=conversation.queue_id,
        language=conversation.language,
        nonce=secrets.token_hex(16),
        sent_at=resolved,
    )
    if index % 5 != 4:
        survey.rating = CsatRating.UNSATISFIED if index % 6 == 1 else CsatRating.SATISFIED
        survey.answered_at = resolved + timedelta(hours=3)
    session.add(survey)
    return survey


def seed_desk_demo(session: Session, *, now: datetime | None = None) -> DeskDemoResult:
    """Fill the desk for the demo conversations; does nothing when it has run before."""
    if session.scalar(select(DeskEvent.id).limit(1)) or session.scalar(select(Order.id).limit(1)):
        return DeskDemoResult(0, 0, 0)
    now = now or utcnow()
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
        created = now - timedelta(days=13 - (index * 13) // max(len(conversations), 1), hours=3)
        survey = _history(session, conversation, created=created, agent=agent, index=index)
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
                placed_at=created - timedelta(days=3),
            )
        )
        orders += 1
        session.flush()
    open_ones = [c for c in conversations if c.status != ConversationStatus.RESOLVED]
    if open_ones:
        escalation.escalate(
            session,
            open_ones[0],
            reason="お客様が返金を希望されています。返金額の判断をお願いします。",
            agent=agents[-1],
        )
    session.flush()
    return DeskDemoResult(conversations=len(conversations), orders=orders, surveys=surveys)
