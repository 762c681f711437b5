"""PostgreSQL ``LISTEN``, kept alive: one loop for the workers' waker and the chat's hub."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from gateway.db import Database

log = logging.getLogger(__name__)

MAX_DELAY_SECONDS = 30.0


def conninfo(database: Database) -> str:
    """A psycopg connection string for the database's SQLAlchemy URL."""
    url = database.engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def listen(
    dsn: str,
    channel: str,
    *,
    stop: threading.Event,
    on_connect: Callable[[], None],
    on_notify: Callable[[str], None],
) -> None:
    """``LISTEN channel`` until ``stop`` is set, reconnecting with backoff when the link drops.

    ``on_connect`` runs after every (re)connection, to catch up on what was committed while
    nobody listened; ``on_notify`` gets each notification's payload.
    """
    import psycopg

    delay = 1.0
    while not stop.is_set():
        try:
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"LISTEN {channel}")
                delay = 1.0
                on_connect()
                while not stop.is_set():
                    for notice in conn.notifies(timeout=1.0):
                        on_notify(notice.payload)
        except psycopg.Error as exc:
            log.warning("LISTEN %s: connection lost (%s); polling until it is back", channel, exc)
            stop.wait(delay)
            delay = min(delay * 2, MAX_DELAY_SECONDS)
