"""What the layout's sidebar shows on pages outside the inbox (the admin pages)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from gateway.inbox import repository as inbox
from gateway.models import utcnow


def sidebar(session: Session) -> dict[str, Any]:
    return {"queue_counts": inbox.queue_counts(session, now=utcnow()), "queue": None}
