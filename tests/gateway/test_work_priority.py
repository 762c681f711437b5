"""Urgent work first, bulk work never starved: claim order on real SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gateway.db import Database
from gateway.faq.service import TRANSLATE_KIND, queue_machine_translation
from gateway.inbox.service import write_reply
from gateway.models import Conversation, FaqEntry, Priority, WorkItem, utcnow
from gateway.settings import Settings
from gateway.translations.tasks import KIND as TRANSLATE_MESSAGE
from gateway.workers import queue
from gateway.workers.runner import Job, WorkerPool
from tests.gateway.conftest import post_inquiry

KIND = "test.job"
LEASE = timedelta(minutes=1)
AGING = timedelta(seconds=60)


def _enqueue(database: Database, items: Sequence[tuple[int, Priority]]) -> None:
    with database.session() as session:
        for subject, priority in items:
            queue.enqueue(session, KIND, subject, group_key="en>ja", priority=priority)


def _claim_one(database: Database, **options: object) -> list[int]:
    with database.session() as session:
        claim = queue.claim(session, [KIND], worker="w", lease=LEASE, aging=AGING, **options)  # type: ignore[arg-type]
        return [item.subject_id for item in claim.items]


def _backdate(database: Database, subject: int, seconds: float) -> None:
    with database.session() as session:
        item = session.scalars(select(WorkItem).where(WorkItem.subject_id == subject)).one()
        item.next_attempt_at = utcnow() - timedelta(seconds=seconds)


def test_claims_take_the_most_urgent_work_first(database: Database) -> None:
    # Queued in the worst order: bulk first, the reply preview last.
    _enqueue(
        database,
        [
            (41, Priority.BULK),
            (42, Priority.BULK),
            (31, Priority.ROUTINE),
            (21, Priority.BUYER_MESSAGE),
            (11, Priority.REPLY_PREVIEW),
        ],
    )
    order = [subject for _ in range(5) for subject in _claim_one(database)]
    assert order == [11, 21, 31, 41, 42]


def test_bulk_work_is_not_starved_by_a_stream_of_urgent_work(database: Database) -> None:
    _enqueue(database, [(41, Priority.BULK)])
    _backdate(database, 41, 10)
    # Fresh previews keep arriving: at first each one goes ahead of the bulk item…
    _enqueue(database, [(11, Priority.REPLY_PREVIEW)])
    assert _claim_one(database) == [11]
    # …but once the bulk item has waited three aging intervals it is as urgent as a preview,
    # and older, so it goes first.
    _backdate(database, 41, 3 * AGING.total_seconds() + 5)
    _enqueue(database, [(12, Priority.REPLY_PREVIEW), (13, Priority.REPLY_PREVIEW)])
    assert _claim_one(database) == [41]
    assert _claim_one(database) == [12]


def test_a_buyer_message_overtakes_fresher_work_after_waiting(database: Database) -> None:
    _enqueue(database, [(21, Priority.BUYER_MESSAGE), (31, Priority.ROUTINE)])
    _backdate(database, 31, AGING.total_seconds() + 5)  # aged one level: now level 2, older
    assert _claim_one(database) == [31]
    assert _claim_one(database) == [21]


def test_the_urgent_lane_leaves_bulk_and_routine_work_alone(database: Database) -> None:
    _enqueue(database, [(41, Priority.BULK), (31, Priority.ROUTINE), (21, Priority.BUYER_MESSAGE)])
    _backdate(database, 41, 10 * AGING.total_seconds())
    assert _claim_one(database, max_priority=Priority.BUYER_MESSAGE, limit=5) == [21]
    assert _claim_one(database, max_priority=Priority.BUYER_MESSAGE, limit=5) == []
    assert sorted(_claim_one(database, limit=5)) == [31, 41]


def test_a_batch_of_one_language_pair_starts_with_the_most_urgent_pair(database: Database) -> None:
    with database.session() as session:
        for subject in (1, 2, 3):
            queue.enqueue(session, KIND, subject, group_key="fr>ja", priority=Priority.BULK)
        queue.enqueue(session, KIND, 9, group_key="en>ja", priority=Priority.REPLY_PREVIEW)
    assert _claim_one(database, limit=10, same_group=True) == [9]


# SQLite has one writer at a time, so claims there cannot overlap: PostgreSQL only.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_workers_sharing_postgresql_each_take_the_most_urgent_item_not_locked(
    database: Database,
) -> None:
    _enqueue(
        database,
        [(41, Priority.BULK), (21, Priority.BUYER_MESSAGE), (11, Priority.REPLY_PREVIEW)],
    )
    # Worker A's claim is still uncommitted (its rows locked) when worker B claims.
    with database.session() as first:
        a = queue.claim(first, [KIND], worker="a", lease=LEASE)
        with database.session() as second:
            b = queue.claim(second, [KIND], worker="b", lease=LEASE)
        with database.session() as third:
            c = queue.claim(third, [KIND], worker="c", lease=LEASE)
        claimed = [i.subject_id for claim in (a, b, c) for i in claim.items]
    assert claimed == [11, 21, 41]


def test_work_gets_the_priority_of_who_is_waiting(
    client: TestClient, auth: dict[str, str], database: Database
) -> None:
    inquiry = post_inquiry(client, auth, "Hello, where is my parcel? It has been two weeks.")
    with database.session() as session:
        conversation = session.get(Conversation, inquiry["conversation_id"])
        assert conversation is not None
        draft = write_reply(session, conversation, text_ja="確認いたします。", author=None)
        entry = FaqEntry(
            slug="shipping", question_ja="送料は？", answer_ja="無料です。", source_hash="x"
        )
        session.add(entry)
        session.flush()
        faq = queue_machine_translation(session, entry, "fr")
        priorities = {
            (item.kind, item.subject_id): item.priority
            for item in session.scalars(select(WorkItem))
        }
    assert priorities[(TRANSLATE_MESSAGE, inquiry["message_id"])] == Priority.BUYER_MESSAGE
    assert priorities[(TRANSLATE_MESSAGE, draft.id)] == Priority.REPLY_PREVIEW
    assert priorities[(TRANSLATE_KIND, faq.id)] == Priority.BULK


class _Recorder(Job):
    """Bulk items block until released, as a long FAQ batch being decoded would."""

    kind = KIND

    def __init__(self) -> None:
        self.release_bulk = threading.Event()
        self.bulk_started = threading.Event()
        self.preview_done = threading.Event()

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        for item in items:
            if item.priority == Priority.BULK:
                self.bulk_started.set()
                self.release_bulk.wait(30)
            elif item.priority == Priority.REPLY_PREVIEW:
                self.preview_done.set()
        with database.session() as session:
            for item in items:
                queue.complete(session, item.id, owner)


def test_a_reply_preview_does_not_wait_behind_a_bulk_batch_in_progress(
    database: Database, settings: Settings
) -> None:
    job = _Recorder()
    pool = WorkerPool(database, settings.model_copy(update={"urgent_workers": 1}), [job])
    _enqueue(database, [(41, Priority.BULK)])
    pool.start()
    try:
        assert job.bulk_started.wait(10)  # the only ordinary thread is busy with bulk work
        _enqueue(database, [(11, Priority.REPLY_PREVIEW)])
        assert job.preview_done.wait(10), "the preview waited for the bulk batch"
        assert not job.release_bulk.is_set()
    finally:
        job.release_bulk.set()
        pool.stop(5)
