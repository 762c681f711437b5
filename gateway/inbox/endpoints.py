"""``POST /api/v1/conversations/{id}/replies`` for the shop's own systems (bearer token).

The agent pages live in gateway/web; this router includes them, so the app registers one router.
"""

from __future__ import annotations

from fastapi import APIRouter

from gateway.auth.dependencies import TokenDep
from gateway.conversations.endpoints import message_out
from gateway.conversations.schemas import MessageOut
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.inbox import service
from gateway.inbox.schemas import ReplyIn
from gateway.models import Conversation
from gateway.web.pages import router as pages_router

router = APIRouter()
api = APIRouter(prefix="/api/v1", tags=["inbox"])


@api.post("/conversations/{conversation_id}/replies", status_code=201, response_model=MessageOut)
def post_reply(
    conversation_id: int, body: ReplyIn, session: SessionDep, _token: TokenDep
) -> MessageOut:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise ApiError(404, "not_found", _("No conversation %(id)d.") % {"id": conversation_id})
    try:
        message = service.write_reply(session, conversation, text_ja=body.text_ja, author=None)
        if body.send:
            service.send_reply(session, message, sender=None, require_translation=False)
    except service.InboxError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from exc
    session.flush()
    return message_out(message)


router.include_router(api)
router.include_router(pages_router)
