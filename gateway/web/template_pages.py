"""定型文: every agent reads and inserts templates; administrators write them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from gateway.auth.web import AdminDep, SignedInDep, is_admin
from gateway.db import SessionDep
from gateway.inbox import repository as inbox
from gateway.inbox import service
from gateway.models import ReplyTemplate, utcnow
from gateway.web.rendering import render
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _page(
    request: Request,
    session: SessionDep,
    current: SignedInDep,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "templates.html",
        status_code,
        current=current,
        csrf_token=current.csrf_token,
        templates=inbox.templates(session),
        examples=service.DEFAULT_TEMPLATES,
        can_edit=is_admin(current.agent),
        queue_counts=inbox.queue_counts(session, now=utcnow()),
        queue=None,
        error=error,
    )


@router.get("/inbox/templates")
def templates_page(request: Request, session: SessionDep, current: SignedInDep) -> Response:
    return _page(request, session, current)


@router.post("/inbox/templates")
def create_template(
    request: Request,
    session: SessionDep,
    current: AdminDep,
    name: Annotated[str, Form(max_length=200)] = "",
    category: Annotated[str, Form(max_length=100)] = "",
    body_ja: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    try:
        service.save_template(session, None, name=name, category=category, body_ja=body_ja)
    except service.InboxError as exc:
        return _page(request, session, current, error=str(exc), status_code=422)
    return RedirectResponse("/inbox/templates", status_code=303)


@router.post("/inbox/templates/defaults")
def add_defaults(session: SessionDep, _current: AdminDep) -> Response:
    service.add_default_templates(session)
    return RedirectResponse("/inbox/templates", status_code=303)


@router.post("/inbox/templates/{template_id}")
def update_template(
    template_id: int,
    request: Request,
    session: SessionDep,
    current: AdminDep,
    name: Annotated[str, Form(max_length=200)] = "",
    category: Annotated[str, Form(max_length=100)] = "",
    body_ja: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    template = session.get(ReplyTemplate, template_id)
    if template is not None:
        try:
            service.save_template(session, template, name=name, category=category, body_ja=body_ja)
        except service.InboxError as exc:
            return _page(request, session, current, error=str(exc), status_code=422)
    return RedirectResponse(f"/inbox/templates#template-{template_id}", status_code=303)


@router.post("/inbox/templates/{template_id}/delete")
def delete_template(template_id: int, session: SessionDep, _current: AdminDep) -> Response:
    template = session.get(ReplyTemplate, template_id)
    if template is not None:
        session.delete(template)
    return RedirectResponse("/inbox/templates", status_code=303)
