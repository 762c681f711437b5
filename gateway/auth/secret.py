"""The key that signs agent session cookies, CSRF tokens and mail thread tokens.

``KAKEHASHI_SECRET_KEY`` when it is set (every process must then have the same value). When it
is not, a key generated once (by the migration that made its table, or on first use if the row
went missing) and kept in the database: every process of a PostgreSQL fleet reads the same key,
and a SQLite install keeps it across restarts. Nothing in the source is a usable key.

``kakehashi secret rotate`` replaces the stored key. Each process re-reads it at most
:data:`REFRESH_SECONDS` later; from then on every agent is signed out (session cookies and open
forms' CSRF tokens no longer verify), and the ``[#KH-…]`` tokens in the subjects of mail already
sent no longer match (buyers' replies still join their conversation through In-Reply-To and
References).
"""

from __future__ import annotations

import secrets
import threading
import time
import weakref

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from gateway.db import Database, get_database
from gateway.models import InstanceSecret, utcnow
from gateway.settings import Settings, get_settings

SECRET_NAME = "secret_key"  # noqa: S105 - the row's name, not a secret
REFRESH_SECONDS = 30.0

_cache: weakref.WeakKeyDictionary[Database, tuple[str, float]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def new_key() -> str:
    """384 random bits, URL-safe."""
    return secrets.token_urlsafe(48)


def secret_key(settings: Settings | None = None, database: Database | None = None) -> str:
    """The key in force: the setting, else the database's (read at most every 30 s)."""
    settings = settings if settings is not None else get_settings()
    if settings.secret_key:
        return settings.secret_key
    database = database if database is not None else get_database()
    now = time.monotonic()
    with _lock:
        cached = _cache.get(database)
    if cached is not None and now - cached[1] < REFRESH_SECONDS:
        return cached[0]
    with database.session(read_only=True) as session:
        value = _stored(session)
    if value is None:
        value = ensure_stored(database)
    with _lock:
        _cache[database] = (value, now)
    return value


def ensure_stored(database: Database) -> str:
    """The stored key, generated now if there is none (safe when processes race)."""
    with database.session() as session:
        dialect = postgresql if database.is_postgresql else sqlite
        session.execute(
            dialect.insert(InstanceSecret)
            .values(name=SECRET_NAME, value=new_key(), created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["name"])
        )
        value = _stored(session)
    assert value is not None  # noqa: S101 - just inserted or already there
    return value


def rotate(session: Session) -> None:
    """Store a new key (the caller commits). Processes pick it up within REFRESH_SECONDS."""
    row = session.get(InstanceSecret, SECRET_NAME)
    if row is None:
        session.add(InstanceSecret(name=SECRET_NAME, value=new_key(), created_at=utcnow()))
    else:
        row.value = new_key()
        row.created_at = utcnow()
    forget()


def forget() -> None:
    """Drop this process's cached keys, so the next use reads the database."""
    with _lock:
        _cache.clear()


def _stored(session: Session) -> str | None:
    return session.scalar(select(InstanceSecret.value).where(InstanceSecret.name == SECRET_NAME))
