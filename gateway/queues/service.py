"""Language queues: one per buyer language, created on first use."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gateway.models import LanguageQueue
from translation.languages import display_name


def queue_for_language(session: Session, language: str, *, target_hours: float) -> LanguageQueue:
    """The queue of ``language``, created with the default target when it is new."""
    queue = session.scalar(select(LanguageQueue).where(LanguageQueue.language == language))
    if queue is not None:
        return queue
    queue = LanguageQueue(
        language=language,
        name_ja=display_name(language, in_language="ja"),
        target_hours=target_hours,
    )
    try:
        with session.begin_nested():
            session.add(queue)
    except IntegrityError:
        # Another process created it between our read and our insert.
        queue = session.scalars(
            select(LanguageQueue).where(LanguageQueue.language == language)
        ).one()
    return queue
