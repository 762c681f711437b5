"""``Idempotency-Key`` on ``POST /api/v1/inquiries``: a retried request gets the same inquiry.

An integration whose POST timed out cannot know whether the inquiry was stored. Sending the
same request again with the same key returns the inquiry made the first time instead of a
second one; a key reused for a different request is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gateway.errors import ApiError
from gateway.i18n import _
from gateway.models import IdempotencyKey, Message

HEADER = "Idempotency-Key"
_VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as the IETF draft allows


def check_key(key: str) -> str:
    """The key, or a 422 that says what a key must look like."""
    if not _VALID_KEY.fullmatch(key):
        raise ApiError(
            422,
            "invalid_idempotency_key",
            _(
                "The Idempotency-Key header must be 1 to 255 visible ASCII characters without "
                "spaces, e.g. a UUID."
            ),
        )
    return key


def fingerprint(body: dict[str, Any]) -> str:
    """A hash of the request body: the same inquiry sent again hashes the same."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def claim(session: Session, *, token_id: int, key: str, digest: str) -> IdempotencyKey | Message:
    """This request's key row to fill in, or the message an earlier request with it made.

    The row is inserted before the inquiry, in a savepoint: a concurrent request with the same
    key waits on the unique index until the first commits, then finds its message.
    """
    earlier = _earlier(session, token_id=token_id, key=key, digest=digest)
    if earlier is not None:
        return earlier
    row = IdempotencyKey(token_id=token_id, key=key, fingerprint=digest)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        earlier = _earlier(session, token_id=token_id, key=key, digest=digest)
        if earlier is None:  # the other request failed after all: nothing to replay
            raise _in_progress() from None
        return earlier
    return row


def _earlier(session: Session, *, token_id: int, key: str, digest: str) -> Message | None:
    row = session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.token_id == token_id, IdempotencyKey.key == key)
    )
    if row is None:
        return None
    if row.fingerprint != digest:
        raise ApiError(
            422,
            "idempotency_key_reused",
            _(
                "This Idempotency-Key was already used for a different inquiry. Use a new key "
                "for each new inquiry, and the same key only to retry the same request."
            ),
        )
    if row.message_id is None:
        raise _in_progress()
    message = session.get(Message, row.message_id)
    if message is None:
        raise _in_progress()
    return message


def _in_progress() -> ApiError:
    return ApiError(
        409,
        "idempotency_key_in_progress",
        _("A request with this Idempotency-Key is still being processed: retry in a moment."),
        headers={"Retry-After": "1"},
    )
