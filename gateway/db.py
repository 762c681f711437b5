"""Database engine and sessions: one session per request, one per unit of background work."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from gateway.settings import get_settings

SQLITE_BUSY_TIMEOUT_MS = 15_000


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

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            # IMMEDIATE takes the write lock up front. A deferred transaction that reads and
            # then writes fails at once with SQLITE_BUSY when another connection wrote in
            # between (the busy timeout does not apply to that case in WAL mode).
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """The engine and session factory of one process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
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
    def session(self) -> Iterator[Session]:
        """A unit of work: commit on success, roll back on error."""
        session = self.sessions()
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


def get_session() -> Iterator[Session]:
    with get_database().session() as session:
        yield session


# scope="function": the session commits before the response is sent, so a 201 always means
# the inquiry is stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
