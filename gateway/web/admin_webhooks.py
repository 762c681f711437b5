"""/admin/webhooks: endpoints, why one was disabled, and the log of failed deliveries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from gateway.auth.web import AdminDep, AdminViewDep, SignedIn
from gateway.db import SessionDep
from gateway.models import WebhookEndpoint
from gateway.settings import get_settings
from gateway.web.rendering import render
from gateway.web.routing import WebRoute
from gateway.web.sidebar import sidebar
from gateway.webhooks import service
from gateway.webhooks.addresses import WebhookUrlError

router = APIRouter(prefix="/admin/webhooks", route_class=WebRoute, include_in_schema=False)


def _page(
    request: Request,
    session: SessionDep,
    current: SignedIn,
    *,
    error: str = "",
    created: WebhookEndpoint | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "admin_webhooks.html",
        status_code,
        current=current,
        csrf_token=current.csrf_token,
        **sidebar(session),
        endpoints=service.list_endpoints(session),
        failures=service.recent_deliveries(session, failed_only=True, limit=30),
        event_types=service.EVENT_TYPES,
        error=error,
        created=created,
    )


@router.get("")
def webhooks_page(request: Request, session: SessionDep, current: AdminViewDep) -> Response:
    return _page(request, session, current)


@router.post("")
def create_webhook(
    request: Request,
    session: SessionDep,
    current: AdminDep,
    url: Annotated[str, Form(max_length=2000)] = "",
    events: Annotated[list[str] | None, Form()] = None,
    description: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        endpoint = service.create_endpoint(
            session,
            url=url,
            event_types=events or [],
            description=description,
            allow_private=get_settings().webhooks_allow_private,
        )
    except (service.WebhookError, WebhookUrlError) as exc:
        return _page(request, session, current, error=str(exc), status_code=422)
    return _page(request, session, current, created=endpoint)


def _back() -> Response:
    return RedirectResponse("/admin/webhooks", status_code=303)


@router.post("/{webhook_id}/enable")
def enable_webhook(webhook_id: int, session: SessionDep, _current: AdminDep) -> Response:
    endpoint = session.get(WebhookEndpoint, webhook_id)
    if endpoint is not None:
        service.update_endpoint(session, endpoint, enabled=True, allow_private=True)
    return _back()


@router.post("/{webhook_id}/disable")
def disable_webhook(webhook_id: int, session: SessionDep, _current: AdminDep) -> Response:
    endpoint = session.get(WebhookEndpoint, webhook_id)
    if endpoint is not None:
        service.update_endpoint(session, endpoint, enabled=False, allow_private=True)
    return _back()


@router.post("/{webhook_id}/test")
def send_test_delivery(webhook_id: int, session: SessionDep, _current: AdminDep) -> Response:
    endpoint = session.get(WebhookEndpoint, webhook_id)
    if endpoint is not None and endpoint.enabled:
        service.send_test(session, endpoint)
    return _back()


@router.post("/{webhook_id}/delete")
def delete_webhook(webhook_id: int, session: SessionDep, _current: AdminDep) -> Response:
    endpoint = session.get(WebhookEndpoint, webhook_id)
    if endpoint is not None:
        service.delete_endpoint(session, endpoint)
    return _back()
