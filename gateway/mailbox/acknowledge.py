"""Automatic acknowledgements: the buyer learns, in their language, when we will answer."""

from __future__ import annotations

import logging
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from sqlalchemy.orm import Session

from gateway.models import (
    Acknowledgement,
    Conversation,
    Direction,
    Message,
    TranslationState,
)
from gateway.outbox.service import queue_delivery
from gateway.settings import Settings
from mail.ack import render_acknowledgement
from mail.errors import ComposeError
from mail.loops import should_auto_acknowledge, within_ack_rate
from mail.parsed import ParsedMail
from translation.languages import display_name

log = logging.getLogger(__name__)


@cache
def likely_time_zone(language: str) -> str:
    """The time zone most buyers writing ``language`` live in (ko → Asia/Seoul), else UTC.

    The due time is printed with its GMT offset, so a buyer elsewhere still reads it right.
    """
    try:
        territory = Locale.parse(language.replace("-", "_"), resolve_likely_subtags=True).territory
    except (UnknownLocaleError, ValueError):
        return "UTC"
    zones = get_global("territory_zones").get(territory or "", ())
    return zones[0] if zones else "UTC"


def maybe_acknowledge(
    session: Session, conversation: Conversation, parsed: ParsedMail, *, settings: Settings
) -> Message | None:
    """Queue an acknowledgement for a new e-mail conversation unless RFC 3834 or the
    per-sender cap says no, or the queue has acknowledgements switched off."""
    from gateway.mailbox.inbound import acks_in_last_hour
    from gateway.mailbox.outbound import render_mail, store_rendered
    from gateway.smtp import MailNotConfiguredError

    if not conversation.queue.acknowledge or conversation.first_response_due_at is None:
        return None
    decision = should_auto_acknowledge(parsed, our_addresses=settings.support_addresses)
    sender = parsed.sender_address.lower()
    if not decision.acknowledge:
        log.info("no acknowledgement: %s", ", ".join(decision.reasons))
        return None
    if not within_ack_rate(acks_in_last_hour(session, sender), per_hour=settings.acks_per_hour):
        log.info("no acknowledgement: hourly cap reached for this sender")
        return None
    ack = render_acknowledgement(
        language=conversation.language,
        shop_name=settings.shop_name,
        subject=parsed.clean_subject,
        target_hours=round(conversation.queue.target_hours),
        due_at=conversation.first_response_due_at,
        time_zone=likely_time_zone(conversation.language),
        customer_name=parsed.sender_name,
    )
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        is_automatic=True,
        text=f"自動受付メールを送信しました（{display_name(ack.locale.replace('_', '-'))}）",
        language="ja",
        translation_language=conversation.language,
        translation_state=TranslationState.NOT_NEEDED,
        translation_text=ack.text,
    )
    session.add(message)
    session.flush()
    try:
        mail = render_mail(session, message, settings=settings, subject=ack.subject)
    except (ComposeError, MailNotConfiguredError) as exc:
        log.warning("no acknowledgement: %s", exc)
        session.delete(message)
        return None
    store_rendered(message, mail)
    session.add(Acknowledgement(sender=sender, conversation_id=conversation.id, note=ack.subject))
    queue_delivery(session, message)
    return message
