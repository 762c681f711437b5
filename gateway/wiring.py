"""The composition root's wiring: who handles each domain event, and which jobs a worker runs.

Lower parts never import upward. A service records a typed event (gateway/events.py) or calls a
hook; what happens next is decided here. ``create_app`` and :func:`all_jobs` both call
:func:`wire_events`, so an event recorded in a web request or in a background job reaches the
same handlers.
"""

from __future__ import annotations

from gateway import events
from gateway.csat.tasks import TranslateCsatComments
from gateway.faq.tasks import TranslateFaq
from gateway.intake.tasks import ExpireIdempotencyKeys
from gateway.mailbox.held import PurgeHeldMail
from gateway.mailbox.inbound import ProcessInboundMail
from gateway.mailbox.outbound import SendMail
from gateway.settings import Settings
from gateway.sla.tasks import CheckSla, DeliverSlaWarning
from gateway.translations.tasks import TranslateMessages
from gateway.webhooks.service import record_deliveries
from gateway.webhooks.tasks import DeliverWebhook
from gateway.workers.runner import Job


def wire_events() -> None:
    events.subscribe("webhooks", record_deliveries)


def all_jobs(settings: Settings) -> list[Job]:
    """Every kind of background work a worker process runs."""
    wire_events()  # events recorded by jobs reach the same handlers as in the web processes
    return [
        ProcessInboundMail(),
        TranslateMessages(batch_size=settings.translation_batch_size),
        SendMail(),
        TranslateFaq(batch_size=settings.translation_batch_size),
        CheckSla(),
        DeliverSlaWarning(),
        ExpireIdempotencyKeys(),
        PurgeHeldMail(),
        DeliverWebhook(settings),
        TranslateCsatComments(),
    ]
