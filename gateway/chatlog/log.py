"""The chat event log on the database: append in the caller's transaction, read in order.

Only buyer-facing content ever leaves through :func:`events_after`: the buyer's own messages
(their original text) and replies delivered to them (the text in the buyer's language). An
agent's Japanese, drafts and internal notes have no events and are never selected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway.chatlog.hub import wake_on_commit
from gateway.models import (
    ChatEvent,
    ChatEventKind,
    Conversation,
    DeliveryState,
    Direction,
    Message,
)

BATCH = 200


@dataclass(frozen=True)
class ChatItem:
    """One message as the buyer sees it."""

    seq: int
    message_id: int
    author: str  # "buyer" or "team"
    text: str
    language: str
    created_at: datetime
    automatic: bool

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.message_id,
            "author": self.author,
            "text": self.text,
            "language": self.language,
            "created_at": self.created_at.isoformat(),
            "automatic": self.automatic,
        }


def append(session: Session, message: Message) -> ChatEvent | None:
    """Add ``message`` to its conversation's chat log (once; a second call does nothing)."""
    if session.scalar(select(ChatEvent.id).where(ChatEvent.message_id == message.id)):
        return None
    # The conversation row's lock orders the events of one conversation: the next ``seq`` is
    # taken and committed before another transaction can take one (SQLite's single writer
    # does the same there).
    session.execute(
        select(Conversation.id).where(Conversation.id == message.conversation_id).with_for_update()
    )
    last = session.scalar(
        select(func.max(ChatEvent.seq)).where(ChatEvent.conversation_id == message.conversation_id)
    )
    event = ChatEvent(
        conversation_id=message.conversation_id,
        seq=(last or 0) + 1,
        kind=ChatEventKind.MESSAGE,
        message_id=message.id,
    )
    session.add(event)
    session.flush()
    wake_on_commit(session, message.conversation_id)
    return event


def put_first(session: Session, message: Message) -> None:
    """Make the buyer's opening message event 1, before anything recorded while the
    conversation was being opened (an automatic FAQ answer). Only safe before the token has
    been handed out: no stream can have read the log yet."""
    earlier = session.scalars(
        select(ChatEvent)
        .where(ChatEvent.conversation_id == message.conversation_id)
        .order_by(ChatEvent.seq.desc())
    ).all()
    for event in earlier:  # highest first, so no two rows ever share a number
        event.seq += 1
        session.flush()
    session.add(
        ChatEvent(
            conversation_id=message.conversation_id,
            seq=1,
            kind=ChatEventKind.MESSAGE,
            message_id=message.id,
        )
    )
    session.flush()
    wake_on_commit(session, message.conversation_id)


@dataclass(frozen=True)
class Page:
    items: list[ChatItem]
    last_seq: int  # the last event read, shown or not: the next read starts after it
    full: bool  # more may follow at once


def events_after(session: Session, conversation_id: int, after: int) -> Page:
    """The buyer-visible events of a conversation with ``seq`` above ``after``, in order."""
    rows = session.execute(
        select(ChatEvent.seq, Message)
        .join(Message, Message.id == ChatEvent.message_id)
        .where(
            ChatEvent.conversation_id == conversation_id,
            ChatEvent.seq > after,
            Message.direction.in_([Direction.INBOUND, Direction.OUTBOUND]),
        )
        .order_by(ChatEvent.seq)
        .limit(BATCH)
    ).all()
    items = []
    last = after
    for seq, message in rows:
        last = seq
        if message.direction == Direction.INBOUND:
            items.append(_item(seq, message, "buyer", message.text, message.language))
        elif message.delivery_state in (DeliveryState.SENT, DeliveryState.QUEUED) and (
            message.translation_text is not None
        ):
            items.append(
                _item(seq, message, "team", message.translation_text, message.translation_language)
            )
    return Page(items, last, len(rows) == BATCH)


def _item(seq: int, message: Message, author: str, text: str, language: str) -> ChatItem:
    return ChatItem(
        seq=seq,
        message_id=message.id,
        author=author,
        text=text,
        language=language,
        created_at=message.sent_at or message.created_at,
        automatic=message.is_automatic,
    )


def last_seq(session: Session, conversation_id: int) -> int:
    value = session.scalar(
        select(func.max(ChatEvent.seq)).where(ChatEvent.conversation_id == conversation_id)
    )
    return int(value or 0)
