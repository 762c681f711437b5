"""``sla.check`` (one conversation's clock at its next change) and ``sla.deliver_warning``."""

from __future__ import annotations

import asyncio
import json
import logging
import urllib.request
from collections.abc import Sequence
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gateway import events
from gateway.db import Database
from gateway.models import Conversation, SlaWarning, WorkItem, utcnow
from gateway.settings import Settings, get_settings
from gateway.sla.service import CHECK, refresh
from gateway.sla.warnings import WarningKey, WarningKind, warnings_to_send
from gateway.smtp import sender_address, smtp_sender
from gateway.workers import queue as work
from gateway.workers.runner import Job
from mail.compose import OutgoingMail, make_message_id
from translation.languages import display_name

log = logging.getLogger(__name__)

DELIVER = "sla.deliver_warning"
WEBHOOK_TIMEOUT_SECONDS = 10


class CheckSla(Job):
    kind = CHECK
    batch_size = 50

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        for item in items:
            with database.session() as session:
                if not work.complete(session, item.id, owner):
                    continue
                conversation = session.get(Conversation, item.subject_id)
                if conversation is None:
                    continue
                state = refresh(session, conversation, now=utcnow())
                sent = [
                    WarningKey(w.conversation_id, w.clock_started_at, WarningKind(w.kind))
                    for w in session.scalars(
                        select(SlaWarning).where(SlaWarning.conversation_id == conversation.id)
                    )
                ]
                for key in warnings_to_send(conversation.id, state, sent):
                    try:
                        with session.begin_nested():
                            warning = SlaWarning(
                                conversation_id=key.conversation_id,
                                clock_started_at=key.clock_started_at,
                                kind=key.kind,
                            )
                            session.add(warning)
                            session.flush()
                    except IntegrityError:
                        continue  # another sweep warned first: the unique key says so
                    work.enqueue(session, DELIVER, warning.id)
                    events.record(session, events.SlaWarningRaised(conversation.id, key.kind))


def warning_text(
    conversation: Conversation, warning: SlaWarning, settings: Settings
) -> tuple[str, str]:
    language = display_name(conversation.language)
    due = conversation.sla_due_at.isoformat() if conversation.sla_due_at else "-"
    if warning.kind == WarningKind.BREACHED:
        subject = f"【対応期限超過】{language}の問い合わせ #{conversation.id}"
        lead = "応答目標時間を過ぎた問い合わせがあります。"
    else:
        subject = f"【期限間近】{language}の問い合わせ #{conversation.id}"
        lead = "応答目標時間が近づいている問い合わせがあります。"
    body = (
        f"{lead}\n\n件名: {conversation.subject or '（件名なし）'}\n言語: {language}\n"
        f"期限: {due}\n目標: {conversation.queue.target_hours:g} 時間\n"
        f"会話: /inbox/conversations/{conversation.id}\n"
    )
    return subject, body


class DeliverSlaWarning(Job):
    kind = DELIVER
    batch_size = 20

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        settings = get_settings()
        for item in items:
            with database.session() as session:
                warning = session.get(SlaWarning, item.subject_id)
                conversation = (
                    session.get(Conversation, warning.conversation_id) if warning else None
                )
                if warning is None or conversation is None or warning.delivered_at is not None:
                    work.complete(session, item.id, owner)
                    continue
                subject, body = warning_text(conversation, warning, settings)
                payload = {
                    "event": f"sla.{warning.kind}",
                    "conversation_id": conversation.id,
                    "language": conversation.language,
                    "queue": conversation.queue.language,
                    "due_at": conversation.sla_due_at.isoformat()
                    if conversation.sla_due_at
                    else None,
                    "clock_started_at": warning.clock_started_at.isoformat(),
                }
            try:
                if settings.sla_warning_emails:
                    _mail(settings, subject, body)
                if settings.sla_webhook_url:
                    _post(settings.sla_webhook_url, payload)
            except Exception as exc:  # any delivery failure: retry with backoff
                with database.session() as session:
                    work.retry_later(
                        session, item.id, owner, error=str(exc), max_attempts=settings.max_attempts
                    )
                continue
            with database.session() as session:
                if work.complete(session, item.id, owner):
                    delivered = session.get(SlaWarning, item.subject_id)
                    if delivered is not None:
                        delivered.delivered_at = utcnow()


def _mail(settings: Settings, subject: str, body: str) -> None:
    sender = sender_address(settings)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(settings.sla_warning_emails)
    message["Subject"] = subject
    message["Message-ID"] = make_message_id(sender.rsplit("@", 1)[1])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    [result] = asyncio.run(smtp_sender(settings).send([OutgoingMail.from_message(message)]))
    if result.outcome != "sent":
        raise RuntimeError(f"warning mail not sent: {result.code} {result.detail}")


def _post(url: str, payload: dict[str, object]) -> None:
    if not url.startswith(("http://", "https://")):
        raise ValueError("KAKEHASHI_SLA_WEBHOOK_URL must be an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "User-Agent": "Kakehashi SLA"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
        if response.status >= 300:
            raise RuntimeError(f"webhook answered {response.status}")
