"""CSRF tokens for the agent pages: an HMAC of an anchor only this browser holds.

Signed in, the anchor is the session id inside the signed session cookie; before sign-in (the
login form) it is a random value in its own HttpOnly cookie. A form or a script sends the token
back in the ``csrf_token`` field or the ``X-CSRF-Token`` header; a request from another origin
cannot read it, so it cannot forge it. The Origin header, when the browser sends one, must also
be ours.
"""

from __future__ import annotations

import base64
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from gateway.auth.sessions import derive_key, is_tls

ANCHOR_COOKIE = "kakehashi_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"


def token_for(anchor: str, *, secret: str) -> str:
    digest = hmac.new(derive_key(secret, "csrf"), anchor.encode(), "sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_matches(anchor: str | None, token: str | None, *, secret: str) -> bool:
    if not anchor or not token:
        return False
    return hmac.compare_digest(token_for(anchor, secret=secret), token)


def new_anchor() -> str:
    return secrets.token_urlsafe(18)


def set_anchor_cookie(response: Response, request: Request, anchor: str) -> None:
    response.set_cookie(
        ANCHOR_COOKIE,
        anchor,
        max_age=60 * 60 * 12,
        httponly=True,
        samesite="lax",
        secure=is_tls(request),
        path="/",
    )


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        # Old browsers and some privacy settings send none; the token alone decides then.
        return origin is None
    expected = f"{request.url.scheme}://{request.url.netloc}"
    return origin == expected
