"""``csat.translate_comment``: a buyer's survey comment into Japanese for the agents, with the
same engine, batching by language pair and parking for a missing model as messages get."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy.orm import Session

from gateway.csat.service import TRANSLATE_COMMENT
from gateway.db import Database
from gateway.models import CsatSurvey, TranslationState, WorkItem, WorkState
from gateway.workers import queue
from gateway.workers.runner import Job
from translation.errors import TranslationError, UnsupportedPairError
from translation.languages import UNDETERMINED

log = logging.getLogger(__name__)


class TranslateCsatComments(Job):
    kind = TRANSLATE_COMMENT
    same_group = True
    batch_size = 32

    def housekeeping(self, database: Database) -> None:
        """Release comments parked for a missing model once the model is installed."""
        from gateway.translations.engine import get_engine

        engine = get_engine()
        with database.session() as session:
            ready = [
                group
                for group in queue.waiting_groups(session, self.kind)
                if engine.supports(*group.split(">", 1))
            ]
            if ready:
                queue.release_waiting(session, self.kind, ready)

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        from gateway.settings import get_settings
        from gateway.translations.engine import get_engine

        engine = get_engine()
        source, _sep, target = items[0].group_key.partition(">")
        with database.session() as session:
            comments = {
                item.id: survey.comment
                for item in items
                if (survey := session.get(CsatSurvey, item.subject_id)) is not None
                and survey.comment
            }
        todo = [item for item in items if item.id in comments]
        try:
            if source == UNDETERMINED:
                raise UnsupportedPairError(source, target, ())
            results = engine.translate_many(
                [comments[item.id] or "" for item in todo], source=source, target=target
            )
        except UnsupportedPairError:
            with database.session() as session:
                for item in items:
                    if queue.park(session, item.id, owner, reason=f"no model {source} → {target}"):
                        self._state(session, item, TranslationState.MODEL_MISSING)
            return
        except TranslationError as exc:
            with database.session() as session:
                for item in items:
                    state = queue.retry_later(
                        session,
                        item.id,
                        owner,
                        error=str(exc),
                        max_attempts=get_settings().max_attempts,
                    )
                    if state == WorkState.FAILED:
                        self._state(session, item, TranslationState.FAILED)
            return
        translated = {item.id: result.text for item, result in zip(todo, results, strict=True)}
        with database.session() as session:
            for item in items:
                if not queue.complete(session, item.id, owner):
                    continue
                survey = session.get(CsatSurvey, item.subject_id)
                if survey is not None and item.id in translated:
                    survey.comment_ja = translated[item.id]
                    survey.comment_translation_state = TranslationState.DONE
        log.info("translated %d survey comment(s) %s→%s", len(translated), source, target)

    @staticmethod
    def _state(session: Session, item: WorkItem, state: TranslationState) -> None:
        survey = session.get(CsatSurvey, item.subject_id)
        if survey is not None:
            survey.comment_translation_state = state
