"""Who handles each domain event (gateway/events.py): decided here, at the composition root.

``create_app`` and the worker registration both call :func:`wire_events`, so an event recorded
in a web request or in a background job reaches the same handlers.
"""

from __future__ import annotations

from gateway import events
from gateway.webhooks.service import record_deliveries


def wire_events() -> None:
    events.subscribe("webhooks", record_deliveries)
