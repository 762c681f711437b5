from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from gateway.auth.dependencies import TokenDep
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.intake import idempotency
from gateway.intake.schemas import InquiryIn, InquiryOut
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import Channel, IdempotencyKey, Message
from gateway.settings import get_settings
from translation.languages import UnknownLanguageError, normalize_tag

router = APIRouter(prefix="/api/v1", tags=["intake"])


@router.post("/inquiries", status_code=201, response_model=InquiryOut)
def post_inquiry(
    body: InquiryIn,
    session: SessionDep,
    token: TokenDep,
    response: Response,
    idempotency_key: Annotated[str | None, Header(alias=idempotency.HEADER)] = None,
) -> InquiryOut:
    """Receive a buyer's inquiry. Returns at once; translation into Japanese follows.

    With an ``Idempotency-Key`` header, sending the same request again (after a timeout, say)
    returns the inquiry made the first time, marked ``Idempotent-Replayed: true``.
    """
    settings = get_settings()
    claimed: IdempotencyKey | None = None
    if idempotency_key is not None:
        outcome = idempotency.claim(
            session,
            token_id=token.id,
            key=idempotency.check_key(idempotency_key),
            digest=idempotency.fingerprint(body.model_dump(mode="json")),
        )
        if isinstance(outcome, Message):
            response.headers["Idempotent-Replayed"] = "true"
            return _created(outcome)
        claimed = outcome
    text = body.text.strip()
    if not text:
        raise ApiError(422, "empty_text", _("'text' is empty: send the buyer's message."))
    if len(body.text) > settings.max_inquiry_chars:
        raise ApiError(
            413,
            "text_too_long",
            _(
                "'text' has %(length)d characters; the limit is %(limit)d. Split the message or "
                "send long content as an e-mail attachment."
            )
            % {"length": len(body.text), "limit": settings.max_inquiry_chars},
        )
    hints: tuple[str, ...] = ()
    if body.language_hint:
        try:
            hints = (normalize_tag(body.language_hint),)
        except UnknownLanguageError as exc:
            raise ApiError(422, "unknown_language_hint", str(exc)) from exc
    received = receive_inquiry(
        session,
        Inquiry(
            channel=Channel(body.channel),
            text=body.text,
            customer_email=str(body.customer.email) if body.customer.email else None,
            customer_name=body.customer.name,
            subject=body.subject,
            language_hints=hints,
        ),
        settings=settings,
    )
    if claimed is not None:
        claimed.message_id = received.message.id
    return _created(received.message)


def _created(message: Message) -> InquiryOut:
    conversation = message.conversation
    return InquiryOut(
        conversation_id=conversation.id,
        message_id=message.id,
        language=message.language,
        language_confidence=message.language_confidence or 0.0,
        queue=conversation.queue.language,
        first_response_due_at=conversation.first_response_due_at or conversation.created_at,
    )
