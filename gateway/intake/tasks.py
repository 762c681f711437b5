"""Idempotency keys are kept long enough for any retry, then forgotten."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import delete

from gateway.db import Database
from gateway.models import IdempotencyKey, WorkItem, utcnow
from gateway.workers.runner import Job

#: A retry later than this is a new request (the IETF draft asks for at least 24 hours).
KEEP_KEYS = timedelta(days=7)
SWEEP_EVERY_SECONDS = 3600.0


class ExpireIdempotencyKeys(Job):
    """Deletes old idempotency keys from time to time; it has no work items of its own."""

    kind = "intake.expire_idempotency_keys"
    claims_work = False

    def __init__(self) -> None:
        self._last_sweep: float | None = None

    def housekeeping(self, database: Database) -> None:
        now = time.monotonic()
        if self._last_sweep is not None and now - self._last_sweep < SWEEP_EVERY_SECONDS:
            return
        self._last_sweep = now
        expire_keys(database)

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        """Never called: this job claims no work (see ``claims_work``)."""


def expire_keys(database: Database) -> int:
    """Delete keys older than :data:`KEEP_KEYS`; returns how many."""
    with database.session() as session:
        result = session.execute(
            delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - KEEP_KEYS)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
