"""Delivery of outbound messages to the buyer, by the conversation's channel.

E-mail goes through the durable outbox (``mail.send_message`` work items, sent by a worker with
aiosmtplib). Chat replies enter the conversation's chat log (gateway/chatlog), which the
buyer's widget streams (gateway/chat); a buyer who left an e-mail address gets them by mail as
well. API and form conversations are delivered by being stored: the shop's systems read them.
A message counts as the first human response when it is delivered.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gateway import events
from gateway.chatlog.log import append
from gateway.models import Channel, Conversation, DeliveryState, Message, TranslationState, utcnow
from gateway.sla import service as sla
from gateway.sla.clock import EventKind
from gateway.workers import queue

SEND_MAIL = "mail.send_message"


def queue_delivery(session: Session, message: Message) -> None:
    """The agent confirmed: deliver as soon as the buyer-language text is ready."""
    message.delivery_state = DeliveryState.QUEUED
    if message.translation_state in (TranslationState.DONE, TranslationState.NOT_NEEDED):
        start_delivery(session, message)


def start_delivery(session: Session, message: Message) -> None:
    """Hand a queued message whose translation is ready to its channel."""
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is None:
        return
    if conversation.channel == Channel.EMAIL:
        queue.enqueue(session, SEND_MAIL, message.id)
    elif conversation.channel == Channel.CHAT:
        deliver_to_chat(session, conversation, message)
    else:
        mark_sent(session, message, at=utcnow())


def deliver_to_chat(session: Session, conversation: Conversation, message: Message) -> None:
    """The reply reaches the widget (on whichever web process the buyer is connected to): that
    is delivery, and the response clock stops now. With an e-mail address left in the chat, a
    human reply also goes by mail; the message shows as sent once the mail is."""
    append(session, message)
    now = utcnow()
    if conversation.reply_address and not message.is_automatic:
        _record_delivery(session, conversation, message, at=now)
        queue.enqueue(session, SEND_MAIL, message.id)
    else:
        mark_sent(session, message, at=now)


def mark_sent(session: Session, message: Message, *, at: datetime) -> None:
    # A chat reply reached the widget before its mail copy went: its clock stopped then.
    delivered_before = message.sent_at is not None
    message.delivery_state = DeliveryState.SENT
    message.delivery_error = None
    if delivered_before:
        return
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is None:
        message.sent_at = at
        return
    _record_delivery(session, conversation, message, at=at)


def _record_delivery(
    session: Session, conversation: Conversation, message: Message, *, at: datetime
) -> None:
    message.sent_at = at
    if message.is_automatic:
        sla.record(session, conversation, EventKind.AUTOMATIC_REPLY, at=at)
        return
    events.record(session, events.ReplySent(conversation.id, message.id))
    if conversation.first_responded_at is None:
        conversation.first_responded_at = at
    conversation.next_response_due_at = None
    conversation.last_message_at = at
    sla.record(session, conversation, EventKind.HUMAN_REPLY, at=at)


def mark_failed(session: Session, message: Message, *, error: str) -> None:
    """The message could not be sent. A chat reply already reached the widget: only its e-mail
    copy failed, so it stays sent, with the error kept for the agent to see."""
    message.delivery_error = error
    conversation = session.get(Conversation, message.conversation_id)
    in_chat = conversation is not None and conversation.channel == Channel.CHAT
    if in_chat and message.sent_at is not None:
        message.delivery_state = DeliveryState.SENT
    else:
        message.delivery_state = DeliveryState.FAILED
