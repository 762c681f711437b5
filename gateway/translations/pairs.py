"""The base of every job that translates batches of one language pair (``group_key`` ``"ja>en"``).

Shared by the message translations (gateway/translations/tasks.py) and the FAQ translations
(gateway/faq/tasks.py): a batch whose pair has no installed model is parked, released by
:meth:`PairTranslationJob.housekeeping` once the model is installed; a translation error is
retried with backoff until ``max_attempts``. A subclass says what parking or failing means for
its own rows through :meth:`on_parked` and :meth:`on_failed`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from gateway.db import Database
from gateway.models import WorkItem, WorkState
from gateway.workers import queue
from gateway.workers.runner import Job


class PairTranslationJob(Job):
    same_group = True

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size

    def housekeeping(self, database: Database) -> None:
        """Release batches parked for a missing model once the model is installed."""
        from gateway.translations.engine import get_engine

        engine = get_engine()
        with database.session(read_only=True) as session:  # a write only when one is due
            waiting = queue.waiting_groups(session, self.kind)
        ready = []
        for group in waiting:
            source, _sep, target = group.partition(">")
            if engine.supports(source, target):
                ready.append(group)
        if not ready:
            return
        with database.session() as session:
            queue.release_waiting(session, self.kind, ready)
        self.on_released(ready)

    def on_released(self, groups: Sequence[str]) -> None:
        """Parked pairs ``groups`` were released (a model was installed)."""

    def on_parked(self, session: Session, item: WorkItem, reason: str) -> None:
        """``item`` was parked for ``reason`` (no model for its pair)."""

    def on_failed(self, session: Session, item: WorkItem, error: str) -> None:
        """``item`` used up its attempts; ``error`` was the last one."""

    def _park(
        self, database: Database, owner: str, items: Sequence[WorkItem], source: str, target: str
    ) -> None:
        reason = f"no model installed for {source} → {target}"
        with database.session() as session:
            for item in items:
                if queue.park(session, item.id, owner, reason=reason):
                    self.on_parked(session, item, reason)

    def _retry(self, database: Database, owner: str, items: Sequence[WorkItem], error: str) -> None:
        from gateway.settings import get_settings

        with database.session() as session:
            for item in items:
                state = queue.retry_later(
                    session, item.id, owner, error=error, max_attempts=get_settings().max_attempts
                )
                if state == WorkState.FAILED:
                    self.on_failed(session, item, error)
