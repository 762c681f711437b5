"""The inbox list and the conversation page, and the one-click actions on a conversation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from gateway.auth.web import CsrfDep, SignedIn, SignedInDep, is_admin
from gateway.conversations import repository as conversations
from gateway.db import SessionDep
from gateway.desk import views as desk_views
from gateway.i18n import _
from gateway.ids import as_id
from gateway.inbox import repository as inbox
from gateway.inbox import service
from gateway.inbox.reply_language import plan_reply, reply_language
from gateway.models import Agent, Conversation, ConversationStatus, Message, utcnow
from gateway.queues.service import queue_key
from gateway.settings import get_settings
from gateway.translations.engine import get_engine
from gateway.web import views
from gateway.web.rendering import render, render_error
from gateway.web.routing import WebRoute
from translation.languages import JAPANESE, UnknownLanguageError, normalize_tag

router = APIRouter(route_class=WebRoute, include_in_schema=False)

PAGE_SIZE = 50
STATUS_TABS = ("open", "pending", "resolved", "all")


def _nav(session: SessionDep, current: SignedIn) -> dict[str, Any]:
    now = utcnow()
    return {
        "current": current,
        "csrf_token": current.csrf_token,
        "queue_counts": inbox.queue_counts(session, now=now),
        "status_counts": inbox.status_counts(session),
        "now": now,
    }


@router.get("/inbox")
def inbox_page(
    request: Request,
    session: SessionDep,
    current: SignedInDep,
    status: str = "open",
    queue: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    cursor: str | None = None,
    tag: Annotated[str | None, Query(max_length=50)] = None,
    priority: str | None = None,
) -> Response:
    status = status if status in STATUS_TABS else "open"
    desk_filter = desk_views.inbox_filter(tag, priority)
    queue_tag = None
    if queue:
        try:
            queue_tag = queue_key(queue)
        except UnknownLanguageError:
            queue_tag = None
    search = q.strip() if q else ""
    filters = conversations.ConversationFilter(
        status=None if status == "all" else status,
        queue=queue_tag,
        q=search or None,
        tag=desk_filter.tag,
        priority=desk_filter.priority,
    )
    try:
        # The most urgent first, then the newest (gateway/desk).
        rows, next_cursor = conversations.list_by_priority(
            session, filters, limit=PAGE_SIZE, cursor=cursor
        )
    except conversations.InvalidCursorError:
        return RedirectResponse(request.url.remove_query_params("cursor"), status_code=303)
    nav = _nav(session, current)
    # The tab counts answer "how many of these", so they follow the search and the queue.
    counts = conversations.status_counts(session, filters)
    nav["status_counts"] = {
        key: counts.get(key, 0) for key in ("open", "pending") if key in counts or search
    }
    return render(
        request,
        "inbox.html",
        200,
        rows=views.list_rows(
            session,
            rows,
            now=utcnow(),
            low_confidence=get_settings().translation_low_confidence,
        ),
        status=status,
        queue=queue_tag,
        q=search,
        cursor=cursor,
        next_cursor=next_cursor,
        views=views,
        events_since=inbox.inbox_fingerprint(session).token,
        desk=desk_views.inbox_desk(session, desk_filter),
        **nav,
    )


def _conversation(session: SessionDep, conversation_id: int) -> Conversation | None:
    return conversations.get_conversation(session, conversation_id)


def _not_found(request: Request) -> Response:
    return render_error(
        request,
        404,
        _("Conversation not found"),
        _("It may have been deleted, or the link is wrong."),
    )


def conversation_page(
    request: Request,
    session: SessionDep,
    current: SignedIn,
    conversation: Conversation,
    *,
    error: str | None = None,
    reply_text: str | None = None,
    note_text: str = "",
    status_code: int = 200,
) -> Response:
    engine = get_engine()
    supported = engine.pairs()
    reply = plan_reply(
        session,
        conversation,
        fallback=get_settings().reply_fallback_language,
        supports=supported,
        installed=engine.installed_pairs(),
    )
    view = views.conversation_view(
        session,
        conversation,
        agent=current.agent,
        now=utcnow(),
        reply=reply,
        reply_targets=[t for s, t in supported if s == JAPANESE],
        low_confidence=get_settings().translation_low_confidence,
    )
    if reply_text is None:
        japanese_draft = view.draft is not None and view.draft.language == JAPANESE
        reply_text = view.draft.text if view.draft is not None and japanese_draft else ""
    return render(
        request,
        "conversation.html",
        status_code,
        view=view,
        views=views,
        error=error,
        reply_text=reply_text,
        note_text=note_text,
        statuses=views.STATUS_ORDER,
        queue=conversation.queue.language,
        is_admin=is_admin(current.agent),
        events_since=inbox.conversation_fingerprint(session, conversation.id).token,
        desk=desk_views.conversation_desk(session, conversation),
        **_nav(session, current),
    )


@router.get("/inbox/conversations/{conversation_id}")
def show_conversation(
    conversation_id: int, request: Request, session: SessionDep, current: SignedInDep
) -> Response:
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    return conversation_page(request, session, current, conversation)


def _back(conversation_id: int, anchor: str = "") -> Response:
    return RedirectResponse(f"/inbox/conversations/{conversation_id}{anchor}", status_code=303)


@router.post("/inbox/conversations/{conversation_id}/reply")
def check_reply(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    text_ja: Annotated[str, Form()] = "",
) -> Response:
    """翻訳を確認: store the Japanese as a draft and translate it (with a back-translation)."""
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        missing = service.unfilled_placeholders(text_ja)
        if missing:
            raise service.UnfilledPlaceholdersError(missing)
        language = reply_language(session, conversation)
        draft = service.current_draft(session, conversation.id, current.agent)
        if draft is None:
            service.write_reply(
                session, conversation, text_ja=text_ja, author=current.agent, language=language
            )
        else:
            service.revise_reply(session, draft, text_ja=text_ja, language=language)
    except service.InboxError as exc:
        return conversation_page(
            request,
            session,
            current,
            conversation,
            error=str(exc),
            reply_text=text_ja,
            status_code=422,
        )
    return _back(conversation_id, "#composer")


@router.post("/inbox/conversations/{conversation_id}/reply/direct")
def check_direct_reply(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    text: Annotated[str, Form()] = "",
    language: Annotated[str, Form()] = "",
) -> Response:
    """A reply written directly in the buyer's language (no model reaches it): kept as a draft
    to read once more, then sent as written."""
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        tag = normalize_tag(language) if language else reply_language(session, conversation)
    except UnknownLanguageError:
        tag = reply_language(session, conversation)
    try:
        draft = service.current_draft(session, conversation.id, current.agent)
        if draft is None:
            service.write_direct_reply(
                session, conversation, text=text, language=tag, author=current.agent
            )
        else:
            service.revise_direct_reply(draft, text=text, language=tag)
    except service.InboxError as exc:
        return conversation_page(
            request, session, current, conversation, error=str(exc), status_code=422
        )
    return _back(conversation_id, "#composer")


@router.post("/inbox/conversations/{conversation_id}/reply-language")
def change_reply_language(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    language: Annotated[str, Form()] = "",
) -> Response:
    """The agent chose the reply language; empty follows the buyer's latest message again."""
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    chosen: str | None = None
    if language.strip():
        try:
            chosen = normalize_tag(language)
        except UnknownLanguageError:
            chosen = None
    service.choose_reply_language(conversation, chosen)
    draft = service.current_draft(session, conversation.id, current.agent)
    if draft is not None and draft.language == JAPANESE:
        # The Japanese draft is translated again, into the language now chosen.
        service.revise_reply(
            session, draft, text_ja=draft.text, language=reply_language(session, conversation)
        )
    return _back(conversation_id, "#composer")


def _draft(session: SessionDep, conversation_id: int, message_id: int) -> Message | None:
    message = session.get(Message, message_id)
    if message is None or message.conversation_id != conversation_id:
        return None
    return message


@router.post("/inbox/conversations/{conversation_id}/reply/{message_id}/send")
def send_reply(
    conversation_id: int,
    message_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
) -> Response:
    conversation = _conversation(session, conversation_id)
    draft = _draft(session, conversation_id, message_id)
    if conversation is None or draft is None:
        return _not_found(request)
    try:
        service.send_reply(session, draft, sender=current.agent)
    except service.InboxError as exc:
        return conversation_page(
            request, session, current, conversation, error=str(exc), status_code=422
        )
    return _back(conversation_id)


@router.post("/inbox/conversations/{conversation_id}/reply/{message_id}/discard")
def discard_reply(
    conversation_id: int,
    message_id: int,
    request: Request,
    session: SessionDep,
    _current: CsrfDep,
) -> Response:
    draft = _draft(session, conversation_id, message_id)
    if draft is None:
        return _not_found(request)
    try:
        service.discard_reply(session, draft)
    except service.InboxError:
        pass  # already sent: nothing to discard
    return _back(conversation_id, "#composer")


@router.post("/inbox/conversations/{conversation_id}/notes")
def add_note(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    text_ja: Annotated[str, Form()] = "",
) -> Response:
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        service.add_note(session, conversation, text_ja=text_ja, author=current.agent)
    except service.InboxError as exc:
        return conversation_page(
            request,
            session,
            current,
            conversation,
            error=str(exc),
            note_text=text_ja,
            status_code=422,
        )
    return _back(conversation_id)


@router.post("/inbox/conversations/{conversation_id}/status")
def change_status(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    _current: CsrfDep,
    status: Annotated[ConversationStatus, Form()],
) -> Response:
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    service.set_status(session, conversation, status)
    return _back(conversation_id)


@router.post("/inbox/conversations/{conversation_id}/assignee")
def change_assignee(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    agent_id: Annotated[str, Form()] = "",
) -> Response:
    conversation = _conversation(session, conversation_id)
    if conversation is None:
        return _not_found(request)
    agent: Agent | None = None
    if agent_id == "me":
        agent = current.agent
    elif (number := as_id(agent_id)) is not None:
        agent = session.get(Agent, number)
    service.assign(session, conversation, agent)
    return _back(conversation_id)
