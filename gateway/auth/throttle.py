"""Login rate limiting: failed sign-ins counted per address and client together, and per
client, in the database.

An address is never locked by itself: failures count against the pair (address, client
address), so a stranger who knows an agent's address and keeps guessing locks only
themselves out, never the agent signing in from their own network. A client that guesses at
many addresses is stopped by its own limit.

Every web process reads and writes the same rows, so several processes behind a load balancer
enforce one limit (a failed sign-in already costs an argon2 hash; a row insert adds little).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gateway.models import LoginFailure

MAX_FAILURES = 5  # per e-mail address from one client address
MAX_CLIENT_FAILURES = 30  # per client address, whatever the e-mail (a whole office may share one)
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

    def _limit(self, key: str) -> int:
        return self.max_client_failures if key.startswith("client:") else self.max_failures

    def retry_after(
        self, session: Session, keys: tuple[str, ...], *, now: datetime
    ) -> timedelta | None:
        """How long until another try is allowed, or None when it is allowed now."""
        rows = session.execute(
            select(LoginFailure.key, func.count(), func.min(LoginFailure.at))
            .where(LoginFailure.key.in_(keys), LoginFailure.at > now - self.window)
            .group_by(LoginFailure.key)
        )
        waits = [
            oldest + self.window - now for key, count, oldest in rows if count >= self._limit(key)
        ]
        return max(waits) if waits else None

    def failed(self, session: Session, keys: tuple[str, ...], *, now: datetime) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.window))
        session.add_all(LoginFailure(key=key, at=now) for key in keys)

    def succeeded(self, session: Session, keys: tuple[str, ...]) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.key.in_(keys)))


login_throttle = LoginThrottle()


def login_keys(email: str, client: str | None) -> tuple[str, ...]:
    """The keys a sign-in counts against: (address and client together, client alone)."""
    client_key = f"client:{client or 'unknown'}"
    return (f"email:{email.strip().lower()[:320]} {client_key}", client_key)
