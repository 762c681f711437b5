"""Wakes idle workers as soon as new work is committed, instead of waiting for the next poll."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from gateway import listen
from gateway.db import Database
from gateway.workers.queue import NOTIFY_CHANNEL, WAKE_FLAG


class Waker:
    """An event set by commits in this process and, on PostgreSQL, by ``NOTIFY`` from others."""

    def __init__(self, database: Database) -> None:
        # One event per lane (the pool's threads and its urgent lane), all set by every wake,
        # so one lane clearing its event never swallows the other's wake-up.
        self._events: dict[str, threading.Event] = {
            "work": threading.Event(),
            "urgent": threading.Event(),
        }
        self._events_lock = threading.Lock()
        self._stop = threading.Event()
        self._database = database
        database.on_commit(self._after_commit)
        self._listener: threading.Thread | None = None

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(WAKE_FLAG, False):
            self.wake()

    def _event(self, lane: str) -> threading.Event:
        with self._events_lock:
            return self._events.setdefault(lane, threading.Event())

    def wake(self) -> None:
        with self._events_lock:
            events = list(self._events.values())
        for event in events:
            event.set()

    def wait(self, timeout: float, *, lane: str = "work") -> bool:
        """Wait for a wake-up of ``lane`` or ``timeout``; True when woken."""
        event = self._event(lane)
        woken = event.wait(timeout)
        event.clear()
        return woken

    def start(self) -> None:
        if self._database.is_postgresql and self._listener is None:
            self._listener = threading.Thread(
                target=self._listen, name="kakehashi-listen", daemon=True
            )
            self._listener.start()

    def stop(self) -> None:
        self._stop.set()
        self.wake()

    def _listen(self) -> None:
        listen.listen(
            listen.conninfo(self._database),
            NOTIFY_CHANNEL,
            stop=self._stop,
            on_connect=self.wake,  # catch up on anything committed while we were away
            on_notify=lambda _payload: self.wake(),
        )
