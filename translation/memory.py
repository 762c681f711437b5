"""Translation memory: segments translated once, reused for FAQ texts, templates and repeats.

Keys are plain strings built by :func:`memory_key`::

    "<model id>\\x1f<normalised segment>"      e.g. "argos:en-ja@1.1\\x1fWhere is my order [1]?"

The model id names the package pair and version (``argos:en-ja@1.1``), so installing a newer
package starts a fresh memory for that pair. The segment is the text *after* protected spans were
replaced by placeholders, so "Where is my order #A-1001?" and "…#B-2002?" share one entry. The
normalisation is NFC plus collapsed whitespace. A database-backed memory (the gateway's) only has to
implement :class:`TranslationMemory`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

_KEY_SEPARATOR = "\x1f"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """A remembered segment translation and the model's confidence in it (0..1)."""

    text: str
    score: float


@runtime_checkable
class TranslationMemory(Protocol):
    """Where translated segments are remembered. Implementations must be thread-safe."""

    def get_many(self, keys: Sequence[str]) -> Mapping[str, MemoryEntry]:
        """Entries for the keys that are known; unknown keys are simply absent."""
        ...

    def put_many(self, entries: Mapping[str, MemoryEntry]) -> None:
        """Remember (or overwrite) these entries."""
        ...


def normalise_segment(segment: str) -> str:
    """The form of a segment that keys the memory: NFC, single spaces, no outer whitespace."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", segment)).strip()


def memory_key(model_id: str, segment: str) -> str:
    """The memory key of ``segment`` translated by ``model_id`` (e.g. ``argos:en-ja@1.1``)."""
    return f"{model_id}{_KEY_SEPARATOR}{normalise_segment(segment)}"


class InProcessMemory:
    """A bounded, thread-safe LRU memory living in this process."""

    def __init__(self, max_entries: int = 50_000) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._entries: OrderedDict[str, MemoryEntry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get_many(self, keys: Sequence[str]) -> dict[str, MemoryEntry]:
        found: dict[str, MemoryEntry] = {}
        with self._lock:
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None:
                    self._entries.move_to_end(key)
                    found[key] = entry
        return found

    def put_many(self, entries: Mapping[str, MemoryEntry]) -> None:
        with self._lock:
            for key, entry in entries.items():
                self._entries[key] = entry
                self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


class LayeredMemory:
    """An in-process LRU in front of a slower shared memory (e.g. the database).

    Reads hit the LRU first and fill it from the shared memory; writes go to both.
    """

    def __init__(self, shared: TranslationMemory, *, local: InProcessMemory | None = None) -> None:
        self.shared = shared
        self.local = local or InProcessMemory()

    def get_many(self, keys: Sequence[str]) -> dict[str, MemoryEntry]:
        found = dict(self.local.get_many(keys))
        missing = [key for key in keys if key not in found]
        if missing:
            from_shared = dict(self.shared.get_many(missing))
            self.local.put_many(from_shared)
            found.update(from_shared)
        return found

    def put_many(self, entries: Mapping[str, MemoryEntry]) -> None:
        self.local.put_many(entries)
        self.shared.put_many(entries)
