"""Every kind of background work a worker process runs."""

from __future__ import annotations

from gateway.csat.tasks import TranslateCsatComments
from gateway.faq.tasks import TranslateFaq
from gateway.intake.tasks import ExpireIdempotencyKeys
from gateway.mailbox.held import PurgeHeldMail
from gateway.mailbox.inbound import ProcessInboundMail
from gateway.mailbox.outbound import SendMail
from gateway.settings import Settings
from gateway.sla.tasks import CheckSla, DeliverSlaWarning
from gateway.translations.tasks import TranslateMessages
from gateway.webhooks.tasks import DeliverWebhook
from gateway.wiring import wire_events
from gateway.workers.runner import Job


def all_jobs(settings: Settings) -> list[Job]:
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
