"""Receiving an inquiry: store it, detect its language, route it, queue its translation.

Everything happens in the caller's transaction, so an inquiry and its translation work become
visible together, and a client that got 201 can rely on both.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway import events
from gateway.models import (
    Channel,
    Conversation,
    ConversationStatus,
    Customer,
    Direction,
    Message,
    TranslationState,
    utcnow,
)
from gateway.queues.service import route_language
from gateway.settings import Settings
from gateway.sla import service as sla
from gateway.translations.tasks import enqueue_translation
from gateway.triage.rules import apply_rules, load_rules
from translation.detect import Detection, detect_language
from translation.languages import JAPANESE

PRIORS_TTL_SECONDS = 300.0


@dataclass(frozen=True)
class Inquiry:
    channel: Channel
    text: str
    customer_email: str | None = None
    customer_name: str = ""
    subject: str = ""
    language_hints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Received:
    conversation: Conversation
    message: Message
    detection: Detection


def find_or_create_customer(session: Session, *, email: str | None, name: str) -> Customer:
    if email:
        email = email.strip().lower()
        customer = session.scalar(select(Customer).where(Customer.email == email))
        if customer is not None:
            if name and not customer.name:
                customer.name = name
            return customer
    customer = Customer(email=email or None, name=name)
    session.add(customer)
    session.flush()
    return customer


def receive_inquiry(session: Session, inquiry: Inquiry, *, settings: Settings) -> Received:
    """Open a conversation for a new inquiry and queue its translation into Japanese."""
    customer = find_or_create_customer(
        session, email=inquiry.customer_email, name=inquiry.customer_name
    )
    hints = inquiry.language_hints or ((customer.language,) if customer.language else ())
    # Every language the detector knows: the shop's languages decide queues, not recognition.
    detection = detect_language(inquiry.text, hints=hints, priors=traffic_priors(session))
    if detection.language != "und":
        customer.language = detection.language
    queue = route_language(session, detection.language, settings=settings)
    now = utcnow()
    conversation = Conversation(
        customer=customer,
        queue=queue,
        channel=inquiry.channel,
        language=detection.language,
        status=ConversationStatus.OPEN,
        subject=inquiry.subject,
        created_at=now,
        last_message_at=now,
        first_response_due_at=sla.due_from(queue, now),
    )
    session.add(conversation)
    message = add_inbound_message(session, conversation, inquiry.text, detection)
    sla.start(session, conversation, at=now)
    events.record(session, events.ConversationCreated(conversation.id, message.id))
    events.record(session, events.MessageReceived(conversation.id, message.id))
    apply_rules(session, conversation, message, load_rules(settings.intake_rules))
    if conversation.queue.auto_answer:
        from gateway.faq.suggestions import auto_answer  # the FAQ builds on intake's models

        auto_answer(session, message)
    return Received(conversation, message, detection)


def add_inbound_message(
    session: Session, conversation: Conversation, text: str, detection: Detection
) -> Message:
    message = Message(
        conversation=conversation,
        direction=Direction.INBOUND,
        text=text,
        language=detection.language,
        language_confidence=detection.confidence,
        translation_language=JAPANESE,
        created_at=conversation.last_message_at,
    )
    if detection.language == JAPANESE:
        message.translation_state = TranslationState.NOT_NEEDED
        message.translation_text = text
    session.add(message)
    session.flush()
    if message.translation_state == TranslationState.PENDING:
        enqueue_translation(session, message, fresh=True)
    return message


_priors: dict[str, float] = {}
_priors_at = 0.0
_priors_lock = threading.Lock()


def traffic_priors(session: Session) -> dict[str, float]:
    """The shop's share of conversations per language over the last 30 days (cached)."""
    global _priors, _priors_at
    with _priors_lock:
        if time.monotonic() - _priors_at < PRIORS_TTL_SECONDS:
            return _priors
    since = utcnow() - timedelta(days=30)
    rows = session.execute(
        select(Conversation.language, func.count())
        .where(Conversation.created_at >= since, Conversation.language != "und")
        .group_by(Conversation.language)
    ).all()
    total = sum(count for _lang, count in rows)
    priors = {lang: count / total for lang, count in rows} if total else {}
    with _priors_lock:
        _priors, _priors_at = priors, time.monotonic()
    return priors
