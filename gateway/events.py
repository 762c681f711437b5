"""Domain events: a lower service says what happened; the composition root decides who acts.

A service calls :func:`record` with a small frozen dataclass inside its own transaction. The
handlers subscribed at the composition root (``gateway/app.py`` for the web processes,
``gateway.wiring.all_jobs`` for the workers) run at once with the same session, so whatever they
write (a webhook delivery, say) commits or rolls back together with the change itself. This
module imports nothing of ours: any layer may record an event without importing its handlers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ConversationCreated:
    conversation_id: int
    message_id: int


@dataclass(frozen=True)
class MessageReceived:
    conversation_id: int
    message_id: int


@dataclass(frozen=True)
class MessageTranslated:
    conversation_id: int
    message_id: int


@dataclass(frozen=True)
class ReplySent:
    conversation_id: int
    message_id: int


@dataclass(frozen=True)
class ConversationStatusChanged:
    conversation_id: int
    previous: str
    status: str


@dataclass(frozen=True)
class SlaWarningRaised:
    """A response target is near (``kind`` ``due_soon``) or has passed (``breached``)."""

    conversation_id: int
    kind: str


DomainEvent = (
    ConversationCreated
    | MessageReceived
    | MessageTranslated
    | ReplySent
    | ConversationStatusChanged
    | SlaWarningRaised
)
Handler = Callable[[Session, DomainEvent], None]

_handlers: dict[str, Handler] = {}
_lock = threading.Lock()


def subscribe(name: str, handler: Handler) -> None:
    """Let ``handler`` see every event; subscribing the same name again replaces it."""
    with _lock:
        _handlers[name] = handler


def unsubscribe(name: str) -> None:
    with _lock:
        _handlers.pop(name, None)


def record(session: Session, event: DomainEvent) -> None:
    """Hand ``event`` to every handler, in the caller's transaction."""
    with _lock:
        handlers = list(_handlers.values())
    for handler in handlers:
        handler(session, event)
