"""The buyer endpoints under ``/api/v1/chat`` and ``GET /widget.js``.

Every chat route goes through :class:`gateway.chat.cors.ChatRoute` (allowed origins, CORS
headers on every answer). A conversation is reached only with its token
(``Authorization: Bearer khc_…``), never by its id.
"""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.responses import StreamingResponse

from gateway.auth import presence
from gateway.chat import cors, service, strings, tokens
from gateway.chat.assets import widget_script
from gateway.chat.schemas import (
    ConversationOut,
    EmailIn,
    EmailOut,
    ExpectedReply,
    LocaleOut,
    MessageIn,
    MessageOut,
    StartIn,
    StartOut,
    StringsOut,
    SuggestionOut,
)
from gateway.chatlog import log
from gateway.chatlog.hub import hub
from gateway.chatlog.stream import chat_stream, read_limiter
from gateway.db import SessionDep, get_database
from gateway.errors import ApiError
from gateway.models import Conversation, utcnow
from gateway.ratelimit import chat_limits
from gateway.settings import get_settings

# A buyer's tabs and devices; more streams than this for one conversation is someone else.
MAX_STREAMS_PER_CONVERSATION = 8

api = APIRouter(prefix="/api/v1/chat", tags=["chat"], route_class=cors.ChatRoute)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _limit(key: str, limit: int) -> None:
    wait = chat_limits.hit(key, limit)
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"Too many requests: try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
            retry_after=wait,
        )


def _chat_error(exc: service.ChatError) -> ApiError:
    error = ApiError(exc.status, exc.code, exc.message)
    error.details = dict(exc.details)
    return error


def _token_refused() -> ApiError:
    return ApiError(
        401,
        "chat_token_invalid",
        "This chat token opens no conversation: start a new conversation.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def conversation_from_token(
    session: SessionDep, authorization: Annotated[str | None, Header()] = None
) -> Conversation:
    conversation = tokens.conversation_for(session, tokens.bearer(authorization))
    if conversation is None:
        raise _token_refused()
    return conversation


def _conversation_id_for(token: str | None) -> int | None:
    # Its own short session, opened and closed in one worker thread: hundreds of streams may
    # connect at once, and a request-scoped session would wait for the thread pool to close it.
    with get_database().session(read_only=True) as session:
        conversation = tokens.conversation_for(session, token)
        return conversation.id if conversation is not None else None


ChatConversationDep = Annotated[Conversation, Depends(conversation_from_token)]
LocaleQuery = Annotated[str | None, Query(max_length=200)]


def _conversation_out(
    session: Session,
    conversation: Conversation,
    *,
    locale: str | None,
    time_zone: str | None,
    last_event_id: int,
) -> ConversationOut:
    widget_locale = strings.resolve(locale or conversation.language)
    now = utcnow()
    expected = service.expectation(
        conversation,
        locale=widget_locale,
        time_zone=time_zone,
        now=now,
        agents_online=presence.agents_online(session, now=now),
        buyer_locale=(locale or "").split(",")[0].strip() or None,
    )
    return ConversationOut(
        language=conversation.language,
        locale=widget_locale.tag,
        expected_reply=ExpectedReply(
            text=expected.text,
            target_hours=expected.target_hours,
            due_at=expected.due_at,
            team_available=expected.team_available,
        ),
        email=service.masked(conversation.chat_email),
        last_event_id=last_event_id,
    )


@api.options("/{path:path}", include_in_schema=False)
def preflight(request: Request, path: str) -> Response:
    return cors.preflight(request)


@api.get("/strings", response_model=StringsOut)
def widget_strings(locale: LocaleQuery = None) -> StringsOut:
    """The widget's words in ``locale`` (a browser language; English when we have none)."""
    chosen = strings.resolve(locale)
    return StringsOut(
        locale=chosen.tag,
        dir=chosen.direction,
        strings=strings.strings_for(chosen),
        locales=[LocaleOut(tag=tag, name=name) for tag, name in strings.language_menu()],
        max_message_chars=get_settings().chat_max_message_chars,
        shop_name=get_settings().shop_name,
    )


@api.get("/suggestions", response_model=list[SuggestionOut])
def suggestions(
    request: Request,
    q: Annotated[str, Query(max_length=2000)] = "",
    locale: LocaleQuery = None,
) -> list[SuggestionOut]:
    """FAQ answers for what the buyer is typing, in the widget's language."""
    _limit(f"suggest:{_client(request)}", get_settings().chat_suggestions_per_minute)
    with get_database().session(read_only=True) as session:  # one thread, see events()
        found = service.faq_answers(session, q, locale=strings.resolve(locale))
    return [SuggestionOut(slug=f.slug, question=f.question, answer=f.answer) for f in found]


@api.post("/conversations", status_code=201, response_model=StartOut)
def start(body: StartIn, request: Request, session: SessionDep) -> StartOut:
    """Start a conversation with the buyer's first message; returns its token (shown once)."""
    settings = get_settings()
    _limit(f"ip:{_client(request)}", settings.chat_requests_per_minute)
    try:
        started = service.start_conversation(
            session,
            text=body.text,
            locale=body.locale,
            email=str(body.email) if body.email else None,
            name=body.name,
            settings=settings,
        )
    except service.ChatError as exc:
        raise _chat_error(exc) from exc
    return StartOut(
        token=started.token,
        conversation=_conversation_out(
            session,
            started.conversation,
            locale=body.locale,
            time_zone=body.time_zone,
            last_event_id=log.last_seq(session, started.conversation.id),
        ),
    )


@api.get("/conversation", response_model=ConversationOut)
def conversation(
    authorization: Annotated[str | None, Header()] = None,
    locale: LocaleQuery = None,
    time_zone: Annotated[str | None, Query(max_length=64)] = None,
) -> ConversationOut:
    """The conversation's state for a widget coming back (a reload, another tab, a reply)."""
    # Every widget asks again when a reply arrives: one short session in this thread, as the
    # stream does, rather than a request-scoped one.
    with get_database().session(read_only=True) as session:
        current = tokens.conversation_for(session, tokens.bearer(authorization))
        if current is None:
            raise _token_refused()
        return _conversation_out(
            session,
            current,
            locale=locale,
            time_zone=time_zone,
            last_event_id=log.last_seq(session, current.id),
        )


@api.post("/messages", status_code=201, response_model=MessageOut)
def post_message(
    body: MessageIn, request: Request, session: SessionDep, current: ChatConversationDep
) -> MessageOut:
    """Another message from the buyer, in the same conversation."""
    settings = get_settings()
    _limit(f"ip:{_client(request)}", settings.chat_requests_per_minute)
    _limit(f"conversation:{current.id}", settings.chat_messages_per_minute)
    try:
        message, seq = service.add_message(session, current, text=body.text, settings=settings)
    except service.ChatError as exc:
        raise _chat_error(exc) from exc
    return MessageOut(id=message.id, event_id=seq)


@api.post("/email", response_model=EmailOut)
def leave_email(
    body: EmailIn, request: Request, session: SessionDep, current: ChatConversationDep
) -> EmailOut:
    """Answers also go to this address (the buyer may close the page and read them later)."""
    _limit(f"ip:{_client(request)}", get_settings().chat_requests_per_minute)
    address = service.leave_email(session, current, str(body.email))
    return EmailOut(email=service.masked(address) or "")


@api.get("/events", response_class=StreamingResponse)
async def events(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    last_event_id: Annotated[str | None, Header()] = None,
    after: Annotated[int | None, Query(ge=0)] = None,
) -> StreamingResponse:
    """The conversation as Server-Sent Events; ``Last-Event-ID`` (or ``after``) resumes."""
    conversation_id = await anyio.to_thread.run_sync(
        _conversation_id_for, tokens.bearer(authorization), limiter=read_limiter()
    )
    if conversation_id is None:
        raise _token_refused()
    if hub.watching(conversation_id) >= MAX_STREAMS_PER_CONVERSATION:
        raise ApiError(
            429,
            "too_many_streams",
            "This conversation is already open in too many windows: close one.",
            headers={"Retry-After": "30"},
            retry_after=30,
        )
    start_after = after or 0
    if last_event_id is not None and last_event_id.strip().isdigit():
        start_after = int(last_event_id.strip())
    return StreamingResponse(
        chat_stream(
            conversation_id,
            start_after,
            poll_seconds=get_settings().chat_poll_seconds,
            is_disconnected=request.is_disconnected,
        ),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


widget = APIRouter(include_in_schema=False)


@widget.get("/widget.js")
def widget_js() -> Response:
    """The embeddable widget: one self-contained script, styles inside it."""
    script = widget_script()
    return Response(
        script.body,
        media_type="text/javascript; charset=utf-8",
        headers={
            "Cache-Control": "public, max-age=300",
            "ETag": script.etag,
            "X-Content-Type-Options": "nosniff",
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


router = APIRouter()
router.include_router(api)
router.include_router(widget)
