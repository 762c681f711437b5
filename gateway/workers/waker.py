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
        self._event = threading.Event()
        self._stop = threading.Event()
        self._database = database
        database.on_commit(self._after_commit)
        self._listener: threading.Thread | None = None

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(WAKE_FLAG, False):
            self._event.set()

    def wake(self) -> None:
        self._event.set()

    def wait(self, timeout: float) -> bool:
        """Wait for a wake-up or ``timeout``; True when woken."""
        woken = self._event.wait(timeout)
        self._event.clear()
        return woken

    def start(self) -> None:
        if self._database.is_postgresql and self._listener is None:
            self._listener = threading.Thread(
                target=self._listen, name="kakehashi-listen", daemon=True
            )
            self._listener.start()

    def stop(self) -> None:
        self._stop.set()
        self._event.set()

    def _listen(self) -> None:
        listen.listen(
            listen.conninfo(self._database),
            NOTIFY_CHANNEL,
            stop=self._stop,
            on_connect=self._event.set,  # catch up on anything committed while we were away
            on_notify=lambda _payload: self._event.set(),
        )
