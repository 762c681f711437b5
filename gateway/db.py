"""Database engine and sessions: one session per request, one per unit of background work."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from gateway.settings import get_settings

SQLITE_BUSY_TIMEOUT_MS = 15_000
READ_ONLY = "kakehashi_read_only"
_GATE_HELD = "kakehashi_gate_held"


class DatabaseBusyError(TimeoutError):
    """This process's writers queued longer than the busy timeout (SQLite)."""


def _open_gate(info: dict[str, Any], gate: threading.Lock) -> None:
    if info.pop(_GATE_HELD, False):
        gate.release()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # We issue BEGIN ourselves (below) instead of the driver's implicit one.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        gate = threading.Lock()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            if connection.get_execution_options().get(READ_ONLY):
                connection.exec_driver_sql("BEGIN")  # WAL readers never wait for writers
                return
            # Writers take the write lock up front: a deferred transaction that reads and
            # then writes fails at once with SQLITE_BUSY when another connection wrote in
            # between (the busy timeout does not apply to that case in WAL mode). Writers of
            # this process queue on a lock first, so they wait their turn instead of
            # SQLite's sleep-and-retry, which starves some of them for seconds under load.
            if not gate.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
                raise DatabaseBusyError("the database stayed busy too long; try again")
            connection.info[_GATE_HELD] = True
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException:
                _open_gate(connection.info, gate)
                raise

        @event.listens_for(engine, "commit")
        @event.listens_for(engine, "rollback")
        def _sqlite_end(connection: Any) -> None:
            _open_gate(connection.info, gate)

        @event.listens_for(engine.pool, "checkin")
        def _sqlite_checkin(_dbapi_connection: Any, record: Any) -> None:
            _open_gate(record.info, gate)  # never leave the gate shut behind a lost connection

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """The engine and session factory of one process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Reads (GET requests) on SQLite begin deferred and never queue behind writers.
        self.read_sessions = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        self._after_commit_hooks: list[Callable[[Session], None]] = []
        event.listen(self.sessions, "after_commit", self._run_after_commit)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def on_commit(self, hook: Callable[[Session], None]) -> None:
        """Call ``hook(session)`` after every commit (used to wake in-process workers)."""
        self._after_commit_hooks.append(hook)

    def _run_after_commit(self, session: Session) -> None:
        for hook in self._after_commit_hooks:
            hook(session)

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A unit of work: commit on success, roll back on error.

        ``read_only`` is a promise not to write (on SQLite such a session cannot write once
        another connection has: it would fail with "database is locked").
        """
        session = self.read_sessions() if read_only else self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_database: Database | None = None
_lock = threading.Lock()


def get_database() -> Database:
    """The process-wide database for the configured URL (created on first use)."""
    global _database
    with _lock:
        if _database is None:
            _database = Database(get_settings().database_url)
        return _database


def set_database(database: Database | None) -> None:
    """Replace the process-wide database (tests, or `serve` after reading options)."""
    global _database
    with _lock:
        _database = database


def get_session(request: Request) -> Iterator[Session]:
    """The request's session; GET and HEAD requests read only."""
    with get_database().session(read_only=request.method in READ_METHODS) as session:
        yield session


# scope="function": the session commits before the response is sent, so a 201 always means
# the inquiry is stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
