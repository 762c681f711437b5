"""Webhook endpoints and their deliveries: save, change, remove; turn events into deliveries.

:func:`record_deliveries` is the event handler the composition root subscribes: each domain
event becomes one delivery row per enabled endpoint that asked for its type, in the same
transaction as the change it reports, and a ``webhooks.deliver`` work item sends it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway import events
from gateway.conversations.serializers import message_out, summary_out
from gateway.models import (
    Conversation,
    Message,
    WebhookDelivery,
    WebhookEndpoint,
    utcnow,
)
from gateway.webhooks import signing
from gateway.webhooks.addresses import check_url
from gateway.workers import queue as work

DELIVER = "webhooks.deliver"
TEST_EVENT = "webhook.test"

EVENT_TYPES = (
    "conversation.created",
    "message.received",
    "message.translated",
    "reply.sent",
    "conversation.status_changed",
    "sla.warning",
    "sla.breached",
)


class WebhookError(ValueError):
    """A webhook request we refuse; the message says what to change."""


def _event_types(requested: Sequence[str]) -> str:
    unknown = [kind for kind in requested if kind not in EVENT_TYPES]
    if unknown:
        raise WebhookError(
            f"unknown event type(s) {', '.join(unknown)}; choose from {', '.join(EVENT_TYPES)}"
        )
    if not requested:
        raise WebhookError(f"subscribe to at least one event: {', '.join(EVENT_TYPES)}")
    return " ".join(kind for kind in EVENT_TYPES if kind in requested)


def create_endpoint(
    session: Session,
    *,
    url: str,
    event_types: Sequence[str],
    description: str = "",
    allow_private: bool,
) -> WebhookEndpoint:
    events_text = _event_types(event_types)
    endpoint = WebhookEndpoint(
        url=check_url(url, allow_private=allow_private),
        events=events_text,
        description=description.strip()[:200],
        secret=signing.new_secret(),
    )
    session.add(endpoint)
    session.flush()
    return endpoint


def update_endpoint(
    session: Session,
    endpoint: WebhookEndpoint,
    *,
    url: str | None = None,
    event_types: Sequence[str] | None = None,
    description: str | None = None,
    enabled: bool | None = None,
    allow_private: bool,
) -> WebhookEndpoint:
    if url is not None:
        endpoint.url = check_url(url, allow_private=allow_private)
    if event_types is not None:
        endpoint.events = _event_types(event_types)
    if description is not None:
        endpoint.description = description.strip()[:200]
    if enabled is True and not endpoint.enabled:
        # Turned back on by a person: it starts with a clean slate.
        endpoint.consecutive_failures = 0
        endpoint.disabled_at = None
        endpoint.disabled_reason = None
    if enabled is not None:
        endpoint.enabled = enabled
    endpoint.updated_at = utcnow()
    return endpoint


def delete_endpoint(session: Session, endpoint: WebhookEndpoint) -> None:
    session.delete(endpoint)


def list_endpoints(session: Session) -> Sequence[WebhookEndpoint]:
    return session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)).all()


def recent_deliveries(
    session: Session, endpoint_id: int | None = None, *, failed_only: bool = False, limit: int = 50
) -> Sequence[WebhookDelivery]:
    query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
    if endpoint_id is not None:
        query = query.where(WebhookDelivery.endpoint_id == endpoint_id)
    if failed_only:
        query = query.where(WebhookDelivery.last_error.is_not(None))
    return session.scalars(query).all()


def _body(event_type: str, message_id: str, at: datetime, data: dict[str, Any]) -> str:
    return json.dumps(
        {"type": event_type, "id": message_id, "timestamp": at.isoformat(), "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )


def enqueue_delivery(
    session: Session, endpoint: WebhookEndpoint, event_type: str, data: dict[str, Any]
) -> WebhookDelivery:
    message_id = signing.new_message_id()
    delivery = WebhookDelivery(
        endpoint_id=endpoint.id,
        message_id=message_id,
        event_type=event_type,
        body=_body(event_type, message_id, utcnow(), data),
    )
    session.add(delivery)
    session.flush()
    work.enqueue(session, DELIVER, delivery.id)
    return delivery


def send_test(session: Session, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A ``webhook.test`` delivery, so a shop can check its receiver and signature code."""
    return enqueue_delivery(
        session, endpoint, TEST_EVENT, {"endpoint_id": endpoint.id, "url": endpoint.url}
    )


# --- events → deliveries ----------------------------------------------------------------------


def _conversation_data(conversation: Conversation) -> dict[str, Any]:
    return summary_out(conversation, None).model_dump(mode="json", exclude={"latest_message"})


def _message_data(message: Message) -> dict[str, Any]:
    return message_out(message).model_dump(mode="json")


_MESSAGE_EVENTS: dict[type[object], str] = {
    events.ConversationCreated: "conversation.created",
    events.MessageReceived: "message.received",
    events.MessageTranslated: "message.translated",
    events.ReplySent: "reply.sent",
}


def event_payload(session: Session, event: events.DomainEvent) -> tuple[str, dict[str, Any]] | None:
    """The webhook type and data of ``event``; None when what it names is gone."""
    conversation = session.get(Conversation, event.conversation_id)
    if conversation is None:
        return None
    data: dict[str, Any] = {"conversation": _conversation_data(conversation)}
    if isinstance(event, events.ConversationStatusChanged):
        data["previous_status"] = event.previous
        data["status"] = event.status
        return "conversation.status_changed", data
    if isinstance(event, events.SlaWarningRaised):
        due = conversation.sla_due_at
        data["due_at"] = due.isoformat() if due else None
        data["target_hours"] = conversation.queue.target_hours
        return ("sla.breached" if event.kind == "breached" else "sla.warning"), data
    message = session.get(Message, event.message_id)
    if message is None:
        return None
    data["message"] = _message_data(message)
    return _MESSAGE_EVENTS[type(event)], data


def record_deliveries(session: Session, event: events.DomainEvent) -> None:
    """Event handler: one delivery per enabled endpoint subscribed to the event's type."""
    endpoints = session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.enabled.is_(True))
    ).all()
    if not endpoints:
        return
    payload = event_payload(session, event)
    if payload is None:
        return
    kind, data = payload
    for endpoint in endpoints:
        if kind in endpoint.event_types:
            enqueue_delivery(session, endpoint, kind, data)
