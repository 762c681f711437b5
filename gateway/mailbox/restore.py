"""Restoring a held mail when the rule was wrong: it becomes a message an agent can answer."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from gateway.i18n import _
from gateway.mailbox.inbound import find_conversation, store_buyer_mail
from gateway.models import Agent, Conversation, HeldMail, InboundMail, utcnow
from gateway.settings import Settings
from mail.parse import parse_mail

log = logging.getLogger(__name__)


class HeldMailError(Exception):
    """A held mail that cannot be restored as asked; the message says why."""


def restore(
    session: Session, held: HeldMail, *, agent: Agent | None, settings: Settings
) -> Conversation:
    """Turn ``held`` into a buyer message: added to the conversation it answers (which opens
    again and whose clock starts, as for any buyer mail), else a new conversation. No
    acknowledgement goes out: the sender may be a machine after all, and an agent answers."""
    if held.restored_at is not None and held.restored_conversation_id is not None:
        conversation = session.get(Conversation, held.restored_conversation_id)
        if conversation is not None:
            return conversation  # restored already (a second click): nothing more to do
    mail = session.get(InboundMail, held.inbound_mail_id)
    if mail is None:
        raise HeldMailError(_("This held mail was deleted at the end of its retention period."))
    parsed = parse_mail(mail.raw, attachment_limit=settings.attachment_max_bytes)
    conversation = (
        session.get(Conversation, held.conversation_id) if held.conversation_id else None
    ) or find_conversation(session, parsed, settings=settings)
    conversation, _message = store_buyer_mail(
        session, mail, parsed, conversation=conversation, settings=settings
    )
    mail.outcome = "restored"
    held.restored_at = utcnow()
    held.restored_by_id = agent.id if agent is not None else None
    held.restored_conversation_id = conversation.id
    log.info("held mail %d restored into conversation %d", held.id, conversation.id)
    return conversation
