"""The process's translation engine, with the database-backed translation memory."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gateway.db import Database, get_database
from gateway.models import TranslationMemoryEntry
from gateway.settings import get_settings
from translation.engine import TranslationEngine
from translation.memory import LayeredMemory, MemoryEntry

_engine: TranslationEngine | None = None
_lock = threading.Lock()


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class DatabaseMemory:
    """Translation memory in the ``translation_memory`` table, shared by every process."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def get_many(self, keys: Iterable[str]) -> dict[str, MemoryEntry]:
        wanted = {_hash(key): key for key in keys}
        if not wanted:
            return {}
        found: dict[str, MemoryEntry] = {}
        with self.database.session(read_only=True) as session:
            hashes = list(wanted)
            for start in range(0, len(hashes), 500):
                rows = session.scalars(
                    select(TranslationMemoryEntry).where(
                        TranslationMemoryEntry.key_hash.in_(hashes[start : start + 500])
                    )
                )
                for row in rows:
                    found[wanted[row.key_hash]] = MemoryEntry(text=row.translation, score=row.score)
        return found

    def put_many(self, entries: Mapping[str, MemoryEntry]) -> None:
        for key, entry in entries.items():
            try:
                with self.database.session() as session:
                    session.add(
                        TranslationMemoryEntry(
                            key_hash=_hash(key), key=key, translation=entry.text, score=entry.score
                        )
                    )
            except IntegrityError:
                continue  # another worker stored the same segment first


def get_engine() -> TranslationEngine:
    """One engine per process: models stay loaded between jobs and requests."""
    global _engine
    with _lock:
        if _engine is None:
            settings = get_settings()
            _engine = TranslationEngine(
                settings.resolved_models_dir,
                memory=LayeredMemory(DatabaseMemory(get_database())),
                device=settings.translation_device,
                beam_size=settings.translation_beam_size,
                beam_below=settings.translation_beam_below,
            )
        return _engine


def set_engine(engine: TranslationEngine | None) -> None:
    global _engine
    with _lock:
        _engine = engine
