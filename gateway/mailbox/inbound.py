"""Storing inbound mail (before the SMTP 250) and turning it into conversations afterwards."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gateway import events
from gateway.auth.secret import secret_key
from gateway.db import Database
from gateway.intake.service import (
    Inquiry,
    add_inbound_message,
    find_or_create_customer,
    receive_inquiry,
)
from gateway.mailbox import acknowledge, held
from gateway.models import (
    Acknowledgement,
    Attachment,
    Channel,
    Conversation,
    ConversationStatus,
    Customer,
    Direction,
    InboundMail,
    Message,
    WorkItem,
    bounded,
    storable,
    utcnow,
)
from gateway.outbox.service import mark_failed
from gateway.settings import Settings, get_settings
from gateway.sla import service as sla
from gateway.sla.clock import EventKind
from gateway.workers import queue
from gateway.workers.runner import Job
from mail.headers import one_line, other_address_in_name
from mail.parse import normalise_message_id, parse_mail, stable_message_id
from mail.parsed import ParsedMail
from mail.threading import Candidate, Via, conversation_token, decide_thread, find_tokens
from translation.detect import Detection, detect_language

log = logging.getLogger(__name__)

PROCESS = "mail.process_inbound"
TOKEN_SCAN_LIMIT = 200  # a sender's most recent conversations searched for a subject token


def message_key(raw: bytes) -> str:
    """One inbound message per Message-ID per mailbox; a stable hash when it has none."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw[:65536])
    return normalise_message_id(headers.get("Message-ID")) or stable_message_id(raw)


def store_inbound(database: Database, raw: bytes, mail_from: str, rcpt_tos: Sequence[str]) -> None:
    """Keep the mail exactly as received and queue its processing; a duplicate is accepted
    and dropped. Raises when the database cannot store it (the listener answers 451)."""
    mailbox = (rcpt_tos[0] if rcpt_tos else "imap").lower()
    key = message_key(raw)
    try:
        with database.session() as session:
            mail = InboundMail(
                mailbox=mailbox,
                message_key=key,
                envelope_from=mail_from,
                envelope_to=list(rcpt_tos),
                raw=raw,
                size=len(raw),
            )
            session.add(mail)
            session.flush()
            queue.enqueue(session, PROCESS, mail.id)
    except IntegrityError:
        # Only the same mail stored before counts as a duplicate; any other constraint failing
        # means it was not stored, and the sender must try again (451, or left unseen on IMAP).
        with database.session(read_only=True) as session:
            stored = session.scalar(
                select(InboundMail.id).where(
                    InboundMail.mailbox == mailbox, InboundMail.message_key == key
                )
            )
        if stored is None:
            raise
        log.info("duplicate mail for %s ignored", mailbox)


def thread_secret(settings: Settings) -> bytes:
    return f"thread-token:{secret_key(settings)}".encode()


def _participants(session: Session, conversation_ids: Sequence[int]) -> dict[int, frozenset[str]]:
    rows = session.execute(
        select(Conversation.id, Customer.email)
        .join(Customer, Conversation.customer_id == Customer.id)
        .where(Conversation.id.in_(conversation_ids))
    )
    return {cid: frozenset({email.lower()} if email else set()) for cid, email in rows}


def find_conversation(
    session: Session, parsed: ParsedMail, *, settings: Settings
) -> Conversation | None:
    """The conversation this mail continues, if its sender takes part in it."""
    candidates: list[Candidate] = []
    ids = list(parsed.thread_ids)
    if ids:
        rows = session.execute(
            select(Message.mail_message_id, Message.conversation_id).where(
                Message.mail_message_id.in_(ids)
            )
        ).all()
        by_id: dict[str | None, int] = dict(rows)
        people = _participants(session, list(by_id.values()))
        for mid in ids:
            if mid in by_id:
                via: Via = "in-reply-to" if mid in parsed.in_reply_to else "references"
                cid = by_id[mid]
                candidates.append(Candidate(str(cid), via, people.get(cid, frozenset())))
    tokens = find_tokens(parsed.subject)
    sender = parsed.sender_address.lower()
    if tokens and other_address_in_name(parsed.sender_name, sender):
        # The display name pretends to be another address: a thread token in such a mail
        # never joins an existing conversation (it opens a new one, flagged in the inbox).
        log.warning("thread token ignored: the sender's name holds another address")
        tokens = ()
    if tokens and sender:
        # Only the sender's own conversations can match: a guessed token reveals nothing.
        own = session.scalars(
            select(Conversation.id)
            .join(Customer, Conversation.customer_id == Customer.id)
            .where(Customer.email == sender)
            .order_by(Conversation.id.desc())
            .limit(TOKEN_SCAN_LIMIT)
        ).all()
        secret = thread_secret(settings)
        for cid in own:
            if conversation_token(cid, secret) in tokens:
                candidates.append(Candidate(str(cid), "token", frozenset({sender})))
    decision = decide_thread(candidates, sender=sender)
    if decision.ignored:
        log.warning("thread clues from a non-participant ignored (%d)", len(decision.ignored))
    if decision.conversation_id is None:
        return None
    return session.get(Conversation, int(decision.conversation_id))


def _store_attachments(session: Session, message: Message, parsed: ParsedMail) -> None:
    for attachment in parsed.attachments:
        session.add(
            Attachment(
                message_id=message.id,
                filename=attachment.filename,
                declared_type=attachment.declared_type,
                sniffed_type=attachment.sniffed_type,
                size=attachment.size,
                sha256=attachment.sha256,
                content=attachment.content,
                over_limit=attachment.over_limit,
            )
        )


def _handle_bounce(session: Session, mail: InboundMail, parsed: ParsedMail) -> None:
    assert parsed.bounce is not None  # noqa: S101 - guarded by the caller
    reported = list(parsed.bounce.reported_message_ids)
    outbound = (
        session.scalars(
            select(Message).where(
                Message.mail_message_id.in_(reported), Message.direction == Direction.OUTBOUND
            )
        ).all()
        if reported
        else []
    )
    for message in outbound:
        if parsed.bounce.is_failure:
            detail = parsed.bounce.diagnostic or parsed.bounce.status or "bounced"
            mark_failed(session, message, error=f"配信できませんでした（不達通知）: {detail}")
        mail.conversation_id = message.conversation_id
    mail.outcome = "bounce" if outbound else "bounce-unmatched"


def process_mail(session: Session, mail: InboundMail, *, settings: Settings) -> None:
    parsed = parse_mail(mail.raw, attachment_limit=settings.attachment_max_bytes)
    mail.problems = list(parsed.parse_problems)
    if parsed.is_bounce:
        _handle_bounce(session, mail, parsed)
        return
    # Automatic mail (out-of-office, lists, loops) is held for review: no conversation, no
    # acknowledgement, no clock (gateway/mailbox/held.py).
    verdict = held.classify(session, parsed, settings=settings)
    if verdict is not None:
        answers = find_conversation(session, parsed, settings=settings)
        held.hold(session, mail, parsed, verdict, answers=answers)
        return
    conversation = find_conversation(session, parsed, settings=settings)
    new_conversation = conversation is None
    conversation, _message = store_buyer_mail(
        session, mail, parsed, conversation=conversation, settings=settings
    )
    mail.outcome = "new-conversation" if new_conversation else "reply"
    if new_conversation:
        acknowledge.maybe_acknowledge(session, conversation, parsed, settings=settings)


def store_buyer_mail(
    session: Session,
    mail: InboundMail,
    parsed: ParsedMail,
    *,
    conversation: Conversation | None,
    settings: Settings,
) -> tuple[Conversation, Message]:
    """The buyer's words in ``parsed`` as a message of ``conversation`` (the one the mail
    answers), or of a new conversation when it is None; attachments kept, the stored mail
    linked. Used for new mail and for held mail an agent restores."""
    text = parsed.new_text.strip() or parsed.full_text.strip() or parsed.subject.strip()
    if not text:
        text = "（本文なし）"
    hints = (parsed.content_language,) if parsed.content_language else ()
    if conversation is None:
        received = receive_inquiry(
            session,
            Inquiry(
                channel=Channel.EMAIL,
                text=text,
                customer_email=parsed.sender_address or None,
                customer_name=parsed.sender_name,
                subject=parsed.clean_subject,
                language_hints=hints,
            ),
            settings=settings,
        )
        conversation, message = received.conversation, received.message
    else:
        customer = find_or_create_customer(
            session, email=parsed.sender_address or None, name=parsed.sender_name
        )
        detection = detect_language(
            text,
            hints=hints
            or ((customer.language,) if customer.language else (conversation.language,)),
        )
        message = continue_conversation(session, conversation, text, detection)
    message.mail_message_id = parsed.message_id
    message.inbound_mail_id = mail.id
    mail.conversation_id = conversation.id
    _store_attachments(session, message, parsed)
    return conversation, message


def continue_conversation(
    session: Session, conversation: Conversation, text: str, detection: Detection
) -> Message:
    """A buyer wrote again: add the message, reopen, and start the next-response clock."""
    now = utcnow()
    conversation.last_message_at = now
    previous = conversation.status
    if previous != ConversationStatus.OPEN:
        conversation.status = ConversationStatus.OPEN
        conversation.resolved_at = None
    message = add_inbound_message(session, conversation, text, detection)
    state = sla.record(session, conversation, EventKind.BUYER_MESSAGE, at=now)
    events.record(session, events.MessageReceived(conversation.id, message.id))
    if previous != ConversationStatus.OPEN:
        events.record(
            session,
            events.ConversationStatusChanged(conversation.id, previous, ConversationStatus.OPEN),
        )
    if conversation.first_responded_at is not None:
        conversation.next_response_due_at = state.due_at
    return message


class ProcessInboundMail(Job):
    kind = PROCESS
    batch_size = 10

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        settings = get_settings()
        for item in items:
            with database.session() as session:
                mail = session.get(InboundMail, item.subject_id)
                if mail is None or mail.state == "processed":
                    queue.complete(session, item.id, owner)
                    continue
                try:
                    with session.begin_nested():
                        process_mail(session, mail, settings=settings)
                        mail.state = "processed"
                except Exception as exc:  # a mail that breaks processing still reaches people
                    log.exception("inbound mail %d could not be processed", mail.id)
                    mail.state = "failed"
                    problem = bounded(storable(f"{type(exc).__name__}: {exc}"), 2000)
                    mail.problems = [*mail.problems, problem]
                    _fallback_conversation(session, mail, settings=settings)
                queue.complete(session, item.id, owner)


def _fallback_conversation(session: Session, mail: InboundMail, *, settings: Settings) -> None:
    """Open a conversation with the raw source attached, so no mail is ever lost.

    Nothing here can fail on the mail's content: the text is cleaned (no NUL, no lone
    surrogate) and bounded, the name bounded, the subject fixed, no address is taken from it,
    and the raw bytes go whole into an attachment.
    """
    text = storable(mail.raw[:20000].decode("utf-8", errors="replace")).strip() or "（本文なし）"
    received = receive_inquiry(
        session,
        Inquiry(
            channel=Channel.EMAIL,
            text=text,
            customer_email=None,
            customer_name=bounded(storable(one_line(mail.envelope_from)), 200),
            subject="（解析できなかったメール）",
        ),
        settings=settings,
    )
    session.add(
        Attachment(
            message_id=received.message.id,
            filename="original.eml",
            declared_type="message/rfc822",
            sniffed_type="message/rfc822",
            size=mail.size,
            sha256="",
            content=mail.raw,
        )
    )
    mail.conversation_id = received.conversation.id


def acks_in_last_hour(session: Session, sender: str) -> int:
    since = utcnow() - timedelta(hours=1)
    return int(
        session.scalar(
            select(func.count())
            .select_from(Acknowledgement)
            .where(Acknowledgement.sender == sender, Acknowledgement.sent_at >= since)
        )
        or 0
    )
