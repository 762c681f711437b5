"""Language queues: which queue a conversation in a given language goes to.

The shop's languages (``KAKEHASHI_LANGUAGES``) get a queue of their own, made on first use;
so does any language an admin gave a queue (``kakehashi queue set pl``). Every other language
goes to the fallback queue (``KAKEHASHI_FALLBACK_QUEUE``, by default ``other``: その他の言語),
while its conversations keep their true language.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gateway.i18n import translations
from gateway.models import LanguageQueue
from gateway.settings import OTHER_LANGUAGES, Settings
from translation.languages import UnknownLanguageError, display_name, normalize_tag

__all__ = ["OTHER_LANGUAGES", "queue_for_language", "queue_key", "queue_name", "route_language"]


def queue_key(value: str) -> str:
    """The queue key for what a person typed: ``other`` or a BCP 47 tag (``PL`` → ``pl``).

    Raises :class:`UnknownLanguageError` with a message a person can act on.
    """
    if value.strip().lower() == OTHER_LANGUAGES:
        return OTHER_LANGUAGES
    return normalize_tag(value)


def queue_name(key: str, *, in_language: str = "ja") -> str:
    """A queue's name for people: ``ポーランド語``, or ``その他の言語`` for the fallback queue."""
    if key == OTHER_LANGUAGES:
        return translations(in_language).gettext("All other languages")
    try:
        return display_name(normalize_tag(key), in_language=in_language)
    except UnknownLanguageError:
        return key


def route_language(session: Session, language: str, *, settings: Settings) -> LanguageQueue:
    """The queue a conversation in ``language`` goes to (created on first use).

    A queue already made for the language wins (the shop's languages, or one an admin set up
    later); a shop language gets its queue now; any other language goes to the fallback queue.
    """
    existing = session.scalar(select(LanguageQueue).where(LanguageQueue.language == language))
    if existing is not None:
        return existing
    key = language if language in settings.languages else settings.fallback_queue
    return queue_for_language(session, key, target_hours=settings.target_hours)


def queue_for_language(session: Session, language: str, *, target_hours: float) -> LanguageQueue:
    """The queue with key ``language`` (a tag or ``other``), created with the default target
    when it is new."""
    queue = session.scalar(select(LanguageQueue).where(LanguageQueue.language == language))
    if queue is not None:
        return queue
    queue = LanguageQueue(
        language=language,
        name_ja=queue_name(language, in_language="ja"),
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
