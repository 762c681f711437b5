"""Idempotency keys: an integration's retried POST gets the inquiry it already made."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class IdempotencyKey(Base):
    """An ``Idempotency-Key`` an API token sent with ``POST /api/v1/inquiries``.

    Keys are scoped to the token (one integration cannot replay another's). ``fingerprint`` is a
    hash of the request body, so a key reused for a different inquiry is refused rather than
    answered with the wrong one. ``message_id`` is set in the same transaction as the inquiry.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("token_id", "key", name="uq_idempotency_keys_token_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id"))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
