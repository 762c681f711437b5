"""The desk's agent pages: tags, priority and escalation on a conversation, bulk actions in the
inbox list, and the escalation group's own view (/inbox/escalations)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from gateway.auth.web import CsrfDep, SignedInDep
from gateway.db import SessionDep
from gateway.desk import escalation, service
from gateway.desk.views import priority_name
from gateway.i18n import _
from gateway.inbox import repository as inbox
from gateway.models import Conversation, ConversationStatus, utcnow
from gateway.triage.priority import Priority, priority_label
from gateway.triage.tags import TagError, split_tags
from gateway.web.rendering import render, render_error
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _back(conversation_id: int) -> Response:
    return RedirectResponse(f"/inbox/conversations/{conversation_id}", status_code=303)


def _refused(request: Request, message: str) -> Response:
    return render_error(request, 422, _("This change was not made"), message)


def _not_found(request: Request) -> Response:
    return render_error(
        request,
        404,
        _("Conversation not found"),
        _("It may have been deleted, or the link is wrong."),
    )


@router.post("/inbox/conversations/{conversation_id}/tags")
def change_tags(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    _current: CsrfDep,
    tags: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        service.apply_change(session, conversation, service.Change(tags=split_tags(tags)))
    except TagError as exc:
        return _refused(request, str(exc))
    return _back(conversation_id)


@router.post("/inbox/conversations/{conversation_id}/priority")
def change_priority(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    _current: CsrfDep,
    priority: Annotated[str, Form()] = "normal",
) -> Response:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        level = Priority.from_name(priority)
    except ValueError as exc:
        return _refused(request, str(exc))
    service.apply_change(session, conversation, service.Change(priority=level))
    return _back(conversation_id)


@router.post("/inbox/conversations/{conversation_id}/escalate")
def escalate(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    reason: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        escalation.escalate(session, conversation, reason=reason, agent=current.agent)
    except escalation.EscalationError as exc:
        return _refused(request, str(exc))
    return _back(conversation_id)


@router.post("/inbox/conversations/{conversation_id}/hand-back")
def hand_back(
    conversation_id: int,
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return _not_found(request)
    try:
        escalation.hand_back(session, conversation, note=note, agent=current.agent)
    except escalation.EscalationError as exc:
        return _refused(request, str(exc))
    return _back(conversation_id)


@router.post("/inbox/bulk")
def bulk(
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    ids: Annotated[list[int], Form()],
    add_tag: Annotated[str, Form(max_length=200)] = "",
    priority: Annotated[str, Form()] = "",
    assignee: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "",
    back: Annotated[str, Form(max_length=2000)] = "/inbox",
) -> Response:
    """Tag, prioritise, assign or change the status of the conversations ticked in the list."""
    try:
        change = service.Change(
            add_tags=split_tags(add_tag),
            priority=Priority.from_name(priority) if priority else None,
            status=ConversationStatus(status) if status else None,
            assignee_id=current.agent.id
            if assignee == "me"
            else (int(assignee) if assignee.isdigit() else None),
            unassign=assignee == "none",
        )
        service.apply_to_many(session, ids[:200], change)
    except (ValueError, service.DeskError) as exc:
        return _refused(request, str(exc))
    target = back if back.startswith("/inbox") and not back.startswith("//") else "/inbox"
    return RedirectResponse(target, status_code=303)


@router.get("/inbox/escalations")
def escalations(request: Request, session: SessionDep, current: SignedInDep) -> Response:
    now = utcnow()
    rows = escalation.escalated_conversations(session)
    history = escalation.history(session, [c.id for c in rows])
    agent_ids = [e.agent_id for events in history.values() for e in events]
    return render(
        request,
        "desk_escalations.html",
        current=current,
        csrf_token=current.csrf_token,
        queue_counts=inbox.queue_counts(session, now=now),
        status_counts=inbox.status_counts(session),
        queue=None,
        now=now,
        rows=rows,
        history=history,
        agents=inbox.agents_by_id(session, agent_ids),
        group=escalation.escalation_group(session),
        in_group=escalation.in_escalation_group(session, current.agent),
        priority_name=priority_name,
        priority_label=priority_label,
    )
