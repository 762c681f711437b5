"""What the inbox pages show, gathered in a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gateway.conversations import repository as conversations
from gateway.faq.suggestions import Suggestion, suggest_for_message
from gateway.i18n import _
from gateway.inbox import repository as inbox
from gateway.inbox import service
from gateway.models import (
    Agent,
    Attachment,
    Conversation,
    ConversationStatus,
    Customer,
    DeliveryState,
    Direction,
    Message,
    ReplyTemplate,
    TranslationState,
)
from mail.headers import other_address_in_name
from translation.languages import JAPANESE

STATUS_ORDER = (ConversationStatus.OPEN, ConversationStatus.PENDING, ConversationStatus.RESOLVED)


def status_label(status: str) -> str:
    return {
        ConversationStatus.OPEN: _("Open"),
        ConversationStatus.PENDING: _("In progress"),
        ConversationStatus.RESOLVED: _("Resolved"),
    }.get(ConversationStatus(status), status)


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


def translation_badges(message: Message) -> list[Badge]:
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
    if (
        state == TranslationState.DONE
        and message.translation_score is not None
        and message.translation_score < service.LOW_CONFIDENCE
    ):
        return [
            Badge(
                "low",
                _("Low confidence"),
                _("The machine translation may be inaccurate: check the original."),
            )
        ]
    return []


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


# --- inbox list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    conversation: Conversation
    latest: Message | None
    latest_ja: str
    time_left: service.TimeLeft
    assignee: Agent | None
    badges: list[Badge]


def list_rows(session: Session, rows: Sequence[Conversation], *, now: datetime) -> list[Row]:
    latest = inbox.latest_conversation_messages(session, [c.id for c in rows])
    assignees = inbox.agents_by_id(session, [c.assignee_id for c in rows])
    result = []
    for conversation in rows:
        message = latest.get(conversation.id)
        text = ""
        badges: list[Badge] = []
        if message is not None:
            text = japanese_text(message) or message.text
            badges = translation_badges(message)
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
class ConversationView:
    conversation: Conversation
    messages: list[MessageView]
    draft: Message | None
    draft_badges: list[Badge]
    earlier: Sequence[Conversation]
    faq: list[Suggestion]
    templates: Sequence[ReplyTemplate | service.TemplateExample]
    agents: Sequence[Agent]
    assignee: Agent | None
    time_left: service.TimeLeft
    reply_language: str


def conversation_view(
    session: Session, conversation: Conversation, *, agent: Agent, now: datetime
) -> ConversationView:
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
    views = [
        MessageView(
            message=m,
            author=by_id.get(m.author_agent_id or 0),
            japanese=japanese_text(m),
            badges=sender_badges(conversation.customer) + translation_badges(m)
            if m.direction == Direction.INBOUND
            else [],
            delivery=delivery_badge(m) if m.direction == Direction.OUTBOUND else None,
            attachments=attachments.get(m.id, []),
        )
        for m in timeline
    ]
    latest_inbound = next((m for m in reversed(timeline) if m.direction == Direction.INBOUND), None)
    return ConversationView(
        conversation=conversation,
        messages=views,
        draft=draft,
        draft_badges=translation_badges(draft) if draft else [],
        earlier=inbox.earlier_conversations(session, conversation),
        faq=suggest_for_message(session, latest_inbound) if latest_inbound else [],
        templates=service.templates_for_picker(inbox.templates(session)),
        agents=agents,
        assignee=by_id.get(conversation.assignee_id or 0),
        time_left=service.time_left(
            conversation, now=now, target_hours=conversation.queue.target_hours
        ),
        reply_language=service.buyer_language(conversation),
    )
