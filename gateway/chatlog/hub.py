"""Waking the chat streams of this process when their conversation has something new.

A commit that appended chat events wakes the streams of those conversations: at once in this
process (an after-commit hook), and in every other process through PostgreSQL
``NOTIFY kakehashi_chat`` (delivered on commit, heard by one ``LISTEN`` connection per process).
A wake-up only says "read the log again": streams always read the database, and poll it on
their own as well, so a lost notification delays a reply by one poll at worst and never loses it.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

from gateway import listen
from gateway.db import Database

NOTIFY_CHANNEL = "kakehashi_chat"
WAKE_KEY = "kakehashi_chat_wake"


def wake_on_commit(session: Session, conversation_id: int) -> None:
    """Wake the streams of ``conversation_id`` once this transaction commits."""
    pending: set[int] = session.info.setdefault(WAKE_KEY, set())
    pending.add(conversation_id)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :id)"),
            {"channel": NOTIFY_CHANNEL, "id": str(conversation_id)},
        )


class _Waiter:
    __slots__ = ("event", "loop")

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()

    def wake(self) -> None:
        try:
            self.loop.call_soon_threadsafe(self.event.set)
        except RuntimeError:
            pass  # the loop is closed: the stream is gone


class ChatHub:
    """The open streams of this process, by conversation."""

    def __init__(self) -> None:
        self._waiters: dict[int, set[_Waiter]] = {}
        self._lock = threading.Lock()
        self._attached: weakref.WeakSet[Database] = weakref.WeakSet()
        self._listeners: dict[str, threading.Thread] = {}
        self._stop = threading.Event()

    def attach(self, database: Database) -> None:
        """Hear the commits of ``database`` (and, on PostgreSQL, other processes' NOTIFY)."""
        with self._lock:
            if database in self._attached:
                return
            self._attached.add(database)
        database.on_commit(self._after_commit)
        if database.is_postgresql:
            self._listen(database)

    @contextmanager
    def watch(self, conversation_id: int) -> Iterator[asyncio.Event]:
        """An event set whenever ``conversation_id`` may have news (call in the stream's loop)."""
        waiter = _Waiter()
        with self._lock:
            self._waiters.setdefault(conversation_id, set()).add(waiter)
        try:
            yield waiter.event
        finally:
            with self._lock:
                waiters = self._waiters.get(conversation_id)
                if waiters is not None:
                    waiters.discard(waiter)
                    if not waiters:
                        del self._waiters[conversation_id]

    def wake(self, conversation_ids: Iterable[int]) -> None:
        with self._lock:
            waiters = [w for cid in conversation_ids for w in self._waiters.get(cid, ())]
        for waiter in waiters:
            waiter.wake()

    def wake_all(self) -> None:
        with self._lock:
            waiters = [w for group in self._waiters.values() for w in group]
        for waiter in waiters:
            waiter.wake()

    def watching(self, conversation_id: int | None = None) -> int:
        """Open streams in this process (of one conversation, or of all)."""
        with self._lock:
            if conversation_id is not None:
                return len(self._waiters.get(conversation_id, ()))
            return sum(len(group) for group in self._waiters.values())

    def _after_commit(self, session: Session) -> None:
        pending = session.info.pop(WAKE_KEY, None)
        if pending:
            self.wake(pending)

    def _listen(self, database: Database) -> None:
        dsn = listen.conninfo(database)
        with self._lock:
            if dsn in self._listeners:
                return
            thread = threading.Thread(
                target=listen.listen,
                args=(dsn, NOTIFY_CHANNEL),
                kwargs={
                    "stop": self._stop,
                    "on_connect": self.wake_all,  # catch up on what committed meanwhile
                    "on_notify": self._notified,
                },
                name="kakehashi-chat-listen",
                daemon=True,
            )
            self._listeners[dsn] = thread
        thread.start()

    def _notified(self, payload: str) -> None:
        if payload.isdigit():
            self.wake([int(payload)])

    def stop(self) -> None:
        """Stop listening (tests; a process simply exits)."""
        self._stop.set()
        for thread in list(self._listeners.values()):
            thread.join(5)
        self._listeners.clear()
        self._stop = threading.Event()


hub = ChatHub()
