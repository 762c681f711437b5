"""Worker threads: claim due work items, run their job, record the outcome."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import timedelta

from gateway.db import Database
from gateway.models import URGENT, WorkItem
from gateway.settings import Settings
from gateway.workers import queue
from gateway.workers.waker import Waker

log = logging.getLogger(__name__)


class Job(ABC):
    """One kind of background work. ``run`` must be idempotent: after a crash it runs again."""

    kind: str
    batch_size: int = 1
    same_group: bool = False
    #: False for a job that only keeps house: the runner then never looks for items of its kind.
    claims_work: bool = True

    @abstractmethod
    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        """Do the work and record each item's outcome with the ``queue`` functions, inside the
        same transaction that stores the result, and only while the lease is still ``owner``'s."""

    def housekeeping(self, database: Database) -> None:  # noqa: B027 - optional hook
        """Called on every loop turn, e.g. to release parked items whose cause is gone."""


MAX_HOLD_SECONDS = 3600.0
#: Between passes, how long a worker lets more work arrive before it claims again: a burst of
#: inquiries becomes a few batches instead of a claim (and a write, and CPU taken from the
#: requests) per inquiry. Measured with bench/intake.py: 0.05 s still cost intake a third.
GATHER_SECONDS = 0.2


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class WorkerPool:
    """Runs ``jobs`` in ``concurrency`` threads until :meth:`stop`, plus
    ``settings.urgent_workers`` threads of an urgent lane: they take only urgent work (reply
    previews, buyers' new messages), so that work starts at once even while every other thread
    is busy with a batch of bulk FAQ translations."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        jobs: Sequence[Job],
        *,
        concurrency: int = 1,
    ) -> None:
        self.database = database
        self.settings = settings
        self.jobs = list(jobs)
        self.concurrency = concurrency
        self.waker = Waker(database)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        # Lease owners of the claims being worked on, with when they were claimed.
        self._in_hand: dict[str, float] = {}
        self._in_hand_lock = threading.Lock()
        self._heartbeat_stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def start(self) -> None:
        self.waker.start()
        for number in range(self.concurrency):
            thread = threading.Thread(
                target=self._loop, name=f"kakehashi-worker-{number}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        for number in range(self.settings.urgent_workers):
            thread = threading.Thread(
                target=self._urgent_loop, name=f"kakehashi-urgent-{number}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        self._heartbeat = threading.Thread(
            target=self._renew_leases, name="kakehashi-heartbeat", daemon=True
        )
        self._heartbeat.start()

    def stop(self, timeout: float = 30.0) -> int:
        """Stop claiming, give the jobs in hand up to ``timeout`` seconds to finish, then hand
        back the leases of those still running so another worker takes them at once instead of
        after the lease expires. Returns how many work items were handed back.

        A job that finishes after its lease was handed back changes nothing: every outcome is
        recorded only while the lease is still its own (see :mod:`gateway.workers.queue`).
        """
        self._stop.set()
        self.waker.stop()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(deadline - time.monotonic(), 0.0))
        self._heartbeat_stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(5)
        with self._in_hand_lock:
            owners = sorted(self._in_hand)
        if not owners:
            return 0
        try:
            with self.database.session() as session:
                released = queue.release(session, owners)
        except Exception:
            log.exception("could not hand back %d lease(s); they expire on their own", len(owners))
            return 0
        log.warning("handed back %d unfinished work item(s) for other workers", released)
        return released

    def _renew_leases(self) -> None:
        """Extend the leases of the work in hand every third of a lease, so a slow job (a big
        batch, a slow relay) is not taken over and done twice while its worker is alive. A
        worker that dies stops renewing, and its leases expire as before. Work held longer
        than :data:`MAX_HOLD_SECONDS` is no longer renewed: a job stuck that long is presumed
        hung and left for another worker."""
        lease = timedelta(seconds=self.settings.lease_seconds)
        interval = max(self.settings.lease_seconds / 3, 0.05)
        while not self._heartbeat_stop.wait(interval):
            now = time.monotonic()
            with self._in_hand_lock:
                owners = [o for o, since in self._in_hand.items() if now - since < MAX_HOLD_SECONDS]
            if not owners:
                continue
            try:
                with self.database.session() as session:
                    queue.renew(session, owners, lease=lease)
            except Exception as exc:  # the database is away: the next beat tries again
                log.warning("could not renew %d lease(s): %s", len(owners), exc)

    def run_once(self, *, max_priority: int | None = None) -> bool:
        """One pass over every job kind; True when anything was claimed. With
        ``max_priority`` (the urgent lane) only work at least that urgent, and no housekeeping."""
        busy = False
        if max_priority is None:
            for job in self.jobs:
                job.housekeeping(self.database)
        with self.database.session(read_only=True) as session:
            due = queue.due_kinds(session, [job.kind for job in self.jobs if job.claims_work])
        for job in self.jobs:
            if job.kind in due:
                busy = self._run_job(job, max_priority=max_priority) or busy
        return busy

    def _urgent_loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once(max_priority=URGENT)
            except Exception:
                log.exception("urgent worker pass failed; retrying after the poll interval")
                busy = False
            if not busy:
                self.waker.wait(self.settings.worker_poll_seconds, lane="urgent")

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once()
            except Exception:
                log.exception("worker pass failed; retrying after the poll interval")
                busy = False
            if busy or self.waker.wait(self.settings.worker_poll_seconds):
                self._stop.wait(GATHER_SECONDS)

    def _run_job(self, job: Job, *, max_priority: int | None = None) -> bool:
        if not job.claims_work:
            return False
        with self.database.session() as session:
            claim = queue.claim(
                session,
                [job.kind],
                worker=worker_name(),
                lease=timedelta(seconds=self.settings.lease_seconds),
                limit=job.batch_size,
                same_group=job.same_group,
                max_priority=max_priority,
                aging=timedelta(seconds=self.settings.work_aging_seconds),
            )
        if not claim.items:
            return False
        with self._in_hand_lock:
            self._in_hand[claim.owner] = time.monotonic()
        try:
            self._run_claim(job, claim)
        finally:
            with self._in_hand_lock:
                self._in_hand.pop(claim.owner, None)
        return True

    def _run_claim(self, job: Job, claim: queue.Claim) -> None:
        try:
            job.run(self.database, claim.owner, claim.items)
        except Exception as exc:
            log.exception("%s failed for %d item(s)", job.kind, len(claim.items))
            with self.database.session() as session:
                for item in claim.items:
                    queue.retry_later(
                        session,
                        item.id,
                        claim.owner,
                        error=f"{type(exc).__name__}: {exc}",
                        max_attempts=self.settings.max_attempts,
                    )
