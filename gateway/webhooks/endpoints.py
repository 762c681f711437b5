"""``/api/v1/webhooks``: the shop's systems subscribe to events and read the delivery log."""

from __future__ import annotations

from fastapi import APIRouter, Response

from gateway.auth.dependencies import TokenDep
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.i18n import _
from gateway.models import WebhookDelivery, WebhookEndpoint
from gateway.settings import get_settings
from gateway.webhooks import service
from gateway.webhooks.addresses import WebhookUrlError
from gateway.webhooks.schemas import (
    DeliveryOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
    WebhookWithSecret,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])


def _out(endpoint: WebhookEndpoint) -> WebhookOut:
    return WebhookOut(
        id=endpoint.id,
        url=endpoint.url,
        events=endpoint.event_types,
        description=endpoint.description,
        enabled=endpoint.enabled,
        consecutive_failures=endpoint.consecutive_failures,
        disabled_at=endpoint.disabled_at,
        disabled_reason=endpoint.disabled_reason,
        created_at=endpoint.created_at,
    )


def _with_secret(endpoint: WebhookEndpoint) -> WebhookWithSecret:
    return WebhookWithSecret(**_out(endpoint).model_dump(), secret=endpoint.secret)


def _delivery_out(delivery: WebhookDelivery) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        message_id=delivery.message_id,
        type=delivery.event_type,
        state=delivery.state,
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at,
        last_status_code=delivery.last_status_code,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
        delivered_at=delivery.delivered_at,
    )


def _refused(exc: ValueError) -> ApiError:
    return ApiError(422, "invalid_webhook", str(exc))


def _endpoint(session: SessionDep, webhook_id: int) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, webhook_id)
    if endpoint is None:
        raise ApiError(404, "not_found", _("No webhook with this id."))
    return endpoint


@router.post("", status_code=201, response_model=WebhookWithSecret)
def create_webhook(body: WebhookIn, session: SessionDep, _token: TokenDep) -> WebhookWithSecret:
    """Subscribe ``url`` to ``events``; the answer carries the signing secret."""
    try:
        endpoint = service.create_endpoint(
            session,
            url=body.url,
            event_types=body.events,
            description=body.description,
            allow_private=get_settings().webhooks_allow_private,
        )
    except (service.WebhookError, WebhookUrlError) as exc:
        raise _refused(exc) from exc
    return _with_secret(endpoint)


@router.get("", response_model=list[WebhookOut])
def list_webhooks(session: SessionDep, _token: TokenDep) -> list[WebhookOut]:
    return [_out(endpoint) for endpoint in service.list_endpoints(session)]


@router.get("/{webhook_id}", response_model=WebhookWithSecret)
def get_webhook(webhook_id: int, session: SessionDep, _token: TokenDep) -> WebhookWithSecret:
    return _with_secret(_endpoint(session, webhook_id))


@router.patch("/{webhook_id}", response_model=WebhookOut)
def update_webhook(
    webhook_id: int, body: WebhookPatch, session: SessionDep, _token: TokenDep
) -> WebhookOut:
    """Change the URL, events or description; ``"enabled": true`` turns a disabled one back on."""
    endpoint = _endpoint(session, webhook_id)
    try:
        service.update_endpoint(
            session,
            endpoint,
            url=body.url,
            event_types=body.events,
            description=body.description,
            enabled=body.enabled,
            allow_private=get_settings().webhooks_allow_private,
        )
    except (service.WebhookError, WebhookUrlError) as exc:
        raise _refused(exc) from exc
    return _out(endpoint)


@router.delete("/{webhook_id}", status_code=204)
def delete_webhook(webhook_id: int, session: SessionDep, _token: TokenDep) -> Response:
    service.delete_endpoint(session, _endpoint(session, webhook_id))
    return Response(status_code=204)


@router.post("/{webhook_id}/test", status_code=202, response_model=DeliveryOut)
def send_test_delivery(webhook_id: int, session: SessionDep, _token: TokenDep) -> DeliveryOut:
    """Queue a ``webhook.test`` delivery to check the receiver and its signature code."""
    endpoint = _endpoint(session, webhook_id)
    if not endpoint.enabled:
        raise ApiError(
            409, "webhook_disabled", _("This webhook is disabled: enable it before testing.")
        )
    return _delivery_out(service.send_test(session, endpoint))


@router.get("/{webhook_id}/deliveries", response_model=list[DeliveryOut])
def list_deliveries(webhook_id: int, session: SessionDep, _token: TokenDep) -> list[DeliveryOut]:
    """The latest 50 deliveries, newest first, with each one's last error."""
    endpoint = _endpoint(session, webhook_id)
    return [_delivery_out(d) for d in service.recent_deliveries(session, endpoint.id)]
