"""What a buyer does in the chat: start a conversation, write again, leave an e-mail address,
look at FAQ answers while typing. Functions take the request's session and never commit.

A chat conversation is an ordinary conversation (channel ``chat``) opened by the intake
service: its language is detected with the widget's language as a hint, it goes to that
language's queue, and its response clock runs as for e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from faq_i18n.errors import UnknownLocaleError
from faq_i18n.locales import canonical_locale
from gateway.chat import tokens
from gateway.chat.strings import N_, WidgetLocale
from gateway.chatlog import log
from gateway.faq import suggestions as faq
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.mailbox.acknowledge import likely_time_zone
from gateway.mailbox.inbound import continue_conversation
from gateway.models import Channel, Conversation, Message
from gateway.settings import Settings
from gateway.sla.calendar import is_open
from gateway.sla.service import calendar_for
from mail.ack import date_locale, format_due
from mail.ack import translations as buyer_translations
from translation.detect import detect_language
from translation.languages import UnknownLanguageError, normalize_tag

MIN_SUGGESTION_SCORE = 0.2

EXPECT_BY = (
    N_("We usually reply within %(hours)s hour, by %(due)s at the latest."),
    N_("We usually reply within %(hours)s hours, by %(due)s at the latest."),
)
EXPECT_WITHIN = (
    N_("We usually reply within %(hours)s hour."),
    N_("We usually reply within %(hours)s hours."),
)
AWAY = N_("Our team is away right now. We will reply by %(due)s at the latest.")
NOBODY_ONLINE = N_(
    "No one from our team is online right now. We will reply by %(due)s at the latest."
)


class ChatError(Exception):
    """A buyer request that cannot be done as asked; ``code`` tells the widget which words."""

    def __init__(self, status: int, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


@dataclass(frozen=True)
class Started:
    conversation: Conversation
    message: Message
    token: str


@dataclass(frozen=True)
class Expectation:
    text: str
    target_hours: float
    due_at: datetime | None
    team_available: bool


def clean_text(text: str, *, settings: Settings) -> str:
    cleaned = text.replace("\r\n", "\n").strip()
    if not cleaned:
        raise ChatError(422, "empty_text", "The message is empty.")
    if len(cleaned) > settings.chat_max_message_chars:
        raise ChatError(
            413,
            "text_too_long",
            f"The message has {len(cleaned)} characters; the limit is "
            f"{settings.chat_max_message_chars}.",
            limit=settings.chat_max_message_chars,
        )
    return cleaned


def _hint(locale: str | None) -> tuple[str, ...]:
    """The widget's language as a detection hint (the first of a list that we know)."""
    for candidate in (locale or "").split(",")[:10]:
        try:
            return (normalize_tag(candidate.strip()),)
        except UnknownLanguageError:
            continue
    return ()


def start_conversation(
    session: Session,
    *,
    text: str,
    locale: str | None,
    email: str | None,
    name: str,
    settings: Settings,
) -> Started:
    """Open a chat conversation through intake and bind a new token to it.

    The chat's buyer is a customer of their own: an address typed into the widget proves
    nothing, so it is kept on the conversation (see :func:`leave_email`), never matched.
    """
    received = receive_inquiry(
        session,
        Inquiry(
            channel=Channel.CHAT,
            text=clean_text(text, settings=settings),
            customer_email=None,
            customer_name=name.strip(),
            language_hints=_hint(locale),
        ),
        settings=settings,
    )
    if email:
        leave_email(session, received.conversation, email)
    token = tokens.bind(received.conversation)
    log.put_first(session, received.message)
    return Started(received.conversation, received.message, token)


def add_message(
    session: Session, conversation: Conversation, *, text: str, settings: Settings
) -> tuple[Message, int]:
    """The buyer wrote again: the same conversation, reopened and clocked as e-mail is."""
    cleaned = clean_text(text, settings=settings)
    customer_language = conversation.customer.language
    detection = detect_language(
        cleaned,
        hints=(customer_language or conversation.language,),
    )
    message = continue_conversation(session, conversation, cleaned, detection)
    event = log.append(session, message)
    return message, event.seq if event is not None else log.last_seq(session, conversation.id)


def leave_email(session: Session, conversation: Conversation, email: str) -> str:
    """Answers to this conversation also go to ``email`` from now on; returns the address.

    Anyone can type any address into a widget, so it is not matched to a customer we know by
    it: their earlier conversations must not show up beside this chat as if the same buyer's.
    The inbox marks the address as given in the chat.
    """
    address = email.strip().lower()
    conversation.chat_email = address
    return address


def masked(email: str | None) -> str | None:
    """``lin@example.tw`` → ``l**@example.tw``: enough for the buyer to recognise it."""
    if not email:
        return None
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 2)}@{domain}"


def time_zone_or_guess(time_zone: str | None, language: str) -> str:
    if time_zone:
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return time_zone
    return likely_time_zone(language)


def expectation(
    conversation: Conversation,
    *,
    locale: WidgetLocale,
    time_zone: str | None,
    now: datetime,
    agents_online: int,
    buyer_locale: str | None = None,
) -> Expectation:
    """When an answer can be expected, from the queue's target and the conversation's clock,
    in the widget's words and with dates formatted with Babel for the buyer's own locale
    (``buyer_locale``, the browser's language, else the conversation's) and time zone.

    Outside the queue's business hours, or when no agent has the inbox open, the buyer is told
    so, with the latest time the answer will come.
    """
    queue = conversation.queue
    hours = max(1, round(queue.target_hours))
    due = (
        conversation.first_response_due_at
        if conversation.first_responded_at is None
        else conversation.next_response_due_at
    )
    in_hours = is_open(calendar_for(queue), now)
    available = in_hours and agents_online > 0
    translations = buyer_translations(locale.catalog)
    if due is None:
        text = translations.ngettext(*EXPECT_WITHIN, hours) % {"hours": hours}
    else:
        zone = time_zone_or_guess(time_zone, conversation.language)
        own = date_locale(buyer_locale or conversation.language, fallback=locale.catalog)
        formatted = format_due(due, locale=own, time_zone=zone)
        if available:
            text = translations.ngettext(*EXPECT_BY, hours) % {"hours": hours, "due": formatted}
        else:
            away = AWAY if not in_hours else NOBODY_ONLINE
            text = translations.gettext(away) % {"due": formatted}
    return Expectation(text, queue.target_hours, due, available)


@dataclass(frozen=True)
class FaqAnswer:
    slug: str
    question: str
    answer: str


def faq_answers(session: Session, query: str, *, locale: WidgetLocale) -> list[FaqAnswer]:
    """Published FAQ answers for what the buyer is typing, in the widget's language only
    (never the shop's Japanese to a buyer who does not read it)."""
    if not query.strip():
        return []
    try:
        lang = canonical_locale(locale.tag)
    except UnknownLocaleError:
        return []
    found = faq.suggest(session, query, lang=lang, limit=3)
    return [
        FaqAnswer(s.slug, s.question, s.answer)
        for s in found
        if s.locale == lang and s.score >= MIN_SUGGESTION_SCORE
    ]
