from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response
from fastapi.concurrency import run_in_threadpool

from gateway.auth.dependencies import TokenAloneDep
from gateway.auth.tokens import needs_touch, record_use
from gateway.db import get_database
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.intake import idempotency
from gateway.intake.schemas import InquiryIn, InquiryOut
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import ApiToken, Channel, IdempotencyKey, Message
from gateway.settings import Settings, get_settings
from translation.languages import UnknownLanguageError, normalize_tag

router = APIRouter(prefix="/api/v1", tags=["intake"])


@router.post("/inquiries", status_code=201, response_model=InquiryOut)
async def post_inquiry(
    body: InquiryIn,
    token: TokenAloneDep,
    response: Response,
    idempotency_key: Annotated[str | None, Header(alias=idempotency.HEADER)] = None,
) -> InquiryOut:
    """Receive a buyer's inquiry. Returns at once; translation into Japanese follows.

    With an ``Idempotency-Key`` header, sending the same request again (after a timeout, say)
    returns the inquiry made the first time, marked ``Idempotent-Replayed: true``.

    The whole transaction runs in one thread call, and only that call holds this request's
    turn to write: the turn is never held while the request waits for a thread (under load,
    the writers' line moves as fast as the database writes).
    """
    settings = get_settings()
    inquiry = _inquiry(body, settings)
    key = idempotency.check_key(idempotency_key) if idempotency_key is not None else None
    digest = idempotency.fingerprint(body.model_dump(mode="json"))
    database = get_database()
    async with database.write_turn():
        stored, replayed = await run_in_threadpool(
            _store, token, inquiry, key=key, digest=digest, settings=settings
        )
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return stored


def _inquiry(body: InquiryIn, settings: Settings) -> Inquiry:
    if not body.text.strip():
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
    return Inquiry(
        channel=Channel(body.channel),
        text=body.text,
        customer_email=str(body.customer.email) if body.customer.email else None,
        customer_name=body.customer.name,
        subject=body.subject,
        language_hints=hints,
    )


def _store(
    token: ApiToken, inquiry: Inquiry, *, key: str | None, digest: str, settings: Settings
) -> tuple[InquiryOut, bool]:
    """Store the inquiry (or find the one this key made before) in one transaction."""
    with get_database().session() as session:
        claimed: IdempotencyKey | None = None
        if key is not None:
            outcome = idempotency.claim(session, token_id=token.id, key=key, digest=digest)
            if isinstance(outcome, Message):
                return _created(outcome), True
            claimed = outcome
        received = receive_inquiry(session, inquiry, settings=settings)
        if claimed is not None:
            claimed.message_id = received.message.id
        if needs_touch(token):
            record_use(session, session.merge(token))
        return _created(received.message), False


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
