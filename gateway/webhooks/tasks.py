"""``webhooks.deliver``: POST one signed delivery; retry with backoff; disable a dead endpoint.

The attempt runs outside any transaction (a slow receiver holds no database lock). A 2xx answer
delivers; anything else, a timeout or a refused address is a failed attempt, tried again with
the work queue's backoff until ``max_attempts``. After ``webhooks_disable_after_failures``
failed attempts in a row with no success in between, the endpoint is disabled and its admin
page says why; its pending deliveries then fail instead of piling up.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from gateway.db import Database
from gateway.models import (
    WebhookDelivery,
    WebhookDeliveryState,
    WebhookEndpoint,
    WorkItem,
    WorkState,
    utcnow,
)
from gateway.settings import Settings
from gateway.webhooks import signing
from gateway.webhooks.addresses import WebhookUrlError, check_url
from gateway.webhooks.service import DELIVER
from gateway.workers import queue as work
from gateway.workers.runner import Job

log = logging.getLogger(__name__)

USER_AGENT = "Kakehashi-Webhooks/1"
MAX_ERROR_CHARS = 500


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an address the URL check refused: treat it as a failure."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class Attempt:
    status_code: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class _Outgoing:
    url: str
    secret: str
    message_id: str
    body: bytes


def post(outgoing: _Outgoing, *, timeout: float, allow_private: bool) -> Attempt:
    try:
        check_url(outgoing.url, allow_private=allow_private)
    except WebhookUrlError as exc:
        return Attempt(None, str(exc))
    headers = signing.headers(outgoing.secret, outgoing.message_id, int(time.time()), outgoing.body)
    headers.update({"Content-Type": "application/json", "User-Agent": USER_AGENT})
    request = urllib.request.Request(  # noqa: S310 - check_url allowed http(s) only
        outgoing.url, data=outgoing.body, headers=headers, method="POST"
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        return Attempt(exc.code, f"the receiver answered HTTP {exc.code}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return Attempt(None, f"{urlsplit(outgoing.url).netloc}: {reason}"[:MAX_ERROR_CHARS])
    if not 200 <= status < 300:
        return Attempt(status, f"the receiver answered HTTP {status}")
    return Attempt(status, None)


class DeliverWebhook(Job):
    kind = DELIVER
    batch_size = 10

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        for item in items:
            self._deliver(database, owner, item)

    def _deliver(self, database: Database, owner: str, item: WorkItem) -> None:
        with database.session() as session:
            delivery = session.get(WebhookDelivery, item.subject_id)
            if delivery is None or delivery.state != WebhookDeliveryState.PENDING:
                work.complete(session, item.id, owner)
                return
            endpoint = delivery.endpoint
            if not endpoint.enabled:
                if work.fail(session, item.id, owner, error="endpoint disabled"):
                    delivery.state = WebhookDeliveryState.FAILED
                    delivery.last_error = endpoint.disabled_reason or "the endpoint is disabled"
                    delivery.next_attempt_at = None
                return
            outgoing = _Outgoing(
                endpoint.url, endpoint.secret, delivery.message_id, delivery.body.encode()
            )
        attempt = post(
            outgoing,
            timeout=self.settings.webhooks_timeout_seconds,
            allow_private=self.settings.webhooks_allow_private,
        )
        with database.session() as session:
            if attempt.delivered:
                if work.complete(session, item.id, owner):
                    self._record_success(session.get(WebhookDelivery, item.subject_id), attempt)
                return
            state = work.retry_later(
                session,
                item.id,
                owner,
                error=attempt.error or "failed",
                max_attempts=self.settings.max_attempts,
            )
            if state is None:
                return  # lease lost: another worker has it
            delivery = session.get(WebhookDelivery, item.subject_id)
            if delivery is None:
                return
            self._record_failure(session.get(WorkItem, item.id), delivery, attempt)

    def _record_success(self, delivery: WebhookDelivery | None, attempt: Attempt) -> None:
        if delivery is None:
            return
        delivery.state = WebhookDeliveryState.DELIVERED
        delivery.attempts += 1
        delivery.last_status_code = attempt.status_code
        delivery.delivered_at = utcnow()
        delivery.next_attempt_at = None
        delivery.endpoint.consecutive_failures = 0

    def _record_failure(
        self, item: WorkItem | None, delivery: WebhookDelivery, attempt: Attempt
    ) -> None:
        delivery.attempts += 1
        delivery.last_status_code = attempt.status_code
        delivery.last_error = attempt.error
        if item is not None and item.state == WorkState.PENDING:
            delivery.next_attempt_at = item.next_attempt_at
        else:
            delivery.state = WebhookDeliveryState.FAILED
            delivery.next_attempt_at = None
        endpoint: WebhookEndpoint = delivery.endpoint
        endpoint.consecutive_failures += 1
        limit = self.settings.webhooks_disable_after_failures
        if endpoint.enabled and endpoint.consecutive_failures >= limit:
            endpoint.enabled = False
            endpoint.disabled_at = utcnow()
            endpoint.disabled_reason = (
                f"disabled after {endpoint.consecutive_failures} failed attempts in a row; "
                f"last: {attempt.error}"
            )
            log.warning(
                "webhook endpoint %d disabled after %d failed attempts",
                endpoint.id,
                endpoint.consecutive_failures,
            )
