"""FAQ answers that fit an inquiry, for the API, the agent inbox and the automatic answer.

Ranking is :class:`faq_i18n.search.FaqIndex`; this module feeds it the published entries with
their *current* translations only (a translation of older Japanese text is never offered), and
keeps one index per FAQ version in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from faq_i18n.chrome import catalog
from faq_i18n.entries import Status
from faq_i18n.locales import SOURCE_LOCALE
from faq_i18n.workflow import is_current
from gateway.faq import repository
from gateway.faq.config import locales_dir
from gateway.models import (
    Conversation,
    Direction,
    FaqEntry,
    FaqTranslation,
    Message,
    TranslationState,
)
from gateway.outbox.service import queue_delivery

if TYPE_CHECKING:
    from faq_i18n.search import FaqIndex

AUTO_ANSWER_NOTE_JA = "【FAQ自動回答】"


@dataclass(frozen=True)
class Suggestion:
    """A FAQ entry that fits, ready to insert: in the buyer's locale (``locale``; ``ja`` when
    no current translation exists) and in Japanese for the agent."""

    slug: str
    score: float
    locale: str
    question: str
    answer: str
    question_ja: str
    answer_ja: str
    machine: bool  # the buyer-language text is a machine translation nobody reviewed


@dataclass
class _Snapshot:
    index: FaqIndex
    sources: dict[str, tuple[str, str]]
    machine: set[tuple[str, str]]


_cache: dict[tuple[object, ...], _Snapshot] = {}
_lock = threading.Lock()


def _version(session: Session) -> tuple[object, ...]:
    """Changes whenever an entry or translation is added, edited or removed."""
    entries = session.execute(
        select(func.count(FaqEntry.id), func.max(FaqEntry.updated_at), func.sum(FaqEntry.id))
    ).one()
    translations = session.execute(
        select(
            func.count(FaqTranslation.id),
            func.max(FaqTranslation.updated_at),
            func.sum(FaqTranslation.id),
        )
    ).one()
    return (str(session.get_bind().engine.url), *entries, *translations)


def _snapshot(session: Session) -> _Snapshot:
    version = _version(session)
    with _lock:
        found = _cache.get(version)
    if found is not None:
        return found
    # Imported here: the ranking (numpy, vocabularies) loads on the first suggestion only.
    from faq_i18n.search import FaqDocument, FaqIndex

    documents: list[FaqDocument] = []
    sources: dict[str, tuple[str, str]] = {}
    machine: set[tuple[str, str]] = set()
    for entry in repository.all_entries(session, published_only=True):
        sources[entry.slug] = (entry.question_ja, entry.answer_ja)
        documents.append(
            FaqDocument(
                entry.slug, SOURCE_LOCALE, entry.category, entry.question_ja, entry.answer_ja
            )
        )
        for row in entry.translations:
            if is_current(repository.locale_text(row), entry.source_hash):
                documents.append(
                    FaqDocument(entry.slug, row.locale, entry.category, row.question, row.answer)
                )
                if row.status != Status.REVIEWED:
                    machine.add((entry.slug, row.locale))
    snapshot = _Snapshot(FaqIndex(documents), sources, machine)
    with _lock:
        _cache.clear()  # one version per database is enough; old ones are garbage
        _cache[version] = snapshot
    return snapshot


def suggest(
    session: Session,
    query: str,
    *,
    lang: str,
    query_ja: str | None = None,
    limit: int = 3,
) -> list[Suggestion]:
    """The published FAQ entries that best answer ``query`` (written in ``lang``)."""
    snapshot = _snapshot(session)
    found = snapshot.index.suggest(query, locale=lang, query_ja=query_ja, limit=limit)
    return [
        Suggestion(
            slug=s.slug,
            score=s.score,
            locale=s.locale,
            question=s.question,
            answer=s.answer,
            question_ja=snapshot.sources[s.slug][0],
            answer_ja=snapshot.sources[s.slug][1],
            machine=(s.slug, s.locale) in snapshot.machine,
        )
        for s in found
    ]


def suggest_for_message(session: Session, message: Message, *, limit: int = 3) -> list[Suggestion]:
    """Suggestions for an inbound message (its original text, and its Japanese translation
    once there is one), in the message's language."""
    query_ja = None
    if message.translation_language == SOURCE_LOCALE and message.translation_state in (
        TranslationState.DONE,
        TranslationState.NOT_NEEDED,
    ):
        query_ja = message.translation_text
    return suggest(session, message.text, lang=message.language, query_ja=query_ja, limit=limit)


def auto_answer(session: Session, message: Message) -> Message | None:
    """Answer a buyer's first message at once from the FAQ when its queue allows it and the
    best suggestion is confident enough; ``None`` otherwise.

    The answer goes out in the buyer's language, marked as automatic; it is an automatic
    message, so it neither closes the conversation nor counts as the first human response.
    Only a current translation in the buyer's own language is sent (never Japanese to a
    buyer who does not read it).
    """
    if message.direction != Direction.INBOUND:
        return None
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is None or not conversation.queue.auto_answer:
        return None
    earlier = session.scalar(
        select(func.count(Message.id)).where(
            Message.conversation_id == conversation.id, Message.id != message.id
        )
    )
    if earlier:
        return None  # only a new inquiry gets an automatic answer
    best = next(iter(suggest_for_message(session, message, limit=1)), None)
    if best is None or best.score < conversation.queue.auto_answer_min_score:
        return None
    if best.locale != conversation.language:
        return None
    note = catalog(best.locale, locales_dir()).gettext(
        "This is an automatic answer from our FAQ. A member of our team will also read your "
        "message and reply if anything is still unclear."
    )
    reply = Message(
        conversation_id=conversation.id,
        direction=Direction.OUTBOUND,
        is_automatic=True,
        text=f"{AUTO_ANSWER_NOTE_JA}{best.question_ja}\n\n{best.answer_ja}",
        language=SOURCE_LOCALE,
        translation_language=conversation.language,
        translation_state=TranslationState.NOT_NEEDED,
        translation_text=f"{best.question}\n\n{best.answer}\n\n— {note}",
    )
    session.add(reply)
    session.flush()
    queue_delivery(session, reply)
    return reply
