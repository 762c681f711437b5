"""``kakehashi demo``: a sample shop in its third week — about 45 conversations over 16 days on
e-mail, chat and the API in eleven languages, with replies, notes, resolved and overdue ones,
e-mail threads with quoted history, attachments, an FAQ translated into several locales (some
reviewed, some machine-made, some out of date) and templates.

Translations come with the sample data (no model needs to be installed to look around). Loading
is idempotent: each sample conversation, FAQ entry, template and agent is added only when it is
missing. ``reset`` first removes everything the demo added (and whatever other tables hang off
its conversations), then loads it afresh, with today's dates.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from faq_i18n.entries import LocaleText, Status
from faq_i18n.hashing import source_hash
from gateway.auth.passwords import hash_password
from gateway.demo_data import AGENTS, FAQ, INQUIRIES, REPLIES, REPLIES_JA, TEMPLATES, DemoInquiry
from gateway.desk.demo import seed_desk_demo
from gateway.faq import repository as faq_repository
from gateway.faq import service as faq_service
from gateway.intake.service import find_or_create_customer
from gateway.models import (
    Agent,
    Attachment,
    Base,
    Channel,
    Conversation,
    ConversationStatus,
    Customer,
    DeliveryState,
    Direction,
    FaqEntry,
    InboundMail,
    Message,
    ReplyTemplate,
    TranslationState,
    WorkItem,
    utcnow,
)
from gateway.outbox.service import mark_sent
from gateway.queues.service import queue_for_language
from gateway.settings import Settings
from gateway.sla import service as sla
from gateway.sla.clock import EventKind
from translation.languages import JAPANESE

DEMO_AGENT_EMAIL = AGENTS[0][0]
SHOP_ADDRESS = "support@kimono-kyoto.example"
# A 1×1 JPEG is enough to show how attachments look and download.
_TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b"
    "0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ff"
    "c0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0b"
    "ffda0008010100003f00d2cf20ffd9"
)


@dataclass(frozen=True)
class DemoResult:
    conversations: int
    faq_entries: int
    agent_email: str
    agent_password: str | None
    removed: int = 0


def load_demo(session: Session, *, settings: Settings, reset: bool = False) -> DemoResult:
    """Add the sample shop (what is missing of it); with ``reset``, remove it first."""
    removed = remove_demo(session) if reset else 0
    agents, password = _agents(session)
    now = utcnow()
    created = 0
    for number, inquiry in enumerate(INQUIRIES):
        if session.scalar(select(Customer).where(Customer.email == inquiry.email)) is not None:
            continue
        _conversation(session, inquiry, agents[number % len(agents)], now=now, settings=settings)
        created += 1
    faq_created = _faq(session)
    _templates(session)
    session.flush()
    seed_desk_demo(session)  # tags, priorities, an escalation, orders, satisfaction answers
    return DemoResult(
        conversations=created,
        faq_entries=faq_created,
        agent_email=DEMO_AGENT_EMAIL,
        agent_password=password,
        removed=removed,
    )


# --- agents, templates, FAQ -------------------------------------------------------------------


def _agents(session: Session) -> tuple[list[Agent], str | None]:
    """The demo's agents; a new password for the admin when it had to be created."""
    password = None
    found = []
    for email, name, role in AGENTS:
        agent = session.scalar(select(Agent).where(Agent.email == email))
        if agent is None:
            secret = secrets.token_urlsafe(12)
            agent = Agent(email=email, name=name, role=role, password_hash=hash_password(secret))
            session.add(agent)
            session.flush()
            if email == DEMO_AGENT_EMAIL:
                password = secret
        found.append(agent)
    return found, password


def _templates(session: Session) -> None:
    names = set(session.scalars(select(ReplyTemplate.name)))
    for position, (name, category, body) in enumerate(TEMPLATES):
        if name not in names:
            session.add(
                ReplyTemplate(name=name, category=category, body_ja=body, position=position)
            )


def _faq(session: Session) -> int:
    created = 0
    for position, item in enumerate(FAQ):
        if faq_repository.entry_by_slug(session, item.slug) is not None:
            continue
        entry = FaqEntry(
            slug=item.slug,
            category=item.category,
            position=position,
            question_ja=item.question_ja,
            answer_ja=item.answer_ja,
            source_hash=source_hash(item.question_ja, item.answer_ja),
            published=True,
        )
        session.add(entry)
        session.flush()
        faq_service.record_revision(
            session, entry, "ja", item.question_ja, item.answer_ja, "source", "demo"
        )
        for locale, (question, answer, state) in item.translations.items():
            # A stale translation translates the Japanese as it was before its last edit.
            translated = (
                source_hash(item.question_ja, item.answer_ja + "（旧）")
                if state == "stale"
                else entry.source_hash
            )
            status = Status.REVIEWED if state == "reviewed" else Status.MACHINE
            model = None if status == Status.REVIEWED else f"argos:ja-{locale}@demo"
            faq_service.save_translation(
                session,
                entry,
                locale,
                LocaleText(question, answer, status, translated, model),
                changed_by="demo",
            )
        created += 1
    return created


# --- conversations ----------------------------------------------------------------------------


def _conversation(
    session: Session, inquiry: DemoInquiry, agent: Agent, *, now: datetime, settings: Settings
) -> Conversation:
    started = now - timedelta(days=inquiry.days_ago)
    customer = find_or_create_customer(session, email=inquiry.email, name=inquiry.name)
    customer.language = inquiry.language
    queue = queue_for_language(session, inquiry.language, target_hours=settings.target_hours)
    conversation = Conversation(
        customer=customer,
        queue=queue,
        channel=Channel(inquiry.channel),
        language=inquiry.language,
        status=ConversationStatus.OPEN,
        subject=inquiry.subject,
        created_at=started,
        last_message_at=started,
        first_response_due_at=sla.due_from(queue, started),
    )
    session.add(conversation)
    session.flush()
    first = _inbound(session, conversation, inquiry, inquiry.text, inquiry.text_ja, at=started)
    if inquiry.channel == "email":
        _store_mail(session, conversation, first, inquiry, quoted=None)
    if inquiry.attachment:
        session.add(
            Attachment(
                message_id=first.id,
                filename=inquiry.attachment,
                declared_type="image/jpeg",
                sniffed_type="image/jpeg",
                size=len(_TINY_JPEG),
                sha256=hashlib.sha256(_TINY_JPEG).hexdigest(),
                content=_TINY_JPEG,
            )
        )
    sla.record(session, conversation, EventKind.BUYER_MESSAGE, at=started)
    if inquiry.note_ja:
        _message(
            session,
            conversation,
            direction=Direction.NOTE,
            text=inquiry.note_ja,
            at=started + timedelta(minutes=40),
            author=agent,
        )
    if inquiry.outcome != "open":
        _reply_and_close(session, conversation, inquiry, agent, started=started, now=now)
    return conversation


def _message(
    session: Session,
    conversation: Conversation,
    *,
    direction: Direction,
    text: str,
    at: datetime,
    author: Agent | None = None,
) -> Message:
    message = Message(
        conversation_id=conversation.id,
        direction=direction,
        author_agent_id=author.id if author else None,
        text=text,
        language=JAPANESE,
        translation_language=JAPANESE,
        translation_state=TranslationState.NOT_NEEDED,
        translation_text=text,
        created_at=at,
    )
    session.add(message)
    session.flush()
    return message


def _inbound(
    session: Session,
    conversation: Conversation,
    inquiry: DemoInquiry,
    text: str,
    text_ja: str,
    *,
    at: datetime,
) -> Message:
    via_english = inquiry.language not in ("en", "zh-Hans", "zh-Hant", "ko")
    model = (
        f"argos:{inquiry.language}-en@demo+argos:en-ja@demo"
        if via_english
        else f"argos:{inquiry.language}-ja@demo"
    )
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.INBOUND,
        text=text,
        language=inquiry.language,
        language_confidence=0.99,
        translation_language=JAPANESE,
        translation_state=TranslationState.DONE,
        translation_text=text_ja,
        translation_model=model,
        translation_score=inquiry.score,
        translated_at=at + timedelta(seconds=4),
        created_at=at,
    )
    session.add(message)
    session.flush()
    return message


def _reply_and_close(
    session: Session,
    conversation: Conversation,
    inquiry: DemoInquiry,
    agent: Agent,
    *,
    started: datetime,
    now: datetime,
) -> None:
    answered = min(started + timedelta(hours=inquiry.reply_hours), now - timedelta(minutes=5))
    order = "".join(ch for ch in inquiry.text if ch.isdigit())[:5] or "48800"
    text_ja = REPLIES_JA[inquiry.scenario].format(order=order)
    # Every sample reply has the buyer's language; English is only a safety net for new data.
    language = inquiry.language if inquiry.scenario in REPLIES.get(inquiry.language, {}) else "en"
    buyer_text = REPLIES[language][inquiry.scenario].format(order=order)
    reply = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        author_agent_id=agent.id,
        text=text_ja,
        language=JAPANESE,
        translation_language=language,
        translation_state=TranslationState.DONE,
        translation_text=buyer_text,
        back_translation=text_ja,
        translation_model=f"argos:ja-{language}@demo",
        translation_score=0.9,
        translated_at=answered - timedelta(minutes=1),
        delivery_state=DeliveryState.QUEUED,
        created_at=answered - timedelta(minutes=3),
    )
    session.add(reply)
    session.flush()
    conversation.assignee_id = agent.id
    mark_sent(session, reply, at=answered)
    conversation.status = ConversationStatus.PENDING
    sla.record(session, conversation, EventKind.WAITING_ON_BUYER, at=answered)
    if inquiry.outcome != "resolved":
        return
    closed = min(answered + timedelta(hours=6), now - timedelta(minutes=1))
    if inquiry.follow_up:
        thanks = _inbound(
            session, conversation, inquiry, inquiry.follow_up, inquiry.follow_up_ja, at=closed
        )
        conversation.last_message_at = closed
        if inquiry.channel == "email":
            _store_mail(session, conversation, thanks, inquiry, quoted=buyer_text)
    conversation.status = ConversationStatus.RESOLVED
    conversation.resolved_at = closed
    sla.record(session, conversation, EventKind.RESOLVED, at=closed)


def _store_mail(
    session: Session,
    conversation: Conversation,
    message: Message,
    inquiry: DemoInquiry,
    *,
    quoted: str | None,
) -> None:
    """The raw e-mail as it arrived: a reply quotes our answer below the buyer's words."""
    mail = EmailMessage()
    mail["From"] = f"{inquiry.name} <{inquiry.email}>"
    mail["To"] = SHOP_ADDRESS
    mail["Subject"] = ("Re: " if quoted else "") + (inquiry.subject or "Inquiry")
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = make_msgid(domain=inquiry.email.rsplit("@", 1)[1])
    body = message.text
    if quoted:
        when = format_datetime(message.created_at - timedelta(hours=6))
        body += f"\n\nOn {when}, Kimono Kyoto <{SHOP_ADDRESS}> wrote:\n"
        body += "\n".join(f"> {line}" for line in quoted.splitlines())
    mail.set_content(body)
    raw = mail.as_bytes()
    row = InboundMail(
        mailbox=SHOP_ADDRESS,
        message_key=str(mail["Message-ID"]),
        envelope_from=inquiry.email,
        envelope_to=[SHOP_ADDRESS],
        raw=raw,
        size=len(raw),
        received_at=message.created_at,
        state="processed",
        outcome="demo",
        conversation_id=conversation.id,
    )
    session.add(row)
    session.flush()
    message.inbound_mail_id = row.id
    message.mail_message_id = str(mail["Message-ID"])


# --- reset ------------------------------------------------------------------------------------


def remove_demo(session: Session) -> int:
    """Remove every conversation of the demo's buyers (with every row of any table that refers
    to them or their messages), the demo's FAQ entries, templates and agents; returns how many
    conversations went."""
    emails = [inquiry.email for inquiry in INQUIRIES]
    customer_ids = list(session.scalars(select(Customer.id).where(Customer.email.in_(emails))))
    conversation_ids = list(
        session.scalars(select(Conversation.id).where(Conversation.customer_id.in_(customer_ids)))
    )
    message_ids = list(
        session.scalars(select(Message.id).where(Message.conversation_id.in_(conversation_ids)))
    )
    session.execute(
        delete(WorkItem).where(
            WorkItem.kind.in_([sla.CHECK]), WorkItem.subject_id.in_(conversation_ids)
        )
    )
    _delete_referring(session, "messages", message_ids)
    session.execute(delete(Message).where(Message.id.in_(message_ids)))
    _delete_referring(session, "conversations", conversation_ids)
    session.execute(delete(Conversation).where(Conversation.id.in_(conversation_ids)))
    _delete_referring(session, "customers", customer_ids)
    session.execute(delete(Customer).where(Customer.id.in_(customer_ids)))
    for item in FAQ:
        entry = faq_repository.entry_by_slug(session, item.slug)
        if entry is not None:
            faq_service.delete_entry(session, entry)
    session.execute(delete(ReplyTemplate).where(ReplyTemplate.name.in_([t[0] for t in TEMPLATES])))
    agent_ids = list(
        session.scalars(select(Agent.id).where(Agent.email.in_([a[0] for a in AGENTS])))
    )
    still_used = set(
        session.scalars(
            select(Message.author_agent_id).where(Message.author_agent_id.in_(agent_ids))
        )
    ) | set(
        session.scalars(
            select(Conversation.assignee_id).where(Conversation.assignee_id.in_(agent_ids))
        )
    )
    removable = [a for a in agent_ids if a not in still_used]
    _delete_referring(session, "agents", removable)
    session.execute(delete(Agent).where(Agent.id.in_(removable)))
    session.flush()
    return len(conversation_ids)


def _delete_referring(session: Session, table_name: str, ids: list[int]) -> None:
    """Delete rows of every table with a foreign key to ``table_name`` among ``ids`` (tables
    other features add, such as tags or satisfaction ratings, included)."""
    if not ids:
        return
    for table in reversed(Base.metadata.sorted_tables):
        for fk in table.foreign_keys:
            if fk.column.table.name == table_name and fk.parent.table is table:
                session.execute(delete(table).where(fk.parent.in_(ids)))
