"""The durable work queue on real SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import select

from gateway.db import Database
from gateway.models import WorkItem, WorkState
from gateway.workers import queue

KIND = "test.job"


def _enqueue(database: Database, count: int, group: str = "en>ja") -> None:
    with database.session() as session:
        for subject in range(1, count + 1):
            queue.enqueue(session, KIND, subject, group_key=group)


def test_claimed_items_are_leased_to_one_worker(database: Database) -> None:
    _enqueue(database, 3)
    with database.session() as session:
        first = queue.claim(session, [KIND], worker="a", lease=timedelta(minutes=1), limit=2)
    with database.session() as session:
        second = queue.claim(session, [KIND], worker="b", lease=timedelta(minutes=1), limit=5)
    assert [i.subject_id for i in first.items] == [1, 2]
    assert [i.subject_id for i in second.items] == [3]
    with database.session() as session:
        assert queue.complete(session, first.items[0].id, first.owner)
        assert not queue.complete(session, first.items[1].id, second.owner)  # not b's lease


def test_expired_lease_is_taken_over_and_the_dead_worker_cannot_finish(database: Database) -> None:
    _enqueue(database, 1)
    with database.session() as session:
        dead = queue.claim(session, [KIND], worker="dead", lease=timedelta(seconds=0.2))
    with database.session() as session:
        assert queue.claim(session, [KIND], worker="b", lease=timedelta(minutes=1)).items == []
    time.sleep(0.3)
    with database.session() as session:
        alive = queue.claim(session, [KIND], worker="alive", lease=timedelta(minutes=1))
    assert [i.subject_id for i in alive.items] == [1]
    assert alive.items[0].attempts == 2
    with database.session() as session:
        assert not queue.complete(session, dead.items[0].id, dead.owner)
        assert queue.complete(session, alive.items[0].id, alive.owner)
        assert session.get(WorkItem, alive.items[0].id).state == WorkState.DONE  # type: ignore[union-attr]


def test_a_batch_stays_within_one_language_pair(database: Database) -> None:
    _enqueue(database, 2, group="ko>ja")
    with database.session() as session:
        queue.enqueue(session, KIND, 10, group_key="en>ja")
    with database.session() as session:
        batch = queue.claim(
            session, [KIND], worker="a", lease=timedelta(minutes=1), limit=10, same_group=True
        )
    assert {i.group_key for i in batch.items} == {"ko>ja"}
    assert len(batch.items) == 2


def test_failures_back_off_then_give_up(database: Database) -> None:
    _enqueue(database, 1)
    with database.session() as session:
        claim = queue.claim(session, [KIND], worker="a", lease=timedelta(minutes=1))
        state = queue.retry_later(
            session, claim.items[0].id, claim.owner, error="relay down", max_attempts=2
        )
    assert state == WorkState.PENDING
    with database.session() as session:
        item = session.scalars(select(WorkItem)).one()
        item.next_attempt_at = item.next_attempt_at - timedelta(hours=1)
    with database.session() as session:
        claim = queue.claim(session, [KIND], worker="a", lease=timedelta(minutes=1))
        state = queue.retry_later(
            session, claim.items[0].id, claim.owner, error="relay down", max_attempts=2
        )
    assert state == WorkState.FAILED
    with database.session() as session:
        item = session.scalars(select(WorkItem)).one()
        assert (item.state, item.last_error, item.attempts) == ("failed", "relay down", 2)


def test_parked_items_wait_until_released(database: Database) -> None:
    _enqueue(database, 2, group="th>ja")
    with database.session() as session:
        claim = queue.claim(session, [KIND], worker="a", lease=timedelta(minutes=1), limit=5)
        for item in claim.items:
            queue.park(session, item.id, claim.owner, reason="no model")
    with database.session() as session:
        assert queue.claim(session, [KIND], worker="a", lease=timedelta(minutes=1)).items == []
        assert queue.waiting_groups(session, KIND) == ["th>ja"]
        assert queue.release_waiting(session, KIND, ["th>ja"]) == 2
    with database.session() as session:
        again = queue.claim(session, [KIND], worker="a", lease=timedelta(minutes=1), limit=5)
    assert len(again.items) == 2


def test_concurrent_claimers_never_share_an_item(database: Database) -> None:
    _enqueue(database, 60)
    claimed: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            while True:
                with database.session() as session:
                    claim = queue.claim(
                        session, [KIND], worker=name, lease=timedelta(minutes=1), limit=3
                    )
                if not claim.items:
                    return
                with lock:
                    claimed.extend(i.subject_id for i in claim.items)
                with database.session() as session:
                    for item in claim.items:
                        assert queue.complete(session, item.id, claim.owner)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(claimed) == list(range(1, 61))
