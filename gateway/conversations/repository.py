"""Queries over conversations: filtered lists with keyset pagination, one conversation in full."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from gateway.models import Conversation, ConversationTag, LanguageQueue, Message


class InvalidCursorError(ValueError):
    pass


@dataclass(frozen=True)
class ConversationFilter:
    status: str | None = None
    language: str | None = None
    queue: str | None = None
    q: str | None = None
    tag: str | None = None
    priority: int | None = None
    escalated: bool | None = None


def encode_cursor(conversation: Conversation) -> str:
    raw = f"{conversation.last_message_at.isoformat()}|{conversation.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _sep, ident = raw.partition("|")
        when = datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError
        return when, int(ident)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursorError(cursor) from exc


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    from opencc import OpenCC  # converters load dictionaries: once per process

    return OpenCC(config)


def search_variants(term: str) -> list[str]:
    """``term`` as Simplified, Traditional and Taiwan Traditional Chinese write it, so 台湾
    finds 台灣 and 发货 finds 發貨 (OpenCC). Japanese kanji shared with Chinese match as well."""
    variants = [term]
    if any("\u3400" <= char <= "\u9fff" for char in term):
        simplified = _converter("t2s").convert(term)
        # Taiwan writes 台 where standard Traditional has 臺: the Hong Kong table gives 台灣.
        for converted in (
            simplified,
            _converter("s2t").convert(simplified),
            _converter("s2hk").convert(simplified),
        ):
            if converted not in variants:
                variants.append(converted)
    return variants


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(filters: ConversationFilter) -> Select[Conversation]:
    query = select(Conversation)
    if filters.status:
        query = query.where(Conversation.status == filters.status)
    if filters.language:
        query = query.where(Conversation.language == filters.language)
    if filters.queue:
        query = query.join(LanguageQueue, Conversation.queue_id == LanguageQueue.id).where(
            LanguageQueue.language == filters.queue
        )
    if filters.q:
        patterns = [_like(variant) for variant in search_variants(filters.q)]
        query = query.where(
            exists().where(
                Message.conversation_id == Conversation.id,
                or_(
                    *[Message.text.ilike(pattern, escape="\\") for pattern in patterns],
                    *[Message.translation_text.ilike(pattern, escape="\\") for pattern in patterns],
                ),
            )
        )
    if filters.tag:
        query = query.where(
            exists().where(
                ConversationTag.conversation_id == Conversation.id,
                func.lower(ConversationTag.tag) == filters.tag.lower(),
            )
        )
    if filters.priority is not None:
        query = query.where(Conversation.priority == filters.priority)
    if filters.escalated is not None:
        query = query.where(
            Conversation.escalated_at.is_not(None)
            if filters.escalated
            else Conversation.escalated_at.is_(None)
        )
    return query


def status_counts(session: Session, filters: ConversationFilter) -> dict[str, int]:
    """How many conversations of each status match ``filters`` (its status aside)."""
    matching = _filtered(replace(filters, status=None)).with_only_columns(
        Conversation.status, func.count()
    )
    rows = session.execute(matching.group_by(Conversation.status)).all()
    return {status: int(total) for status, total in rows}


def encode_priority_cursor(conversation: Conversation) -> str:
    return encode_cursor(conversation) + "." + str(conversation.priority)


def list_by_priority(
    session: Session, filters: ConversationFilter, *, limit: int, cursor: str | None = None
) -> tuple[Sequence[Conversation], str | None]:
    """Most urgent first, then newest activity (the inbox); ``cursor`` as for the list."""
    query = _filtered(filters)
    if cursor:
        keyset, _dot, level = cursor.rpartition(".")
        if not level.isdigit():
            raise InvalidCursorError(cursor)
        when, ident = decode_cursor(keyset)
        rank = int(level)
        query = query.where(
            or_(
                Conversation.priority < rank,
                and_(
                    Conversation.priority == rank,
                    or_(
                        Conversation.last_message_at < when,
                        and_(Conversation.last_message_at == when, Conversation.id < ident),
                    ),
                ),
            )
        )
    query = query.order_by(
        Conversation.priority.desc(), Conversation.last_message_at.desc(), Conversation.id.desc()
    )
    rows = session.scalars(query.limit(limit + 1)).unique().all()
    page = rows[:limit]
    next_cursor = encode_priority_cursor(page[-1]) if len(rows) > limit else None
    return page, next_cursor


def list_conversations(
    session: Session, filters: ConversationFilter, *, limit: int, cursor: str | None = None
) -> tuple[Sequence[Conversation], str | None]:
    """Newest activity first; ``cursor`` continues after the last row of the previous page."""
    query = _filtered(filters)
    if cursor:
        when, ident = decode_cursor(cursor)
        query = query.where(
            tuple_(Conversation.last_message_at, Conversation.id) < tuple_(when, ident)
            if session.get_bind().dialect.name == "postgresql"
            else or_(
                Conversation.last_message_at < when,
                and_(Conversation.last_message_at == when, Conversation.id < ident),
            )
        )
    query = query.order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    rows = session.scalars(query.limit(limit + 1)).unique().all()
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1]) if len(rows) > limit else None
    return page, next_cursor


def latest_messages(session: Session, conversation_ids: Sequence[int]) -> dict[int, Message]:
    """The newest message of each conversation, in one query."""
    if not conversation_ids:
        return {}
    newest = (
        select(func.max(Message.id))
        .where(Message.conversation_id.in_(conversation_ids), Message.direction != "note")
        .group_by(Message.conversation_id)
    )
    return {
        m.conversation_id: m for m in session.scalars(select(Message).where(Message.id.in_(newest)))
    }


def get_conversation(session: Session, conversation_id: int) -> Conversation | None:
    return session.get(Conversation, conversation_id)


def conversation_messages(session: Session, conversation_id: int) -> Sequence[Message]:
    return session.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
    ).all()
