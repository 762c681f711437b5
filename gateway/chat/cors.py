"""Cross-origin access to the buyer endpoints: only the storefronts the shop lists.

``KAKEHASHI_CHAT_ALLOWED_ORIGINS`` names them (``https://shop.example``, comma-separated). A
browser request from any other origin is refused with 403 before the endpoint runs, and its
response carries no ``Access-Control-Allow-Origin``, so the page cannot read it either. Requests
without an ``Origin`` header (same-origin pages, the shop's own servers) pass: CORS protects
browsers' users, the chat token protects the conversation.

Every response of the chat router, errors included, goes through :class:`ChatRoute`, so a 429
carries the CORS headers the widget needs to read ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.errors import error_body
from gateway.settings import get_settings

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID"
EXPOSED_HEADERS = "Retry-After"
PREFLIGHT_MAX_AGE = "600"


def normalize_origin(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


def is_allowed(origin: str, request: Request | None = None) -> bool:
    """Listed in the settings, or the gateway's own origin (its FAQ pages may embed the widget)."""
    settings = get_settings()
    allowed = {normalize_origin(o) for o in settings.chat_allowed_origins}
    if settings.public_url:
        allowed.add(normalize_origin(settings.public_url))
    if request is not None and (host := request.headers.get("host")):
        allowed.add(normalize_origin(f"{request.url.scheme}://{host}"))
    return normalize_origin(origin) in allowed


def refused(origin: str) -> JSONResponse:
    return JSONResponse(
        error_body(
            "origin_not_allowed",
            f"The origin {origin} may not use this chat: add it to KAKEHASHI_CHAT_ALLOWED_ORIGINS.",
        ),
        status_code=403,
        headers={"Vary": "Origin"},
    )


def allow(response: Response, origin: str | None) -> Response:
    if "origin" not in response.headers.get("vary", "").lower():
        response.headers.append("Vary", "Origin")
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


def preflight(request: Request) -> Response:
    """The answer to a CORS preflight (``OPTIONS`` with ``Access-Control-Request-Method``)."""
    origin = request.headers.get("origin")
    if origin is None or not is_allowed(origin, request):
        return refused(origin or "(none)")
    response = Response(status_code=204)
    response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return allow(response, origin)


def max_body_bytes() -> int:
    """Room for the longest message allowed, in the widest UTF-8, plus the JSON around it."""
    return max(64 * 1024, get_settings().chat_max_message_chars * 4 + 4096)


def too_large() -> JSONResponse:
    return JSONResponse(
        error_body(
            "text_too_long",
            "The request body is too large.",
            {"limit": get_settings().chat_max_message_chars},
        ),
        status_code=413,
    )


def _handler_for(request: Request, exc: Exception) -> Callable[..., Any] | None:
    handlers: dict[Any, Callable[..., Any]] = request.app.exception_handlers
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


class ChatRoute(APIRoute):
    """Refuses origins not allowed; adds the CORS headers to every response, errors too."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            origin = request.headers.get("origin")
            if origin is not None and not is_allowed(origin, request):
                return refused(origin)
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_body_bytes():
                return allow(too_large(), origin)
            try:
                response = await handler(request)
            except Exception as exc:
                error_handler = _handler_for(request, exc)
                if error_handler is None:
                    raise
                response = await error_handler(request, exc)
            return allow(response, origin)

        return handle
