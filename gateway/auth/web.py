"""FastAPI dependencies for the agent pages: the signed-in agent, CSRF checks, admin only.

The errors below are turned into a redirect to /login or an HTML error page by the web
router's route class (gateway/web/routing.py), never into the API's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from gateway.auth import csrf, presence, sessions
from gateway.auth.secret import secret_key
from gateway.db import READ_METHODS, SessionDep, get_database
from gateway.i18n import AGENT_LOCALES, set_locale
from gateway.models import Agent, AgentRole, utcnow


class WebAuthError(Exception):
    """A page request that may not go ahead as it is."""


class SignInRequired(WebAuthError):
    def __init__(self, next_url: str) -> None:
        super().__init__("sign in first")
        self.next_url = next_url


class CsrfRefused(WebAuthError):
    def __init__(self) -> None:
        super().__init__(
            "The form was not sent from this site's page (missing or stale CSRF token): "
            "reload the page and try again."
        )


class AdminRequired(WebAuthError):
    def __init__(self) -> None:
        super().__init__("Only administrators may do this.")


@dataclass(frozen=True)
class SignedIn:
    agent: Agent
    web_session: sessions.WebSession

    @property
    def csrf_token(self) -> str:
        return csrf.token_for(self.web_session.sid, secret=secret_key())


def _next_url(request: Request) -> str:
    path = request.url.path
    return f"{path}?{request.url.query}" if request.url.query else path


def signed_in(request: Request, session: SessionDep) -> SignedIn:
    secret = secret_key()
    web_session = sessions.read(
        request.cookies.get(sessions.SESSION_COOKIE), secret=secret, now=utcnow()
    )
    agent = sessions.signed_in_agent(session, web_session) if web_session else None
    if agent is None or web_session is None:
        raise SignInRequired(_next_url(request) if request.method == "GET" else "/inbox")
    now = utcnow()
    # Pages and the inbox's live stream are reads; the agent's presence is noted beside them.
    if request.method in READ_METHODS and presence.is_stale(agent, now=now):
        presence.note_seen(get_database(), agent.id, now=now)
    return SignedIn(agent=agent, web_session=web_session)


async def signed_in_with_locale(
    current: Annotated[SignedIn, Depends(signed_in)],
) -> SignedIn:
    # Async on purpose: a context variable set here reaches the endpoint (a sync dependency
    # runs in a worker thread, and what it sets stays there).
    set_locale(current.agent.ui_locale if current.agent.ui_locale in AGENT_LOCALES else "ja")
    return current


SignedInDep = Annotated[SignedIn, Depends(signed_in_with_locale)]


async def csrf_protected(request: Request, current: SignedInDep) -> SignedIn:
    """The signed-in agent, for a request that changes something: its CSRF token must match."""
    token = request.headers.get(csrf.HEADER)
    if token is None:
        form = await request.form()
        field = form.get(csrf.FIELD)
        token = field if isinstance(field, str) else None
    if not csrf.same_origin(request) or not csrf.token_matches(
        current.web_session.sid, token, secret=secret_key()
    ):
        raise CsrfRefused
    return current


CsrfDep = Annotated[SignedIn, Depends(csrf_protected)]


def admin_only(current: CsrfDep) -> SignedIn:
    if current.agent.role != AgentRole.ADMIN:
        raise AdminRequired
    return current


AdminDep = Annotated[SignedIn, Depends(admin_only)]


def is_admin(agent: Agent) -> bool:
    return agent.role == AgentRole.ADMIN


def admin_viewer(current: SignedInDep) -> SignedIn:
    """The signed-in administrator, for an admin page that only shows (no CSRF token needed)."""
    if current.agent.role != AgentRole.ADMIN:
        raise AdminRequired
    return current


AdminViewDep = Annotated[SignedIn, Depends(admin_viewer)]
