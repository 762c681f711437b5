"""Automatic mail held for review: never a conversation, never acknowledged, never lost.

``mail.process_inbound`` asks :func:`classify` about each parsed mail; an out-of-office reply, a
list digest or a loop is kept by :func:`hold` (its raw bytes stay on the inbound mail) and
listed for administrators, who can restore it into a conversation
(:mod:`gateway.mailbox.restore`) when the rule was wrong. :class:`PurgeHeldMail` deletes what
nobody restored within ``KAKEHASHI_HELD_MAIL_RETENTION_DAYS``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gateway.db import Database
from gateway.models import (
    Conversation,
    Direction,
    HeldMail,
    InboundMail,
    Message,
    WorkItem,
    utcnow,
)
from gateway.settings import Settings, get_settings
from gateway.workers.runner import Job
from mail.automatic import Verdict, classify_automatic
from mail.headers import one_line
from mail.parsed import ParsedMail

log = logging.getLogger(__name__)

OUTCOME = "held"
PREVIEW_CHARS = 500
PURGE_EVERY_SECONDS = 3600.0


def our_addresses(settings: Settings) -> list[str]:
    """The addresses we receive at and send from: mail from them is our own coming back."""
    addresses = list(settings.support_addresses)
    if settings.mail_from:
        addresses.append(settings.mail_from)
    return addresses


def our_message_ids(session: Session, parsed: ParsedMail) -> list[str]:
    """The Message-IDs this mail refers to that are mail we sent (acknowledgements, replies)."""
    ids = list(parsed.thread_ids)
    if not ids:
        return []
    return [
        mid
        for mid in session.scalars(
            select(Message.mail_message_id).where(
                Message.mail_message_id.in_(ids), Message.direction == Direction.OUTBOUND
            )
        )
        if mid
    ]


def classify(session: Session, parsed: ParsedMail, *, settings: Settings) -> Verdict | None:
    """Whether this mail is automatic (and why), knowing which of its references are ours."""
    return classify_automatic(
        parsed,
        our_addresses=our_addresses(settings),
        our_message_ids=our_message_ids(session, parsed),
    )


def hold(
    session: Session,
    mail: InboundMail,
    parsed: ParsedMail,
    verdict: Verdict,
    *,
    answers: Conversation | None,
) -> HeldMail:
    """Keep ``mail`` out of the queues: no conversation, no acknowledgement, the clock of the
    conversation it ``answers`` untouched (its timeline shows the mail as an event)."""
    text = parsed.new_text.strip() or parsed.full_text.strip()
    held = HeldMail(
        inbound_mail_id=mail.id,
        reason=verdict.reason,
        detail=verdict.detail[:2000],
        explanation=verdict.explanation[:2000],
        sender=parsed.sender_address[:320],
        sender_name=one_line(parsed.sender_name)[:200],
        subject=one_line(parsed.subject)[:500],
        preview=text[:PREVIEW_CHARS],
        conversation_id=answers.id if answers is not None else None,
    )
    session.add(held)
    mail.outcome = OUTCOME
    log.info("automatic mail %d held: %s", mail.id, verdict.reason)
    return held


# --- reading ----------------------------------------------------------------------------------


def held_mails(session: Session, *, limit: int = 200) -> Sequence[HeldMail]:
    """Mail waiting for review, newest first."""
    return session.scalars(
        select(HeldMail)
        .where(HeldMail.restored_at.is_(None))
        .order_by(HeldMail.held_at.desc(), HeldMail.id.desc())
        .limit(limit)
    ).all()


def held_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(HeldMail).where(HeldMail.restored_at.is_(None))
        )
        or 0
    )


def held_by_reason(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(HeldMail.reason, func.count())
        .where(HeldMail.restored_at.is_(None))
        .group_by(HeldMail.reason)
    ).all()
    return {reason: int(count) for reason, count in rows}


@dataclass(frozen=True)
class TimelineEvent:
    """An automatic mail about a conversation, shown in its timeline (it stops no clock)."""

    held: HeldMail

    @property
    def at(self) -> datetime:
        return self.held.held_at


def conversation_events(session: Session, conversation_id: int) -> list[TimelineEvent]:
    rows = session.scalars(
        select(HeldMail)
        .where(HeldMail.conversation_id == conversation_id, HeldMail.restored_at.is_(None))
        .order_by(HeldMail.held_at, HeldMail.id)
    ).all()
    return [TimelineEvent(row) for row in rows]


# --- retention --------------------------------------------------------------------------------


def purge(session: Session, *, older_than: datetime) -> int:
    """Delete held mail (and its raw bytes) held before ``older_than`` and never restored; a
    restored mail keeps its inbound record (its message points at it), only the hold goes."""
    stale = session.execute(
        select(HeldMail.id, HeldMail.inbound_mail_id, HeldMail.restored_at).where(
            HeldMail.held_at < older_than
        )
    ).all()
    if not stale:
        return 0
    session.execute(delete(HeldMail).where(HeldMail.id.in_([row.id for row in stale])))
    unrestored = [row.inbound_mail_id for row in stale if row.restored_at is None]
    if unrestored:
        session.execute(
            delete(InboundMail)
            .where(InboundMail.id.in_(unrestored), InboundMail.conversation_id.is_(None))
            .execution_options(synchronize_session=False)
        )
    return len(unrestored)


class PurgeHeldMail(Job):
    """Deletes held mail past the retention period from time to time; claims no work."""

    kind = "mail.purge_held"
    claims_work = False

    def __init__(self) -> None:
        self._last_sweep: float | None = None

    def housekeeping(self, database: Database) -> None:
        now = time.monotonic()
        if self._last_sweep is not None and now - self._last_sweep < PURGE_EVERY_SECONDS:
            return
        self._last_sweep = now
        days = get_settings().held_mail_retention_days
        with database.session() as session:
            purged = purge(session, older_than=utcnow() - timedelta(days=days))
        if purged:
            log.info("purged %d held mails older than %s days", purged, days)

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        """Never called: this job claims no work (see ``claims_work``)."""
