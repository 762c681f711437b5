"""``translation.translate_message``: inbound messages into Japanese, replies into the buyer's
language with a back-translation. Batched per language pair across messages."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway import events
from gateway.db import Database
from gateway.models import (
    Channel,
    Conversation,
    DeliveryState,
    Direction,
    Message,
    Priority,
    TranslationState,
    WorkItem,
    utcnow,
)
from gateway.ops.metrics import observe_translation
from gateway.outbox.service import start_delivery
from gateway.translations.pairs import PairTranslationJob
from gateway.triage.rules import apply_to_translated
from gateway.workers import queue
from translation.errors import TranslationError, UnsupportedPairError
from translation.languages import JAPANESE, UNDETERMINED

log = logging.getLogger(__name__)

KIND = "translation.translate_message"


def pair_key(source: str, target: str) -> str:
    return f"{source}>{target}"


def enqueue_translation(session: Session, message: Message, *, fresh: bool = False) -> WorkItem:
    """Queue the translation of ``message`` (``fresh``: stored in this transaction)."""
    source, target = translation_pair(message)
    message.translation_state = TranslationState.PENDING
    return queue.enqueue(
        session,
        KIND,
        message.id,
        group_key=pair_key(source, target),
        priority=translation_priority(session, message),
        fresh=fresh,
    )


def translation_priority(session: Session, message: Message) -> Priority:
    """An agent's reply draft is a preview someone waits for; a buyer's message by mail, form
    or API must be readable in Japanese soon; chat and automatic messages come next."""
    if message.direction == Direction.OUTBOUND:
        return Priority.ROUTINE if message.is_automatic else Priority.REPLY_PREVIEW
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is not None and conversation.channel == Channel.CHAT:
        return Priority.ROUTINE
    return Priority.BUYER_MESSAGE


def translation_pair(message: Message) -> tuple[str, str]:
    if message.direction == Direction.OUTBOUND:
        return JAPANESE, message.translation_language
    return message.language, message.translation_language


class TranslateMessages(PairTranslationJob):
    kind = KIND

    def __init__(self, batch_size: int = 64) -> None:
        super().__init__(batch_size)

    def on_released(self, groups: Sequence[str]) -> None:
        for group in groups:
            log.info("model for %s installed: translating the waiting messages", group)

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        from gateway.translations.engine import get_engine

        engine = get_engine()
        with database.session() as session:
            messages = {
                m.id: m
                for m in session.scalars(
                    select(Message).where(Message.id.in_([i.subject_id for i in items]))
                )
            }
        source, _sep, target = items[0].group_key.partition(">")
        todo = [messages[i.subject_id] for i in items if i.subject_id in messages]

        if source == UNDETERMINED:
            self._finish_failed(database, owner, items, "言語を判定できないため翻訳できません")
            return
        if not engine.supports(source, target):
            self._park(database, owner, items, source, target)
            return
        started = time.perf_counter()
        try:
            forward = engine.translate_many([m.text for m in todo], source=source, target=target)
            backward = None
            if todo and todo[0].direction == Direction.OUTBOUND:
                backward = engine.translate_many(
                    [t.text for t in forward], source=target, target=source
                )
        except UnsupportedPairError:
            self._park(database, owner, items, source, target)
            return
        except TranslationError as exc:
            self._retry(database, owner, items, str(exc))
            return

        observe_translation(
            source,
            target,
            seconds=time.perf_counter() - started,
            stored=[m.created_at for m in todo],
        )
        log.info(
            "translated %d message(s) %s→%s: %s",
            len(todo),
            source,
            target,
            ",".join(str(m.id) for m in todo),
        )
        with database.session() as session:
            by_id = {m.id: (i, m) for i, m in enumerate(todo)}
            for item in items:
                if not queue.complete(session, item.id, owner):
                    continue  # lease lost: another worker owns this message now
                entry = by_id.get(item.subject_id)
                if entry is None:
                    continue  # the message was deleted
                index, _stale = entry
                message = session.get(Message, item.subject_id)
                if message is None:
                    continue
                result = forward[index]
                message.translation_text = result.text
                message.translation_model = result.model
                message.translation_score = result.score
                message.translation_missing_spans = result.missing_spans
                message.translation_state = TranslationState.DONE
                message.translation_error = None
                message.translated_at = utcnow()
                if backward is not None:
                    message.back_translation = backward[index].text
                if message.direction == Direction.INBOUND:
                    events.record(
                        session, events.MessageTranslated(message.conversation_id, message.id)
                    )
                if message.delivery_state == DeliveryState.QUEUED:
                    start_delivery(session, message)
                if message.direction == Direction.INBOUND:
                    from gateway.settings import get_settings

                    apply_to_translated(session, message, setting=get_settings().intake_rules)

    def on_parked(self, session: Session, item: WorkItem, reason: str) -> None:
        message = session.get(Message, item.subject_id)
        if message is not None:
            message.translation_state = TranslationState.MODEL_MISSING
            message.translation_error = reason

    def on_failed(self, session: Session, item: WorkItem, error: str) -> None:
        message = session.get(Message, item.subject_id)
        if message is not None:
            message.translation_state = TranslationState.FAILED
            message.translation_error = error

    def _finish_failed(
        self, database: Database, owner: str, items: Sequence[WorkItem], error: str
    ) -> None:
        with database.session() as session:
            for item in items:
                if queue.fail(session, item.id, owner, error=error):
                    message = session.get(Message, item.subject_id)
                    if message is not None:
                        message.translation_state = TranslationState.FAILED
                        message.translation_error = error
