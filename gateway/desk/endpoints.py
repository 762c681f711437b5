"""``PATCH /api/v1/conversations/{id}``: tags, priority, status and assignee from the shop's
own systems (bearer token)."""

from __future__ import annotations

from fastapi import APIRouter

from gateway.auth.dependencies import TokenDep
from gateway.conversations.endpoints import get_conversation
from gateway.conversations.schemas import ConversationDetail
from gateway.db import SessionDep
from gateway.desk import service
from gateway.desk.schemas import ConversationPatch
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.models import Conversation, ConversationStatus
from gateway.triage.priority import Priority
from gateway.triage.tags import TagError

router = APIRouter(prefix="/api/v1", tags=["conversations"])


@router.patch("/conversations/{conversation_id}", response_model=ConversationDetail)
def patch_conversation(
    conversation_id: int, body: ConversationPatch, session: SessionDep, token: TokenDep
) -> ConversationDetail:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise ApiError(404, "not_found", _("No conversation %(id)d.") % {"id": conversation_id})
    sent = body.model_fields_set
    change = service.Change(
        tags=body.tags if "tags" in sent else None,
        priority=Priority.from_name(body.priority) if body.priority else None,
        status=ConversationStatus(body.status) if body.status else None,
        assignee_id=body.assignee_id,
        unassign="assignee_id" in sent and body.assignee_id is None,
    )
    try:
        service.apply_change(session, conversation, change)
    except (service.DeskError, TagError) as exc:
        raise ApiError(422, "invalid_request", str(exc)) from exc
    session.flush()
    session.refresh(conversation)
    return get_conversation(conversation_id, session, token)
