"""Secrets of this installation that every process shares, kept in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class InstanceSecret(Base):
    """A named secret (``secret_key``: signs cookies, CSRF and mail thread tokens)."""

    __tablename__ = "instance_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
