"""Sign-in, sign-out and the agent's own settings (UI language)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from sqlalchemy import select
from starlette.responses import RedirectResponse, Response

from gateway.auth import csrf, sessions
from gateway.auth.passwords import hash_password, verify_password
from gateway.auth.secret import secret_key
from gateway.auth.throttle import login_keys, login_throttle
from gateway.auth.web import CsrfDep, SignedInDep
from gateway.db import SessionDep
from gateway.i18n import AGENT_LOCALES, _, negotiate, set_locale
from gateway.models import Agent, utcnow
from gateway.web.rendering import duration, render
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)

LOCALE_COOKIE = "kakehashi_locale"
# Verifying against a real hash when the address is unknown keeps both cases equally slow.
_DUMMY_HASH = hash_password("not-a-real-password-at-all")


def _safe_next(value: str | None) -> str:
    """Only our own pages: never an absolute or protocol-relative URL (open redirect)."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/inbox"


def _login_locale(request: Request) -> str:
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in AGENT_LOCALES:
        return chosen
    return negotiate(request.headers.get("accept-language"), AGENT_LOCALES, "ja")


def _login_page(
    request: Request,
    *,
    next_url: str,
    email: str = "",
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    set_locale(_login_locale(request))
    anchor = request.cookies.get(csrf.ANCHOR_COOKIE) or csrf.new_anchor()
    response = render(
        request,
        "login.html",
        status_code,
        csrf_token=csrf.token_for(anchor, secret=secret_key()),
        next_url=next_url,
        email=email,
        error=error,
    )
    csrf.set_anchor_cookie(response, request, anchor)
    return response


@router.get("/")
def home(request: Request, session: SessionDep) -> Response:
    """Where `make serve`'s URL leads: the inbox for a signed-in agent, else the sign-in page."""
    web_session = sessions.read(
        request.cookies.get(sessions.SESSION_COOKIE), secret=secret_key(), now=utcnow()
    )
    if web_session and sessions.signed_in_agent(session, web_session):
        return RedirectResponse("/inbox", status_code=303)
    return RedirectResponse("/login", status_code=303)


@router.get("/login")
def login_form(request: Request, session: SessionDep, next: str | None = None) -> Response:
    secret = secret_key()
    web_session = sessions.read(
        request.cookies.get(sessions.SESSION_COOKIE), secret=secret, now=utcnow()
    )
    if web_session and sessions.signed_in_agent(session, web_session):
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, next_url=_safe_next(next))


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/inbox",
) -> Response:
    next_url = _safe_next(next)
    secret = secret_key()
    set_locale(_login_locale(request))
    anchor = request.cookies.get(csrf.ANCHOR_COOKIE)
    if not csrf.same_origin(request) or not csrf.token_matches(anchor, csrf_token, secret=secret):
        return _login_page(
            request,
            next_url=next_url,
            email=email,
            error=_("The sign-in form had expired. Please sign in again."),
            status_code=403,
        )
    now = utcnow()
    keys = login_keys(email, request.client.host if request.client else None)
    wait = login_throttle.retry_after(session, keys, now=now)
    if wait is not None:
        return _login_page(
            request,
            next_url=next_url,
            email=email,
            error=_("Too many failed sign-ins. Try again in %(time)s.") % {"time": duration(wait)},
            status_code=429,
        )
    agent = session.scalar(select(Agent).where(Agent.email == email.strip().lower()))
    valid = verify_password(agent.password_hash if agent else _DUMMY_HASH, password)
    if agent is None or not valid or not agent.active:
        login_throttle.failed(session, keys, now=now)
        return _login_page(
            request,
            next_url=next_url,
            email=email,
            error=_("The e-mail address or the password is not right."),
            status_code=401,
        )
    login_throttle.succeeded(session, keys[:1])
    _web_session, cookie = sessions.issue(agent, secret=secret, now=now)
    response = RedirectResponse(next_url, status_code=303)
    sessions.set_cookie(response, request, cookie)
    response.delete_cookie(csrf.ANCHOR_COOKIE, path="/")
    response.set_cookie(
        LOCALE_COOKIE, agent.ui_locale, max_age=60 * 60 * 24 * 365, samesite="lax", path="/"
    )
    return response


@router.post("/logout")
def logout(request: Request, current: CsrfDep, session: SessionDep) -> Response:
    sessions.sign_out(session, current.web_session, now=utcnow())
    response = RedirectResponse("/login", status_code=303)
    sessions.clear_cookie(response, request)
    return response


@router.get("/inbox/settings")
def settings_page(request: Request, current: SignedInDep, saved: bool = False) -> Response:
    return render(
        request,
        "settings.html",
        current=current,
        csrf_token=current.csrf_token,
        locales=AGENT_LOCALES,
        saved=saved,
    )


@router.post("/inbox/settings")
def save_settings(
    request: Request,
    session: SessionDep,
    current: CsrfDep,
    ui_locale: Annotated[str, Form()] = "ja",
) -> Response:
    agent = session.get(Agent, current.agent.id)
    if agent is not None and ui_locale in AGENT_LOCALES:
        agent.ui_locale = ui_locale
    response = RedirectResponse("/inbox/settings?saved=1", status_code=303)
    response.set_cookie(
        LOCALE_COOKIE, ui_locale, max_age=60 * 60 * 24 * 365, samesite="lax", path="/"
    )
    return response
