"""/admin/agents: administrators list, invite, promote, disable and reset agents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from gateway.auth import agents
from gateway.auth.passwords import WeakPasswordError
from gateway.auth.web import AdminDep, AdminViewDep, SignedIn
from gateway.db import SessionDep
from gateway.i18n import _
from gateway.models import Agent
from gateway.web.rendering import render
from gateway.web.routing import WebRoute
from gateway.web.sidebar import sidebar

router = APIRouter(prefix="/admin/agents", route_class=WebRoute, include_in_schema=False)


def _page(
    request: Request,
    session: SessionDep,
    current: SignedIn,
    *,
    notice: str = "",
    error: str = "",
    one_time: tuple[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "admin_agents.html",
        status_code,
        current=current,
        csrf_token=current.csrf_token,
        **sidebar(session),
        agents=agents.list_agents(session),
        notice=notice,
        error=error,
        one_time=one_time,
    )


def _done(notice: str) -> Response:
    return RedirectResponse(f"/admin/agents?done={notice}", status_code=303)


NOTICES = {
    "role": lambda: _("Role changed."),
    "disabled": lambda: _("Agent disabled: their sessions have ended."),
    "enabled": lambda: _("Agent enabled: they can sign in again."),
}


@router.get("")
def agents_page(
    request: Request, session: SessionDep, current: AdminViewDep, done: str = ""
) -> Response:
    notice = NOTICES[done]() if done in NOTICES else ""
    return _page(request, session, current, notice=notice)


@router.post("")
def create_agent(
    request: Request,
    session: SessionDep,
    current: AdminDep,
    email: Annotated[str, Form(max_length=320)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=20)] = "agent",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Create an agent with the given password, or invite one with a one-time password."""
    invited = not password
    chosen = password or agents.invite_password()
    try:
        agent = agents.create_agent(session, email=email, name=name, role=role, password=chosen)
    except (agents.AgentError, WeakPasswordError) as exc:
        return _page(request, session, current, error=str(exc), status_code=422)
    if invited:
        return _page(
            request,
            session,
            current,
            notice=_("Agent %(email)s created.") % {"email": agent.email},
            one_time=(agent.email, chosen),
        )
    return _page(
        request, session, current, notice=_("Agent %(email)s created.") % {"email": agent.email}
    )


def _agent(session: SessionDep, agent_id: int) -> Agent | None:
    return session.get(Agent, agent_id)


@router.post("/{agent_id}/role")
def change_role(
    agent_id: int,
    request: Request,
    session: SessionDep,
    current: AdminDep,
    role: Annotated[str, Form(max_length=20)] = "agent",
) -> Response:
    agent = _agent(session, agent_id)
    if agent is None:
        return _done("")
    try:
        agents.set_role(session, agent, role)
    except agents.AgentError as exc:
        return _page(request, session, current, error=str(exc), status_code=422)
    return _done("role")


@router.post("/{agent_id}/disable")
def disable_agent(
    agent_id: int, request: Request, session: SessionDep, current: AdminDep
) -> Response:
    agent = _agent(session, agent_id)
    if agent is None:
        return _done("")
    if agent.id == current.agent.id:
        return _page(
            request,
            session,
            current,
            error=_("You cannot disable yourself: ask another administrator."),
            status_code=422,
        )
    try:
        agents.disable(session, agent)
    except agents.AgentError as exc:
        return _page(request, session, current, error=str(exc), status_code=422)
    return _done("disabled")


@router.post("/{agent_id}/enable")
def enable_agent(agent_id: int, session: SessionDep, _current: AdminDep) -> Response:
    agent = _agent(session, agent_id)
    if agent is not None:
        agents.enable(session, agent)
    return _done("enabled")


@router.post("/{agent_id}/password")
def reset_password(
    agent_id: int,
    request: Request,
    session: SessionDep,
    current: AdminDep,
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Set a new password, or (left empty) a one-time password to hand over; sessions end."""
    agent = _agent(session, agent_id)
    if agent is None:
        return _done("")
    chosen = password or agents.invite_password()
    try:
        agents.set_password(session, agent, chosen)
    except WeakPasswordError as exc:
        return _page(request, session, current, error=str(exc), status_code=422)
    notice = _("Password of %(email)s changed; their sessions have ended.") % {"email": agent.email}
    one_time = None if password else (agent.email, chosen)
    return _page(request, session, current, notice=notice, one_time=one_time)
