"""API tokens for the shop's own systems: random, shown once, stored as SHA-256.

Tokens carry 256 bits of randomness, so a fast hash is enough (no need for a password KDF), and
lookups stay a single indexed query.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import ApiToken, utcnow

TOKEN_PREFIX = "kh_"  # noqa: S105 - a label, not a secret


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
        row.last_used_at = utcnow()
    return row
