"""Agent sign-in sessions: a signed, expiring cookie, and a list of the ones signed out.

The cookie names the agent, a random session id (the anchor of its CSRF tokens), when it was
issued, and a fingerprint of the agent's password hash, so changing a password or deactivating
the agent ends every session at once. Signing out records the session id until the cookie
would have expired, so a copy of the cookie stops working too. It is HttpOnly, SameSite=Lax,
and Secure over TLS.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from gateway.models import Agent, RevokedSession

SESSION_COOKIE = "kakehashi_session"
SESSION_LIFETIME = timedelta(hours=12)


def derive_key(secret: str, purpose: str) -> bytes:
    """A key for one purpose, so a value signed for one use never verifies for another."""
    return hmac.new(secret.encode(), f"kakehashi.{purpose}".encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def password_fingerprint(agent: Agent) -> str:
    """Changes with the password and with every "end all sessions" (``session_epoch``)."""
    material = agent.password_hash
    if agent.session_epoch:
        material += f"|{agent.session_epoch}"
    return hashlib.sha256(material.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class WebSession:
    agent_id: int
    sid: str
    issued_at: datetime
    fingerprint: str


def issue(agent: Agent, *, secret: str, now: datetime) -> tuple[WebSession, str]:
    """A new session for ``agent`` (a fresh id, so a session id is never reused across sign-ins)."""
    web_session = WebSession(
        agent_id=agent.id,
        sid=secrets.token_urlsafe(18),
        issued_at=now,
        fingerprint=password_fingerprint(agent),
    )
    payload = _b64(
        json.dumps(
            {
                "a": web_session.agent_id,
                "s": web_session.sid,
                "i": int(now.timestamp()),
                "p": web_session.fingerprint,
            },
            separators=(",", ":"),
        ).encode()
    )
    signature = _b64(hmac.new(derive_key(secret, "session"), payload.encode(), "sha256").digest())
    return web_session, f"{payload}.{signature}"


def read(value: str | None, *, secret: str, now: datetime) -> WebSession | None:
    """The session a cookie value carries, or None when it is forged, malformed or expired."""
    if not value or value.count(".") != 1:
        return None
    payload, signature = value.split(".")
    expected = _b64(hmac.new(derive_key(secret, "session"), payload.encode(), "sha256").digest())
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        data = json.loads(_unb64(payload))
        issued_at = datetime.fromtimestamp(int(data["i"]), tz=UTC)
        web_session = WebSession(
            agent_id=int(data["a"]),
            sid=str(data["s"]),
            issued_at=issued_at,
            fingerprint=str(data["p"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    if not (issued_at - timedelta(minutes=5) <= now < issued_at + SESSION_LIFETIME):
        return None
    return web_session


def signed_in_agent(session: Session, web_session: WebSession) -> Agent | None:
    """The agent of a valid session, if still active, with the same password, not signed out."""
    agent = session.get(Agent, web_session.agent_id)
    if agent is None or not agent.active:
        return None
    if not hmac.compare_digest(password_fingerprint(agent), web_session.fingerprint):
        return None
    if session.get(RevokedSession, web_session.sid) is not None:
        return None
    return agent


def sign_out(session: Session, web_session: WebSession, *, now: datetime) -> None:
    """End ``web_session`` for good, wherever its cookie is."""
    session.execute(delete(RevokedSession).where(RevokedSession.expires_at < now))
    if session.get(RevokedSession, web_session.sid) is None:
        session.add(
            RevokedSession(
                sid=web_session.sid,
                agent_id=web_session.agent_id,
                expires_at=web_session.issued_at + SESSION_LIFETIME,
            )
        )


def is_tls(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(response: Response, request: Request, value: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=is_tls(request),
        path="/",
    )


def clear_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        SESSION_COOKIE, httponly=True, samesite="lax", secure=is_tls(request), path="/"
    )
