"""Who may call the LibreTranslate-compatible endpoints, how much, and how they are told no.

LibreTranslate clients send the API key as ``api_key`` in the form or JSON body (or the query
string); other HTTP clients may use ``Authorization: Bearer``, as on ``/api/v1``. Either way it
is one of our API tokens (``kakehashi token create``). Errors take LibreTranslate's shape,
``{"error": "message"}``, which its clients show as is; a missing or unknown key is 403, as
LibreTranslate answers it. Each token may make ``KAKEHASHI_LIBRETRANSLATE_REQUESTS_PER_MINUTE``
requests a minute (429 with ``Retry-After`` above), counted in this process like the chat limits.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from gateway.auth.tokens import find_token
from gateway.db import get_database
from gateway.i18n import _
from gateway.models import ApiToken
from gateway.models.text import storable
from gateway.ratelimit import RateLimiter
from gateway.settings import get_settings

#: Room for JSON quoting and escapes around the characters a request may carry.
BYTES_PER_CHAR = 8
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

limits = RateLimiter()


class LibreTranslateError(Exception):
    """Answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class LibreTranslateRoute(APIRoute):
    """Routes whose errors (their dependencies' too) come out in LibreTranslate's shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except LibreTranslateError as exc:
                return JSONResponse(
                    {"error": exc.message}, status_code=exc.status, headers=exc.headers
                )

        return handle


async def read_payload(request: Request) -> dict[str, Any]:
    """The request's arguments: query string, then a JSON object or form fields over it."""
    limit = get_settings().libretranslate_max_chars * BYTES_PER_CHAR + 65_536
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise LibreTranslateError(413, _("The request is too large."))
    payload: dict[str, Any] = dict(request.query_params)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            body = await request.json()
        except (ValueError, UnicodeDecodeError) as exc:
            raise LibreTranslateError(
                400, _("The request body is not valid JSON (UTF-8): check quoting and encoding.")
            ) from exc
        if not isinstance(body, dict):
            raise LibreTranslateError(400, _("The request body must be a JSON object."))
        payload.update(body)
    elif kind in FORM_TYPES:
        form = await request.form()
        for key in form:
            values = [v for v in form.getlist(key) if isinstance(v, str)]
            payload[key] = values[0] if len(values) == 1 else values
    return payload


PayloadDep = Annotated[dict[str, Any], Depends(read_payload)]


def _presented_key(request: Request, payload: dict[str, Any]) -> str:
    scheme, _sep, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    key = payload.get("api_key")
    return key.strip() if isinstance(key, str) else ""


def require_api_key(request: Request, payload: PayloadDep) -> ApiToken:
    """The caller's API token (403 without a valid one), counted against its rate limit."""
    key = _presented_key(request, payload)
    if not key:
        raise LibreTranslateError(
            403,
            _(
                "Send an API key: 'api_key' in the request, as LibreTranslate clients do, or "
                "'Authorization: Bearer <token>' (create one with "
                "`kakehashi token create --name NAME`)."
            ),
        )
    # A session of its own, closed at once: translating can take seconds and must not hold
    # a database transaction (on SQLite, the write lock) meanwhile.
    with get_database().session() as session:
        token = find_token(session, key, touch=True)
        if token is not None:
            session.expunge(token)
    if token is None:
        raise LibreTranslateError(
            403,
            _(
                "Invalid API key: it is unknown or revoked. Create a new one with "
                "`kakehashi token create --name NAME`."
            ),
        )
    per_minute = get_settings().libretranslate_requests_per_minute
    wait = limits.hit(f"token:{token.id}", per_minute)
    if wait is not None:
        raise LibreTranslateError(
            429,
            _("Too many requests: at most %(limit)d a minute per API key.") % {"limit": per_minute},
            headers={"Retry-After": str(wait)},
        )
    return token


ApiKeyDep = Annotated[ApiToken, Depends(require_api_key)]


def texts_within_bounds(q: object, *, field: str = "q") -> list[str]:
    """``q`` as a list of texts any model and database can take, refused when it is missing
    or too big."""
    if isinstance(q, str):
        texts = [storable(q)]
    elif isinstance(q, list) and q and all(isinstance(t, str) for t in q):
        texts = [storable(t) for t in q]  # no NUL, no lone surrogate (a JSON "\ud800")
    else:
        raise LibreTranslateError(
            400,
            _("Invalid request: '%(field)s' must be a text or a list of texts.") % {"field": field},
        )
    settings = get_settings()
    if len(texts) > settings.libretranslate_max_texts:
        raise LibreTranslateError(
            413,
            _("Send at most %(limit)d texts in one request.")
            % {"limit": settings.libretranslate_max_texts},
        )
    if sum(len(t) for t in texts) > settings.libretranslate_max_chars:
        raise LibreTranslateError(
            413,
            _("Send at most %(limit)d characters.") % {"limit": settings.libretranslate_max_chars},
        )
    return texts
