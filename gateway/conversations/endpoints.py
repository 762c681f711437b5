from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from gateway.auth.dependencies import TokenDep
from gateway.conversations import repository
from gateway.conversations.schemas import (
    ConversationDetail,
    ConversationPage,
    HeldMailEventOut,
)
from gateway.conversations.serializers import message_out, summary_out
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.mailbox.held import conversation_events
from gateway.models import ConversationStatus, Direction
from gateway.orders.service import order_out, orders_for
from gateway.queues.service import queue_key
from gateway.triage.priority import Priority
from translation.languages import UnknownLanguageError, normalize_tag

router = APIRouter(prefix="/api/v1", tags=["conversations"])


def _language(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    try:
        return normalize_tag(value)
    except UnknownLanguageError as exc:
        raise ApiError(422, "invalid_request", f"{field}: {exc}") from exc


def _queue(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return queue_key(value)
    except UnknownLanguageError as exc:
        raise ApiError(422, "invalid_request", f"queue: {exc}") from exc


@router.get("/conversations", response_model=ConversationPage)
def list_conversations(
    session: SessionDep,
    _token: TokenDep,
    status: ConversationStatus | None = None,
    language: str | None = None,
    queue: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    tag: Annotated[str | None, Query(max_length=50)] = None,
    priority: Literal["low", "normal", "high", "urgent"] | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> ConversationPage:
    filters = repository.ConversationFilter(
        status=status.value if status else None,
        language=_language(language, "language"),
        queue=_queue(queue),
        q=q.strip() or None if q else None,
        tag=tag.strip() or None if tag else None,
        priority=Priority.from_name(priority) if priority else None,
    )
    try:
        rows, next_cursor = repository.list_conversations(
            session, filters, limit=limit, cursor=cursor
        )
    except repository.InvalidCursorError as exc:
        raise ApiError(
            422,
            "invalid_cursor",
            _("The cursor is not one this API returned: start again without 'cursor'."),
        ) from exc
    latest = repository.latest_messages(session, [c.id for c in rows])
    return ConversationPage(
        items=[summary_out(c, latest.get(c.id)) for c in rows], next_cursor=next_cursor
    )


@router.get("/conversations/{conversation_id}", response_model=ConversationDetail)
def get_conversation(
    conversation_id: int, session: SessionDep, _token: TokenDep
) -> ConversationDetail:
    conversation = repository.get_conversation(session, conversation_id)
    if conversation is None:
        raise ApiError(404, "not_found", _("No conversation %(id)d.") % {"id": conversation_id})
    messages = repository.conversation_messages(session, conversation_id)
    visible = [m for m in messages if m.direction != Direction.NOTE]
    summary = summary_out(conversation, visible[-1] if visible else None)
    return ConversationDetail(
        **summary.model_dump(exclude={"latest_message"}),
        latest_message=summary.latest_message,
        messages=[message_out(m) for m in messages],
        events=[
            HeldMailEventOut(
                held_mail_id=event.held.id,
                reason=event.held.reason,
                subject=event.held.subject,
                received_at=event.at,
            )
            for event in conversation_events(session, conversation_id)
        ],
        orders=[
            order_out(o, conversation.customer.email) for o in orders_for(session, conversation)
        ],
    )
