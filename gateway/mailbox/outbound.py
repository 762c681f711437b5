"""The outbox: render each outbound message once, send it with aiosmtplib, record the result.

Rendering fixes the Message-ID and the bytes on the message row before the first attempt, so
a retry after a crash sends the identical mail (see mail/outbound.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.db import Database
from gateway.logs import log_context
from gateway.mailbox.inbound import thread_secret
from gateway.models import Conversation, Direction, Message, WorkItem, utcnow
from gateway.ops.metrics import observe_sends
from gateway.outbox.service import SEND_MAIL, mark_failed, mark_sent
from gateway.settings import Settings, get_settings
from gateway.smtp import MailNotConfiguredError, sender_address, smtp_sender
from gateway.workers import queue
from gateway.workers.runner import Job
from mail.compose import OutgoingMail, build_reply, make_message_id, reply_subject, text_to_html
from mail.errors import ComposeError
from mail.outbound import MailSender, SendResult
from mail.threading import conversation_token, subject_tag

log = logging.getLogger(__name__)


def render_mail(
    session: Session,
    message: Message,
    *,
    settings: Settings,
    subject: str | None = None,
) -> OutgoingMail:
    """The mail for ``message`` (buyer-language text), threaded under the buyer's last mail."""
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is None or not conversation.reply_address:
        raise ComposeError("the conversation has no buyer e-mail address to send to")
    inbound_ids = [
        mid
        for mid in session.scalars(
            select(Message.mail_message_id)
            .where(
                Message.conversation_id == conversation.id,
                Message.direction == Direction.INBOUND,
                Message.mail_message_id.is_not(None),
            )
            .order_by(Message.id)
        )
        if mid
    ]
    from_address = sender_address(settings)
    token = conversation_token(conversation.id, thread_secret(settings))
    text = message.translation_text or message.text
    email = build_reply(
        from_address=from_address,
        from_name=settings.shop_name,
        to_address=conversation.reply_address,
        to_name=conversation.customer.name,
        subject=subject or reply_subject(conversation.subject, tag=subject_tag(token)),
        text=text,
        html_body=text_to_html(text),
        message_id=make_message_id(from_address.rsplit("@", 1)[1]),
        in_reply_to=inbound_ids[-1] if inbound_ids else None,
        references=inbound_ids[:-1],
        language=message.translation_language,
        date=utcnow(),
        acknowledgement=message.is_automatic,
    )
    return OutgoingMail.from_message(email)


def store_rendered(message: Message, mail: OutgoingMail) -> None:
    message.mail_message_id = mail.message_id
    message.outgoing_mail = mail.data
    message.outgoing_envelope = {"mail_from": mail.mail_from, "recipients": list(mail.recipients)}


def stored_mail(message: Message) -> OutgoingMail | None:
    if message.outgoing_mail is None or message.outgoing_envelope is None:
        return None
    return OutgoingMail(
        message_id=message.mail_message_id or "",
        mail_from=message.outgoing_envelope["mail_from"],
        recipients=tuple(message.outgoing_envelope["recipients"]),
        data=message.outgoing_mail,
    )


class SendMail(Job):
    kind = SEND_MAIL
    batch_size = 20

    def __init__(self, sender: MailSender | None = None) -> None:
        self._sender = sender

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        settings = get_settings()
        mails: dict[int, OutgoingMail] = {}
        with database.session() as session:
            for item in items:
                message = session.get(Message, item.subject_id)
                if message is None or message.delivery_state == "sent":
                    queue.complete(session, item.id, owner)
                    continue
                try:
                    mail = stored_mail(message)
                    if mail is None:
                        mail = render_mail(session, message, settings=settings)
                        store_rendered(message, mail)
                    mails[item.id] = mail
                except (ComposeError, MailNotConfiguredError) as exc:
                    mark_failed(session, message, error=str(exc))
                    queue.fail(session, item.id, owner, error=str(exc))
        if not mails:
            return
        try:
            sender = self._sender or smtp_sender(settings)
            results = asyncio.run(sender.send(list(mails.values())))
        except MailNotConfiguredError as exc:
            results = [SendResult(m.message_id, "retry", None, str(exc)) for m in mails.values()]
        observe_sends(results)
        by_id = {result.message_id: result for result in results}
        with database.session() as session:
            for item in items:
                if item.id not in mails:
                    continue
                result = by_id.get(mails[item.id].message_id)
                message = session.get(Message, item.subject_id)
                if result is None or message is None:
                    continue
                with log_context(conversation_id=message.conversation_id):
                    log.info("reply mail %s: %s %s", message.id, result.outcome, result.detail)
                if result.outcome == "sent":
                    if queue.complete(session, item.id, owner):
                        mark_sent(session, message, at=utcnow())
                elif result.outcome == "retry":
                    message.delivery_error = result.detail  # the inbox says "waiting to resend"
                    queue.retry_later(
                        session,
                        item.id,
                        owner,
                        error=result.detail,
                        max_attempts=settings.max_attempts,
                    )
                    if item.attempts >= settings.max_attempts:
                        mark_failed(session, message, error=result.detail)
                else:
                    if queue.fail(session, item.id, owner, error=result.detail):
                        mark_failed(
                            session, message, error=f"{result.code or ''} {result.detail}".strip()
                        )
