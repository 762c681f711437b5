"""API tokens for the shop's own systems: random, shown once, stored as SHA-256.

Tokens carry 256 bits of randomness, so a fast hash is enough (no need for a password KDF), and
lookups stay a single indexed query.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import ApiToken, utcnow

TOKEN_PREFIX = "kh_"  # noqa: S105 - a label, not a secret

#: How stale ``last_used_at`` may be: recording every use would make every request of an
#: integration wait on the same row.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, *, name: str) -> tuple[ApiToken, str]:
    """Store a new token named ``name``; returns the row and the clear token (shown once)."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(name=name, token_hash=hash_token(clear), prefix=clear[:10])
    session.add(row)
    session.flush()
    return row, clear


def find_token(session: Session, clear: str, *, touch: bool = True) -> ApiToken | None:
    """The live token for ``clear``; ``touch`` records its use (skip it in read-only work)."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(clear)))
    if row is None or row.revoked_at is not None:
        return None
    if touch:
        record_use(session, row)
    return row


def needs_touch(row: ApiToken) -> bool:
    """Whether ``last_used_at`` is older than :data:`LAST_USED_PRECISION`."""
    return row.last_used_at is None or utcnow() - row.last_used_at >= LAST_USED_PRECISION


def record_use(session: Session, row: ApiToken) -> None:
    """Note the time of use, at most once a minute and never waiting for another request.

    All of an integration's requests share one token row. A request that waited for another's
    row lock would hold a server thread meanwhile, and enough of them starve the lock holder
    of the thread it needs to commit; so a request that finds the row locked skips the note.
    """
    if not needs_touch(row):
        return
    now = utcnow()
    # FOR NO KEY UPDATE (key_share): rows that refer to the token (idempotency keys) take a
    # KEY SHARE lock on it for their foreign key, which a plain FOR UPDATE would block.
    free = session.scalar(
        select(ApiToken.id)
        .where(ApiToken.id == row.id)
        .with_for_update(skip_locked=True, key_share=True)
    )
    if free is not None:
        row.last_used_at = now
