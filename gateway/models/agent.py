from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class AgentRole(StrEnum):
    ADMIN = "admin"
    AGENT = "agent"


class Agent(Base):
    """A support agent of the shop (signs in to the Japanese inbox)."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default=AgentRole.AGENT)
    password_hash: Mapped[str] = mapped_column(String(200))
    ui_locale: Mapped[str] = mapped_column(String(10), default="ja")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Last page or live-update request of the inbox (gateway/auth/presence.py).
    last_seen_at: Mapped[datetime | None]
    # Raised to end every session of the agent at once (disabling them does); sessions carry
    # a fingerprint of it with the password hash (gateway/auth/sessions.py).
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    # The escalation group (gateway/desk/escalation.py): who takes what others cannot solve.
    escalation_group: Mapped[bool] = mapped_column(default=False, server_default="0")


class ApiToken(Base):
    """A bearer token for the shop's own systems; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
