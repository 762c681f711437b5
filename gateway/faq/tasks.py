"""``faq.translate``: machine translations of FAQ entries, batched per language pair.

Subject: a ``faq_translations`` row (created empty by :func:`queue_machine_translation`).
Idempotent: a row that is already current (translated from today's Japanese, or reviewed by a
person) is left alone, and a result is only stored if the Japanese did not change meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from faq_i18n.entries import Status
from faq_i18n.locales import SOURCE_LOCALE
from faq_i18n.workflow import is_current
from gateway.db import Database
from gateway.faq import repository
from gateway.faq.service import TRANSLATE_KIND, record_revision
from gateway.models import FaqEntry, FaqTranslation, WorkItem
from gateway.translations.pairs import PairTranslationJob
from gateway.workers import queue
from translation.errors import TranslationError, UnsupportedPairError

log = logging.getLogger(__name__)


class TranslateFaq(PairTranslationJob):
    kind = TRANSLATE_KIND

    def __init__(self, batch_size: int = 32) -> None:
        super().__init__(batch_size)

    def on_released(self, groups: Sequence[str]) -> None:
        log.info("FAQ translation models installed for %s", ", ".join(groups))

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        from gateway.translations.engine import get_engine

        engine = get_engine()
        target = items[0].group_key.partition(">")[2]
        with database.session() as session:
            rows = session.execute(
                select(
                    FaqTranslation.id,
                    FaqEntry.question_ja,
                    FaqEntry.answer_ja,
                    FaqEntry.source_hash,
                    FaqTranslation,
                )
                .join(FaqEntry, FaqTranslation.entry_id == FaqEntry.id)
                .where(FaqTranslation.id.in_([i.subject_id for i in items]))
            ).all()
            todo = {
                row_id: (question, answer, entry_hash)
                for row_id, question, answer, entry_hash, translation in rows
                if not is_current(repository.locale_text(translation), entry_hash)
            }
        if todo and not engine.supports(SOURCE_LOCALE, target):
            self._park(database, owner, items, SOURCE_LOCALE, target)
            return
        ids = sorted(todo)
        texts = [text for row_id in ids for text in todo[row_id][:2]]
        try:
            results = engine.translate_many(texts, source=SOURCE_LOCALE, target=target, bulk=True)
        except UnsupportedPairError:
            self._park(database, owner, items, SOURCE_LOCALE, target)
            return
        except TranslationError as exc:
            self._retry(database, owner, items, str(exc))
            return
        with database.session() as session:
            for item in items:
                if not queue.complete(session, item.id, owner):
                    continue  # lease lost: another worker owns it now
                if item.subject_id not in todo:
                    continue
                row = session.get(FaqTranslation, item.subject_id)
                if row is None:
                    continue
                entry = session.get(FaqEntry, row.entry_id)
                _question, _answer, translated_hash = todo[item.subject_id]
                if entry is None or entry.source_hash != translated_hash:
                    continue  # the Japanese changed meanwhile; its edit queued a new run
                if is_current(repository.locale_text(row), entry.source_hash):
                    continue  # a person saved a translation meanwhile
                index = ids.index(item.subject_id) * 2
                question, answer = results[index], results[index + 1]
                row.question, row.answer = question.text, answer.text
                row.status = Status.MACHINE
                row.source_hash = translated_hash
                row.model = answer.model
                record_revision(
                    session,
                    entry,
                    row.locale,
                    row.question,
                    row.answer,
                    row.status,
                    f"machine:{answer.model}",
                )

    def on_failed(self, session: Session, item: WorkItem, error: str) -> None:
        log.warning("FAQ translation %d failed: %s", item.subject_id, error)
