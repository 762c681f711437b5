"""Login rate limiting: failed sign-ins counted per address and per client, in this process.

Counting in memory keeps a wrong password from costing a database write; with several web
processes each one counts on its own, so the effective limit is the limit times the processes.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

MAX_FAILURES = 5  # per e-mail address
MAX_CLIENT_FAILURES = 30  # per client address (a whole office may share one)
WINDOW = timedelta(minutes=15)


class LoginThrottle:
    """At most ``max_failures`` failed sign-ins per address (``max_client_failures`` per client)
    within ``window``."""

    def __init__(
        self,
        *,
        max_failures: int = MAX_FAILURES,
        max_client_failures: int = MAX_CLIENT_FAILURES,
        window: timedelta = WINDOW,
    ) -> None:
        self.max_failures = max_failures
        self.max_client_failures = max_client_failures
        self.window = window
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def _limit(self, key: str) -> int:
        return self.max_client_failures if key.startswith("client:") else self.max_failures

    def retry_after(self, keys: tuple[str, ...], *, now: datetime) -> timedelta | None:
        """How long until another try is allowed, or None when it is allowed now."""
        with self._lock:
            waits = [
                failures[0] + self.window - now
                for key in keys
                if len(failures := self._recent(key, now)) >= self._limit(key)
            ]
        return max(waits) if waits else None

    def failed(self, keys: tuple[str, ...], *, now: datetime) -> None:
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
            if len(self._failures) > 10_000:
                # Forget keys whose failures are all older than the window.
                for key in [k for k, v in self._failures.items() if not self._recent(k, now)]:
                    del self._failures[key]

    def succeeded(self, keys: tuple[str, ...]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()


login_throttle = LoginThrottle()


def login_keys(email: str, client: str | None) -> tuple[str, ...]:
    return (f"email:{email.strip().lower()}", f"client:{client or 'unknown'}")
