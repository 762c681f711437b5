"""What an agent does in the inbox: write a reply in Japanese, check its translation, send it;
leave internal notes; change status and assignee; use templates (定型文).

Functions take the request's session first and never commit (the request does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway import events
from gateway.csat.service import send_survey
from gateway.i18n import _
from gateway.inbox.reply_language import reply_language
from gateway.models import (
    Agent,
    Conversation,
    ConversationStatus,
    DeliveryState,
    Direction,
    Message,
    ReplyTemplate,
    TranslationState,
    utcnow,
)
from gateway.outbox.service import queue_delivery
from gateway.settings import get_settings
from gateway.sla import service as sla
from gateway.sla.clock import EventKind
from gateway.translations.tasks import enqueue_translation
from translation.engine import DEFAULT_LOW_CONFIDENCE
from translation.languages import JAPANESE

MAX_REPLY_CHARS = 20_000
PLACEHOLDER = re.compile(r"\{([^{}\s]{1,30})\}")
DUE_SOON_SHARE = 0.2  # the last fifth of the target, as the queue figures count it
LOW_CONFIDENCE = DEFAULT_LOW_CONFIDENCE


class InboxError(Exception):
    """Something an agent asked for that cannot be done as asked; the message says why."""


class EmptyReplyError(InboxError):
    def __init__(self) -> None:
        super().__init__(_("The reply is empty: write the reply in Japanese first."))


class ReplyTooLongError(InboxError):
    def __init__(self) -> None:
        super().__init__(
            _("The reply is longer than %(limit)d characters: shorten it.")
            % {"limit": MAX_REPLY_CHARS}
        )


class UnfilledPlaceholdersError(InboxError):
    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(
            _("Fill in the template's placeholders before checking the translation: %(names)s")
            % {"names": "、".join(f"{{{n}}}" for n in names)}
        )
        self.names = tuple(names)


class NotADraftError(InboxError):
    def __init__(self) -> None:
        super().__init__(_("This reply was already sent or is not a reply: write a new one."))


class TranslationNotReadyError(InboxError):
    def __init__(self) -> None:
        super().__init__(
            _("The translation is not ready yet: wait for the preview, check it, then send.")
        )


# --- replies and notes ------------------------------------------------------------------------


def choose_reply_language(conversation: Conversation, language: str | None) -> None:
    """An agent chose the language replies go out in; ``None`` follows the buyer again."""
    conversation.reply_language = language


def _clean_reply(text_ja: str) -> str:
    text = text_ja.replace("\r\n", "\n").strip()
    if not text:
        raise EmptyReplyError
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyTooLongError
    return text


def unfilled_placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def _translate(session: Session, message: Message) -> None:
    message.translation_text = None
    message.back_translation = None
    message.translation_model = None
    message.translation_score = None
    message.translation_missing_spans = 0
    message.translation_error = None
    message.translated_at = None
    if message.translation_language == JAPANESE:
        message.translation_state = TranslationState.NOT_NEEDED
        message.translation_text = message.text
        message.back_translation = message.text
        return
    enqueue_translation(session, message)


def write_reply(
    session: Session,
    conversation: Conversation,
    *,
    text_ja: str,
    author: Agent | None,
    language: str | None = None,
) -> Message:
    """A reply draft: the Japanese text, its translation queued into ``language`` (by default
    the conversation's reply language: see :mod:`gateway.inbox.reply_language`)."""
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        author_agent_id=author.id if author else None,
        text=_clean_reply(text_ja),
        language=JAPANESE,
        translation_language=language or reply_language(session, conversation),
        delivery_state=DeliveryState.DRAFT,
        created_at=utcnow(),
    )
    session.add(message)
    session.flush()
    _translate(session, message)
    return message


def write_direct_reply(
    session: Session, conversation: Conversation, *, text: str, language: str, author: Agent | None
) -> Message:
    """A reply draft the agent wrote in the buyer's language itself: sent as written, with no
    machine translation (for languages no installed model reaches)."""
    cleaned = _clean_reply(text)
    message = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        author_agent_id=author.id if author else None,
        text=cleaned,
        language=language,
        translation_language=language,
        translation_state=TranslationState.NOT_NEEDED,
        translation_text=cleaned,
        delivery_state=DeliveryState.DRAFT,
        created_at=utcnow(),
    )
    session.add(message)
    session.flush()
    return message


def revise_reply(
    session: Session, message: Message, *, text_ja: str, language: str | None = None
) -> Message:
    """The agent changed the Japanese after reading the back-translation (or the reply
    language changed): translate again."""
    if message.direction != Direction.OUTBOUND or message.delivery_state != DeliveryState.DRAFT:
        raise NotADraftError
    text = _clean_reply(text_ja)
    target = language or message.translation_language
    unchanged = (
        text == message.text
        and target == message.translation_language
        and message.language == JAPANESE
        and message.translation_state != TranslationState.FAILED
    )
    if not unchanged:
        message.text = text
        message.language = JAPANESE
        message.translation_language = target
        _translate(session, message)
    return message


def revise_direct_reply(message: Message, *, text: str, language: str) -> Message:
    """The agent rewrote a draft directly in the buyer's language."""
    if message.direction != Direction.OUTBOUND or message.delivery_state != DeliveryState.DRAFT:
        raise NotADraftError
    cleaned = _clean_reply(text)
    message.text = cleaned
    message.language = language
    message.translation_language = language
    message.translation_state = TranslationState.NOT_NEEDED
    message.translation_text = cleaned
    message.back_translation = None
    message.translation_model = None
    message.translation_score = None
    message.translation_error = None
    return message


def send_reply(
    session: Session,
    message: Message,
    *,
    sender: Agent | None,
    require_translation: bool = True,
) -> None:
    """Queue a draft for delivery; it goes out once its translation is ready.

    The agent pages require a translation the agent has seen (``require_translation``); the
    API may queue at once and let the translation finish first.
    """
    if message.direction != Direction.OUTBOUND or message.delivery_state != DeliveryState.DRAFT:
        raise NotADraftError
    ready = message.translation_state in (TranslationState.DONE, TranslationState.NOT_NEEDED)
    if require_translation and not ready:
        raise TranslationNotReadyError
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is not None:
        if conversation.status == ConversationStatus.OPEN:
            set_status(session, conversation, ConversationStatus.PENDING)
        if conversation.assignee_id is None and sender is not None:
            conversation.assignee_id = sender.id
    queue_delivery(session, message)


def discard_reply(session: Session, message: Message) -> None:
    if message.direction != Direction.OUTBOUND or message.delivery_state != DeliveryState.DRAFT:
        raise NotADraftError
    session.delete(message)


def add_note(
    session: Session, conversation: Conversation, *, text_ja: str, author: Agent
) -> Message:
    """An internal note: Japanese, for colleagues, never translated nor sent."""
    note = Message(
        conversation_id=conversation.id,
        direction=Direction.NOTE,
        author_agent_id=author.id,
        text=_clean_reply(text_ja),
        language=JAPANESE,
        translation_language=JAPANESE,
        translation_state=TranslationState.NOT_NEEDED,
        created_at=utcnow(),
    )
    session.add(note)
    session.flush()
    return note


def current_draft(session: Session, conversation_id: int, author: Agent) -> Message | None:
    """``author``'s unsent reply in the conversation (each agent has their own draft)."""
    return session.scalars(
        select(Message)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.OUTBOUND,
            Message.delivery_state == DeliveryState.DRAFT,
            Message.author_agent_id == author.id,
        )
        .order_by(Message.id.desc())
        .limit(1)
    ).first()


# --- status and assignee ----------------------------------------------------------------------


def set_status(session: Session, conversation: Conversation, status: ConversationStatus) -> None:
    """Change the status; the response clock pauses while waiting on the buyer, stops when
    resolved, and resumes when the conversation is opened again."""
    previous = conversation.status
    conversation.status = status
    conversation.resolved_at = utcnow() if status == ConversationStatus.RESOLVED else None
    if status == previous:
        return
    event = {
        ConversationStatus.PENDING: EventKind.WAITING_ON_BUYER,
        ConversationStatus.RESOLVED: EventKind.RESOLVED,
        ConversationStatus.OPEN: EventKind.REOPENED,
    }[status]
    sla.record(session, conversation, event)
    events.record(session, events.ConversationStatusChanged(conversation.id, previous, status))
    if status == ConversationStatus.RESOLVED:
        send_survey(session, conversation, settings=get_settings())  # gateway/csat: asks once


def assign(session: Session, conversation: Conversation, agent: Agent | None) -> None:
    conversation.assignee_id = agent.id if agent else None


# --- templates (定型文) -----------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateExample:
    category: str
    name: str
    body_ja: str


#: The defaults a shop starts with: the cushion words (クッション言葉) and closing lines of
#: careful Japanese support writing. Admins edit or delete them like any other template.
DEFAULT_TEMPLATES: tuple[TemplateExample, ...] = (
    TemplateExample(
        "あいさつ",
        "書き出し",
        "{お客様名}様\n\nお問い合わせいただき、誠にありがとうございます。\n"
        "カスタマーサポート担当の{担当者名}でございます。",
    ),
    TemplateExample(
        "お詫び",
        "ご不便へのお詫び",
        "このたびはご不便をおかけしてしまい、大変申し訳ございません。",
    ),
    TemplateExample(
        "確認",
        "注文番号のお伺い",
        "恐れ入りますが、ご注文番号をお知らせいただけますでしょうか。",
    ),
    TemplateExample(
        "配送",
        "発送のお知らせ",
        "ご注文（注文番号：{注文番号}）の商品は、{発送日}に発送いたしました。\n"
        "お荷物の追跡番号は {追跡番号} でございます。",
    ),
    TemplateExample(
        "返品・交換",
        "返品のお願い",
        "お手数をおかけいたしますが、商品を未使用の状態でご返送いただけますでしょうか。\n"
        "到着を確認いたしましたら、速やかに返金の手続きをいたします。",
    ),
    TemplateExample(
        "結び",
        "結びのあいさつ",
        "ほかにご不明な点がございましたら、どうぞお気軽にお問い合わせください。\n"
        "今後ともどうぞよろしくお願いいたします。",
    ),
)


def add_default_templates(session: Session) -> None:
    """Store the default examples as the shop's own templates (an admin's choice)."""
    start = session.scalar(select(func.count()).select_from(ReplyTemplate)) or 0
    for position, example in enumerate(DEFAULT_TEMPLATES, start=start):
        session.add(
            ReplyTemplate(
                name=example.name,
                category=example.category,
                body_ja=example.body_ja,
                position=position,
            )
        )
    session.flush()


def templates_for_picker(
    templates: Sequence[ReplyTemplate],
) -> Sequence[ReplyTemplate | TemplateExample]:
    """The shop's templates; the default examples while it has none of its own."""
    return templates if templates else DEFAULT_TEMPLATES


def save_template(
    session: Session,
    template: ReplyTemplate | None,
    *,
    name: str,
    category: str,
    body_ja: str,
) -> ReplyTemplate:
    name, category, body = name.strip(), category.strip(), body_ja.replace("\r\n", "\n").strip()
    if not name or not body:
        raise InboxError(_("A template needs a name and a text."))
    if template is None:
        template = ReplyTemplate(name=name, category=category, body_ja=body)
        session.add(template)
    else:
        template.name, template.category, template.body_ja = name, category, body
    session.flush()
    return template


# --- the response-time target -------------------------------------------------------------------


@dataclass(frozen=True)
class TimeLeft:
    """How long until the next response is due; ``level`` drives the colour."""

    due_at: datetime | None
    remaining: timedelta | None
    level: str  # ok | caution | soon | overdue | done

    @property
    def overdue(self) -> bool:
        return self.level == "overdue"


def time_left(conversation: Conversation, *, now: datetime, target_hours: float) -> TimeLeft:
    if conversation.status == ConversationStatus.RESOLVED:
        return TimeLeft(None, None, "done")
    due = (
        conversation.first_response_due_at
        if conversation.first_responded_at is None
        else conversation.next_response_due_at
    )
    if due is None:
        return TimeLeft(None, None, "done")
    remaining = due - now
    target = timedelta(hours=target_hours)
    if remaining <= timedelta(0):
        level = "overdue"
    elif remaining <= target * DUE_SOON_SHARE:
        level = "soon"
    elif remaining <= target * 0.5:
        level = "caution"
    else:
        level = "ok"
    return TimeLeft(due, remaining, level)
