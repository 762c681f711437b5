"""The route class of every agent page: sign-in redirects, HTML error pages, security headers."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.auth.web import AdminRequired, CsrfRefused, SignInRequired
from gateway.i18n import _
from gateway.web.rendering import render_error

# Pages load scripts and styles from our own origin only; buyer content cannot run anything.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def secure(response: Response, *, csp: str = PAGE_CSP) -> Response:
    response.headers.setdefault("Content-Security-Policy", csp)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


class WebRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                response = await handler(request)
            except SignInRequired as exc:
                response = RedirectResponse(f"/login?next={quote(exc.next_url)}", status_code=303)
            except CsrfRefused:
                response = render_error(
                    request,
                    403,
                    _("This form has expired"),
                    _(
                        "The form was not sent from this page or is too old. Reload the page "
                        "and try again."
                    ),
                )
            except AdminRequired:
                response = render_error(
                    request,
                    403,
                    _("Administrators only"),
                    _("Ask an administrator to make this change."),
                )
            return secure(response)

        return handle
