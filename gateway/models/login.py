"""Failed sign-ins, counted in the database so every web process sees the same limit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base, utcnow


class LoginFailure(Base):
    """One failed sign-in, under each key it counts against (``email:…``, ``client:…``)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
