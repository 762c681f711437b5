"""What the inbox pages show, gathered in a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from gateway.conversations import repository as conversations
from gateway.faq.suggestions import Suggestion, suggest_for_message
from gateway.i18n import _, ngettext
from gateway.inbox import repository as inbox
from gateway.inbox import service
from gateway.inbox.reply_language import ReplyLanguage
from gateway.mailbox import held as held_mail
from gateway.models import (
    Agent,
    Attachment,
    Channel,
    Conversation,
    ConversationStatus,
    Customer,
    DeliveryState,
    Direction,
    HeldMail,
    Message,
    ReplyTemplate,
    TranslationState,
)
from gateway.web.rendering import bdi
from mail import automatic
from mail.headers import other_address_in_name
from translation.engine import DEFAULT_LOW_CONFIDENCE
from translation.languages import JAPANESE, UNDETERMINED

STATUS_ORDER = (ConversationStatus.OPEN, ConversationStatus.PENDING, ConversationStatus.RESOLVED)


def status_label(status: str) -> str:
    return {
        ConversationStatus.OPEN: _("Open"),
        ConversationStatus.PENDING: _("In progress"),
        ConversationStatus.RESOLVED: _("Resolved"),
    }.get(ConversationStatus(status), status)


def conversation_title(conversation: Conversation) -> Markup:
    """The subject, else who wrote (the honorific comes with the message, never twice); what
    the buyer wrote is isolated (``<bdi>``) so it cannot reorder the text around it."""
    if conversation.subject:
        return bdi(conversation.subject)
    who = conversation.customer.name or conversation.customer.email
    if who:
        return escape(_("Inquiry from %(name)s")) % {"name": bdi(who)}
    if conversation.channel == Channel.CHAT:
        return escape(_("Chat with a buyer"))
    return escape(_("Inquiry from a buyer"))


def channel_label(channel: str) -> str:
    return {
        "email": _("E-mail"),
        "chat": _("Chat"),
        "api": _("API"),
        "form": _("Form"),
    }.get(channel, channel)


@dataclass(frozen=True)
class Badge:
    kind: str  # pending | missing | failed | low | sending | sent | draft
    label: str
    title: str = ""


def translation_badges(
    message: Message, *, low_confidence: float = DEFAULT_LOW_CONFIDENCE
) -> list[Badge]:
    """What an agent should know about a message's translation before trusting it.

    A finished machine translation scoring below ``low_confidence`` (the setting
    ``KAKEHASHI_TRANSLATION_LOW_CONFIDENCE``) is marked, with the model's name on hover; so is
    one where the model dropped protected spans (order numbers, URLs, …) that were put back.
    """
    state = message.translation_state
    if state == TranslationState.PENDING:
        return [Badge("pending", _("Translating…"))]
    if state == TranslationState.MODEL_MISSING:
        return [
            Badge(
                "missing",
                _("No translation model"),
                _("Install a model for this language pair; the message is translated then."),
            )
        ]
    if state == TranslationState.FAILED:
        return [Badge("failed", _("Translation failed"), message.translation_error or "")]
    if state != TranslationState.DONE:
        return []
    badges = []
    score = message.translation_score
    model = message.translation_model or _("unknown model")
    if score is not None and score < low_confidence:
        badges.append(
            Badge(
                "low",
                _("Low-confidence machine translation: check the original too"),
                _("Model: %(model)s · confidence %(score)d%%")
                % {"model": model, "score": round(score * 100)},
            )
        )
    if message.translation_missing_spans:
        badges.append(
            Badge(
                "low",
                ngettext(
                    "%(num)d protected span dropped by the model",
                    "%(num)d protected spans dropped by the model",
                    message.translation_missing_spans,
                )
                % {"num": message.translation_missing_spans},
                _(
                    "Order numbers, URLs or other protected text the model left out were added "
                    "back at the end of the sentence: check where they belong. Model: %(model)s"
                )
                % {"model": model},
            )
        )
    return badges


def sender_badges(customer: Customer) -> list[Badge]:
    """A warning when the buyer's name shows an address other than their own (a mail from
    ``attacker@evil.example`` named ``victim@victim.example``)."""
    other = other_address_in_name(customer.name or "", customer.email or "")
    if other is None:
        return []
    return [
        Badge(
            "low",
            _("Address in sender name"),
            _(
                "The sender's name shows %(shown)s, but the message came from %(sender)s: "
                "it may pretend to be someone else."
            )
            % {"shown": other, "sender": customer.email or "?"},
        )
    ]


def delivery_badge(message: Message) -> Badge | None:
    state = message.delivery_state
    if state == DeliveryState.QUEUED:
        if message.delivery_error:  # the relay refused for now; the worker tries again
            return Badge(
                "sending",
                _("Sending"),
                _("Waiting to send again: %(reason)s") % {"reason": message.delivery_error},
            )
        return Badge("sending", _("Sending"))
    if state == DeliveryState.SENT:
        if message.delivery_error:  # a chat reply whose e-mail copy could not be sent
            return Badge(
                "sent",
                _("Sent"),
                _("Delivered in the chat; the e-mail copy failed: %(reason)s")
                % {"reason": message.delivery_error},
            )
        return Badge("sent", _("Sent"))
    if state == DeliveryState.FAILED:
        return Badge("failed", _("Not delivered"), message.delivery_error or "")
    return None


def japanese_text(message: Message) -> str | None:
    """The Japanese an agent reads for ``message``, or None while it is not there yet."""
    if message.direction != Direction.INBOUND or message.language == JAPANESE:
        return message.text
    return message.translation_text


def held_reason_label(held: HeldMail) -> str:
    """Why the mail was held, in the agent's language, with what was seen."""
    labels = {
        automatic.OUR_ADDRESS: _("Sent from our own support address (a forward sent it back)"),
        automatic.X_LOOP: _("X-Loop names us: a mail loop"),
        automatic.AUTO_SUBMITTED: _("Auto-Submitted header: sent by a program (RFC 3834)"),
        automatic.AUTOREPLY_HEADER: _("Auto-reply header"),
        automatic.PRECEDENCE: _("Precedence header: automatic or list mail"),
        automatic.MAILING_LIST: _("Mailing-list mail"),
        automatic.AUTO_RESPONSE_SUPPRESS: _("Outlook/Exchange automatic reply"),
        automatic.READ_RECEIPT: _("Read receipt"),
        automatic.NULL_SENDER: _("Sent from the null sender, which only notifications use"),
        automatic.ROBOT_SENDER: _("Sent by a mail robot"),
        automatic.OUT_OF_OFFICE: _("Out-of-office reply (subject and text)"),
    }
    return labels.get(held.reason, held.explanation or held.reason)


# --- inbox list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    conversation: Conversation
    latest: Message | None
    latest_ja: str
    time_left: service.TimeLeft
    assignee: Agent | None
    badges: list[Badge]


def list_rows(
    session: Session,
    rows: Sequence[Conversation],
    *,
    now: datetime,
    low_confidence: float = DEFAULT_LOW_CONFIDENCE,
) -> list[Row]:
    latest = inbox.latest_conversation_messages(session, [c.id for c in rows])
    assignees = inbox.agents_by_id(session, [c.assignee_id for c in rows])
    result = []
    for conversation in rows:
        message = latest.get(conversation.id)
        text = ""
        badges: list[Badge] = []
        if message is not None:
            text = japanese_text(message) or message.text
            badges = translation_badges(message, low_confidence=low_confidence)
        badges = sender_badges(conversation.customer) + badges
        result.append(
            Row(
                conversation=conversation,
                latest=message,
                latest_ja=text,
                time_left=service.time_left(
                    conversation, now=now, target_hours=conversation.queue.target_hours
                ),
                assignee=assignees.get(conversation.assignee_id or 0),
                badges=badges,
            )
        )
    return result


# --- one conversation -------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageView:
    message: Message
    author: Agent | None
    japanese: str | None
    badges: list[Badge]
    delivery: Badge | None
    attachments: list[Attachment]
    is_held_event: ClassVar[bool] = False

    @property
    def is_note(self) -> bool:
        return self.message.direction == Direction.NOTE

    @property
    def is_inbound(self) -> bool:
        return self.message.direction == Direction.INBOUND

    @property
    def is_automatic(self) -> bool:
        return self.message.is_automatic

    @property
    def needs_translation(self) -> bool:
        return self.message.language != self.message.translation_language


@dataclass(frozen=True)
class HeldMailEvent:
    """An automatic mail about the conversation (an out-of-office reply to our mail): shown as
    an event in the timeline; it reopened nothing and started no clock."""

    held: HeldMail
    reason: str
    is_held_event: ClassVar[bool] = True
    message: ClassVar[None] = None

    @property
    def at(self) -> datetime:
        return self.held.held_at


@dataclass(frozen=True)
class ConversationView:
    conversation: Conversation
    messages: list[MessageView | HeldMailEvent]
    draft: Message | None
    draft_badges: list[Badge]
    earlier: Sequence[Conversation]
    faq: list[Suggestion]
    templates: Sequence[ReplyTemplate | service.TemplateExample]
    agents: Sequence[Agent]
    assignee: Agent | None
    time_left: service.TimeLeft
    reply_language: str
    reply: ReplyLanguage
    #: Languages the agent may switch the reply to (the buyer's, the fallback, any reachable).
    reply_choices: list[str]


def conversation_view(
    session: Session,
    conversation: Conversation,
    *,
    agent: Agent,
    now: datetime,
    reply: ReplyLanguage,
    reply_targets: Sequence[str] = (),
    low_confidence: float = DEFAULT_LOW_CONFIDENCE,
) -> ConversationView:
    """Everything the conversation page shows; ``reply`` is the reply language's plan and
    ``reply_targets`` the languages installed models translate Japanese into."""
    messages = conversations.conversation_messages(session, conversation.id)
    timeline = [
        m
        for m in messages
        if not (m.direction == Direction.OUTBOUND and m.delivery_state == DeliveryState.DRAFT)
    ]
    shown = {m.id for m in timeline}
    drafts = [m for m in messages if m.id not in shown and m.author_agent_id == agent.id]
    draft = drafts[-1] if drafts else None
    agents = inbox.agents(session)
    by_id = {a.id: a for a in agents}
    missing = [m.author_agent_id for m in timeline if m.author_agent_id not in by_id]
    by_id.update(inbox.agents_by_id(session, missing))
    attachments = inbox.attachments_by_message(
        session, [m.id for m in timeline if m.direction == Direction.INBOUND]
    )
    views: list[MessageView | HeldMailEvent] = [
        MessageView(
            message=m,
            author=by_id.get(m.author_agent_id or 0),
            japanese=japanese_text(m),
            badges=sender_badges(conversation.customer)
            + translation_badges(m, low_confidence=low_confidence)
            if m.direction == Direction.INBOUND
            else [],
            delivery=delivery_badge(m) if m.direction == Direction.OUTBOUND else None,
            attachments=attachments.get(m.id, []),
        )
        for m in timeline
    ]
    events = [
        HeldMailEvent(event.held, held_reason_label(event.held))
        for event in held_mail.conversation_events(session, conversation.id)
    ]
    for event in events:  # each before the first message that came after it
        later = (
            i
            for i, item in enumerate(views)
            if isinstance(item, MessageView) and item.message.created_at > event.at
        )
        views.insert(next(later, len(views)), event)
    latest_inbound = next((m for m in reversed(timeline) if m.direction == Direction.INBOUND), None)
    return ConversationView(
        conversation=conversation,
        messages=views,
        draft=draft,
        draft_badges=translation_badges(draft, low_confidence=low_confidence) if draft else [],
        earlier=inbox.earlier_conversations(session, conversation),
        faq=suggest_for_message(session, latest_inbound) if latest_inbound else [],
        templates=service.templates_for_picker(inbox.templates(session)),
        agents=agents,
        assignee=by_id.get(conversation.assignee_id or 0),
        time_left=service.time_left(
            conversation, now=now, target_hours=conversation.queue.target_hours
        ),
        reply_language=reply.language,
        reply=reply,
        reply_choices=_reply_choices(timeline, reply, reply_targets),
    )


def _reply_choices(
    timeline: Sequence[Message], reply: ReplyLanguage, targets: Sequence[str]
) -> list[str]:
    written = [
        m.language
        for m in timeline
        if m.direction == Direction.INBOUND and m.language not in (UNDETERMINED, JAPANESE)
    ]
    return list(dict.fromkeys([reply.buyer_language, *written, reply.fallback, *sorted(targets)]))
