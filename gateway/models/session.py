"""Signed-out agent sessions: a cookie copied before sign-out must not work after it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base


class RevokedSession(Base):
    """A session id that was signed out, kept until the cookie would have expired anyway."""

    __tablename__ = "revoked_sessions"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    expires_at: Mapped[datetime] = mapped_column(index=True)
