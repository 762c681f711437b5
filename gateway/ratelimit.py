"""Rate limits for the buyer endpoints (chat, translation API): per client address and per
conversation, in memory.

Counting in this process keeps a refused request from costing a database write. Several web
processes each count on their own, so the effective limit is the limit times the processes;
that is the right trade for a limit meant to stop floods, not to bill usage.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

WINDOW_SECONDS = 60.0
MAX_KEYS = 50_000


class RateLimiter:
    """At most ``limit`` hits per key within a sliding window of ``window`` seconds."""

    def __init__(self, *, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, *, now: float | None = None) -> int | None:
        """Count a hit for ``key``; ``None`` when allowed, else the seconds to wait (≥ 1)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            hits.append(now)
            if len(self._hits) > MAX_KEYS:
                self._forget_idle(now)
            return None

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


chat_limits = RateLimiter()
