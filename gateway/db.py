"""Database engine and sessions: one session per request, one per unit of background work."""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from gateway.models.text import storable_parameters
from gateway.settings import get_settings

SQLITE_BUSY_TIMEOUT_MS = 15_000
READ_ONLY = "kakehashi_read_only"
#: A writer that takes the write lock only if it is free now, and otherwise gives up at once
#: (for notes such as "agent seen" that are worth skipping rather than waiting for).
IF_FREE = "kakehashi_write_if_free"
_GATE_HELD = "kakehashi_gate_held"

#: Web threads (FastAPI runs sync endpoints and dependencies in them), connections and the
#: database line are sized together from these (``KAKEHASHI_WEB_THREADS``, ``_DB_QUEUE_LENGTH``).
DEFAULT_WEB_THREADS = 24
DEFAULT_QUEUE_LENGTH = 64
#: Connections beside the requests' own: workers, mail, health checks, notes written beside a read.
RESERVE_CONNECTIONS = 8
#: How long a request waits for a connection (sizing should make that never); then 503.
POOL_TIMEOUT_SECONDS = 0.5
#: How long a request may wait in the database line before it is told to come back.
LINE_WAIT_SECONDS = 10.0


class DatabaseBusyError(TimeoutError):
    """This process's writers queued longer than the busy timeout (SQLite)."""

    retry_after = 5


class DatabaseLineFullError(DatabaseBusyError):
    """The database line of this process is full: the request was turned away at once."""

    retry_after = 1


class DatabaseLine:
    """Requests take turns here, in the event loop, before they hold a thread or a connection.

    At most ``turns`` requests hold a turn at once; at most ``length`` more wait, in order of
    arrival; any more are refused at once with :class:`DatabaseLineFullError`. A request that
    waits here holds nothing, so the request holding a turn always gets the thread and the
    connection it needs to finish (the freeze this replaces: request threads blocked on the
    write lock while its holder waited for a thread). Works across event loops (tests run
    several): a turn is handed over with ``call_soon_threadsafe``.
    """

    def __init__(self, *, turns: int, length: int, wait_seconds: float = LINE_WAIT_SECONDS):
        self.turns = turns
        self.length = length
        self.wait_seconds = wait_seconds
        self._free = turns
        self._waiting: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()
        self._lock = threading.Lock()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                place = None
            elif len(self._waiting) >= self.length:
                raise DatabaseLineFullError("too many requests are waiting for the database")
            else:
                place = (loop, loop.create_future())
                self._waiting.append(place)
        if place is not None:
            try:
                await asyncio.wait_for(place[1], self.wait_seconds)
            except TimeoutError:
                self._abandon(place)
                raise DatabaseLineFullError("waited too long for the database") from None
            except BaseException:
                self._abandon(place)
                raise
        try:
            yield
        finally:
            self._release()

    def _abandon(self, place: tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]) -> None:
        with self._lock:
            if place in self._waiting:
                self._waiting.remove(place)
                return
        future = place[1]
        if future.done() and not future.cancelled():
            self._release()  # the turn came, but its request is gone: pass it on
        # else the hand-over is on its way and passes the turn on itself (_hand_over)

    def _release(self) -> None:
        with self._lock:
            if not self._waiting:
                self._free += 1
                return
            loop, future = self._waiting.popleft()
        try:
            loop.call_soon_threadsafe(self._hand_over, future)
        except RuntimeError:  # that request's event loop is closed
            self._release()

    def _hand_over(self, future: asyncio.Future[None]) -> None:
        if future.cancelled():
            self._release()
        else:
            future.set_result(None)


def _open_gate(info: dict[str, Any], gate: threading.Lock) -> None:
    if info.pop(_GATE_HELD, False):
        gate.release()


def make_engine(url: str, *, web_threads: int = DEFAULT_WEB_THREADS) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys.

    The pool holds a connection for every request that may hold a turn in the database line
    (``web_threads``), one for each web thread (work written beside a request) and a reserve,
    so a request never waits for a connection; when one must, it is told at once (503).
    """
    pool_size = web_threads + RESERVE_CONNECTIONS
    engine = _make_engine(url, web_threads, pool_size)

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _storable(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> tuple[str, Any]:
        # No NUL, no lone surrogate ever reaches the database, whatever path a string took.
        return statement, storable_parameters(parameters, many)

    return engine


def _make_engine(url: str, web_threads: int, pool_size: int) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            # Reads on SQLite take no turn: many may be in flight, and a connection is cheap.
            pool_size=pool_size,
            max_overflow=8 * web_threads,
            pool_timeout=POOL_TIMEOUT_SECONDS,
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
            options = connection.get_execution_options()
            if options.get(READ_ONLY):
                connection.exec_driver_sql("BEGIN")  # WAL readers never wait for writers
                return
            # Writers take the write lock up front: a deferred transaction that reads and
            # then writes fails at once with SQLITE_BUSY when another connection wrote in
            # between (the busy timeout does not apply to that case in WAL mode). Writers of
            # this process queue on a lock first, so they wait their turn instead of
            # SQLite's sleep-and-retry, which starves some of them for seconds under load.
            wait = 0 if options.get(IF_FREE) else SQLITE_BUSY_TIMEOUT_MS / 1000
            if not gate.acquire(timeout=wait):
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
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=web_threads,
        pool_timeout=POOL_TIMEOUT_SECONDS,
    )


class Database:
    """The engine and session factory of one process."""

    def __init__(
        self,
        url: str,
        *,
        web_threads: int = DEFAULT_WEB_THREADS,
        queue_length: int = DEFAULT_QUEUE_LENGTH,
    ) -> None:
        self.url = url
        self.web_threads = web_threads
        self.engine = make_engine(url, web_threads=web_threads)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Reads (GET requests) on SQLite begin deferred and never queue behind writers.
        self.read_sessions = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        self.if_free_sessions = sessionmaker(
            self.engine.execution_options(**{IF_FREE: True}), expire_on_commit=False
        )
        # SQLite has one writer at a time: request writers take turns, one by one, and reads
        # go straight on. PostgreSQL: every request with a session takes one of as many turns
        # as there are web threads (and connections for them).
        if self.engine.dialect.name == "sqlite":
            self.write_line: DatabaseLine | None = DatabaseLine(turns=1, length=queue_length)
            self.read_line: DatabaseLine | None = None
        else:
            self.write_line = self.read_line = DatabaseLine(turns=web_threads, length=queue_length)
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

    def line(self, *, write: bool) -> DatabaseLine | None:
        """The line a request takes its turn in before it opens a session (None: no line)."""
        return self.write_line if write else self.read_line

    @asynccontextmanager
    async def write_turn(self) -> AsyncIterator[None]:
        """A request's turn to write (see :class:`DatabaseLine`); hold it only around the
        thread call that opens, fills and commits the session."""
        if self.write_line is None:
            yield
            return
        async with self.write_line.turn():
            yield

    @contextmanager
    def session(self, *, read_only: bool = False, if_free: bool = False) -> Iterator[Session]:
        """A unit of work: commit on success, roll back on error.

        ``read_only`` is a promise not to write (on SQLite such a session cannot write once
        another connection has: it would fail with "database is locked"). ``if_free``: on
        SQLite, raise :class:`DatabaseBusyError` at once rather than wait for the write lock.
        """
        if read_only:
            session = self.read_sessions()
        elif if_free:
            session = self.if_free_sessions()
        else:
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


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_database: Database | None = None
_lock = threading.Lock()


def get_database() -> Database:
    """The process-wide database for the configured URL (created on first use)."""
    global _database
    with _lock:
        if _database is None:
            settings = get_settings()
            _database = Database(
                settings.database_url,
                web_threads=settings.web_threads,
                queue_length=settings.db_queue_length,
            )
        return _database


def set_database(database: Database | None) -> None:
    """Replace the process-wide database (tests, or `serve` after reading options)."""
    global _database
    with _lock:
        _database = database


async def _database_turn(request: Request) -> AsyncIterator[None]:
    """Wait for this request's turn in the database line, in the event loop (see DatabaseLine)."""
    line = get_database().line(write=request.method not in READ_METHODS)
    if line is None:
        yield
        return
    async with line.turn():
        yield


def get_session(
    request: Request, _turn: Annotated[None, Depends(_database_turn, scope="function")]
) -> Iterator[Session]:
    """The request's session; GET and HEAD requests read only."""
    with get_database().session(read_only=request.method in READ_METHODS) as session:
        yield session


# scope="function": the session commits before the response is sent, so a 201 always means
# the inquiry is stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
