"""Liveness and readiness, shared by the web app and the worker's operations listener."""

from __future__ import annotations

from sqlalchemy import text

from gateway.db import get_database


def database_problem() -> str | None:
    """None when the database answers; otherwise the kind of failure (never its details)."""
    try:
        with get_database().session(read_only=True) as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"
        return type(exc).__name__
    return None
