"""SIGTERM to a worker whose work hangs: it hands its leases back and exits, and another worker
sends the mail at once, not after the two-minute lease has expired."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, text

from gateway.db import Database
from gateway.inbox.service import send_reply, write_reply
from gateway.intake.service import Inquiry, receive_inquiry
from gateway.models import Channel, WorkItem
from gateway.settings import Settings
from gateway.workers import queue
from gateway.workers.runner import Job, WorkerPool
from tests.ops.cluster import Process, cluster
from tests.ops.relay import running_relay

REPLIES = 10
LEASE_SECONDS = 120
SUPPORT = "support@shop.example"


def queue_japanese_replies(url: str, count: int) -> None:
    """Buyers who wrote in Japanese, answered in Japanese: the replies go out untranslated."""
    settings = Settings(database_url=url, languages=["en", "ja"], _env_file=None)
    database = Database(url)
    try:
        with database.session() as session:
            for n in range(count):
                received = receive_inquiry(
                    session,
                    Inquiry(
                        channel=Channel.EMAIL,
                        text=f"注文番号 S-{n:03d} の商品はいつ届きますか？",
                        customer_email=f"kaito{n}@example.jp",
                        customer_name=f"Kaito {n}",
                        subject="配送について",
                    ),
                    settings=settings,
                )
                reply = write_reply(
                    session,
                    received.conversation,
                    text_ja="本日発送いたしました。",
                    author=None,
                )
                send_reply(session, reply, sender=None, require_translation=False)
    finally:
        database.dispose()


def sends(engine: Engine) -> list[tuple[str, str | None, int]]:
    with engine.connect() as conn:
        return [
            (row.state, row.lease_owner, row.attempts)
            for row in conn.execute(
                text(
                    "SELECT state, lease_owner, attempts FROM work_items "
                    "WHERE kind = 'mail.send_message'"
                )
            )
        ]


def sent_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.scalar(
                text(
                    "SELECT count(*) FROM messages "
                    "WHERE direction = 'outbound' AND delivery_state = 'sent'"
                )
            )
            or 0
        )


def holds_every_send(engine: Engine, worker: Process) -> bool:
    owned = [
        owner
        for state, owner, _attempts in sends(engine)
        if state == "running" and owner and f":{worker.popen.pid}/" in owner
    ]
    return len(owned) == REPLIES


def test_a_stopped_worker_hands_back_its_leases_and_another_sends_at_once(
    tmp_path: Path,
) -> None:
    with (
        running_relay() as (relay, port),
        cluster(
            tmp_path,
            {
                "KAKEHASHI_LANGUAGES": "en,ja",
                "KAKEHASHI_WORKER_POLL_SECONDS": "0.5",
                "KAKEHASHI_LEASE_SECONDS": str(LEASE_SECONDS),
                "KAKEHASHI_WORKER_SHUTDOWN_SECONDS": "2",
                "KAKEHASHI_SMTP_HOST": "127.0.0.1",
                "KAKEHASHI_SMTP_PORT": str(port),
                "KAKEHASHI_SMTP_STARTTLS": "false",
                "KAKEHASHI_MAIL_FROM": SUPPORT,
            },
        ) as (nodes, engine),
    ):
        relay.hang = True  # the relay takes the connection, then never answers RCPT
        queue_japanese_replies(nodes.database_url, REPLIES)
        first = nodes.worker("worker-1")
        deadline = time.monotonic() + 60
        while not (relay.hanging and holds_every_send(engine, first)):
            assert time.monotonic() < deadline, first.output()
            time.sleep(0.1)

        assert first.stop(timeout=30) == 0
        stopped_at = time.monotonic()
        assert "handed back 10 unfinished work item(s)" in first.output()
        # Pending again, no lease, the interrupted attempt not counted against the mail.
        assert sends(engine) == [("pending", None, 0)] * REPLIES
        assert sent_count(engine) == 0

        relay.hang = False
        nodes.worker("worker-2")
        while sent_count(engine) < REPLIES:
            assert time.monotonic() - stopped_at < LEASE_SECONDS / 2, "waited for the lease"
            time.sleep(0.2)
        assert [state for state, _owner, _attempts in sends(engine)] == ["done"] * REPLIES

    # Each buyer got the reply once: the hung attempt delivered nothing.
    assert sorted(relay.recipients) == sorted(f"kaito{n}@example.jp" for n in range(REPLIES))
    assert set(relay.recipients.values()) == {1}
    assert len(relay.accepted) == REPLIES
    assert set(relay.accepted.values()) == {1}


class Stuck(Job):
    """A job that does not finish until told to (a hung relay, a stuck model)."""

    kind = "test.stuck"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.finish = threading.Event()
        self.recorded: list[bool] = []

    def run(self, database: Database, owner: str, items: Sequence[WorkItem]) -> None:
        self.started.set()
        self.finish.wait(30)
        with database.session() as session:
            self.recorded += [queue.complete(session, item.id, owner) for item in items]


def test_work_still_in_hand_at_shutdown_goes_back_to_the_queue_at_once(
    database: Database, settings: Settings
) -> None:
    with database.session() as session:
        queue.enqueue(session, Stuck.kind, 1)
    stuck = Stuck()
    pool = WorkerPool(database, settings, [stuck])
    pool.start()
    assert stuck.started.wait(10)

    assert pool.stop(timeout=0.2) == 1
    with database.session() as session:
        item = session.query(WorkItem).one()
        assert (item.state, item.lease_owner, item.attempts) == ("pending", None, 0)
    # Another worker takes it straight away; the stopped one finishing late changes nothing.
    other = Stuck()
    other.finish.set()
    assert WorkerPool(database, settings, [other]).run_once()
    stuck.finish.set()
    deadline = time.monotonic() + 10
    while not stuck.recorded and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (other.recorded, stuck.recorded) == ([True], [False])
    with database.session() as session:
        assert session.query(WorkItem).one().state == "done"


def test_work_that_finishes_within_the_grace_period_is_not_handed_back(
    database: Database, settings: Settings
) -> None:
    with database.session() as session:
        queue.enqueue(session, Stuck.kind, 1)
    stuck = Stuck()
    pool = WorkerPool(database, settings, [stuck])
    pool.start()
    assert stuck.started.wait(10)
    threading.Timer(0.2, stuck.finish.set).start()
    assert pool.stop(timeout=10) == 0
    assert stuck.recorded == [True]
    with database.session() as session:
        assert session.query(WorkItem).one().state == "done"


def test_a_slow_job_keeps_its_lease_while_its_worker_lives(
    database: Database, settings: Settings
) -> None:
    settings.lease_seconds = 0.6
    with database.session() as session:
        queue.enqueue(session, Stuck.kind, 1)
    slow = Stuck()
    pool = WorkerPool(database, settings, [slow])
    pool.start()
    try:
        assert slow.started.wait(10)
        time.sleep(2.0)  # more than three leases
        other = Stuck()
        other.finish.set()
        assert not WorkerPool(database, settings, [other]).run_once()  # not taken over
        slow.finish.set()
        deadline = time.monotonic() + 10
        while not slow.recorded and time.monotonic() < deadline:
            time.sleep(0.05)
        assert slow.recorded == [True]
        assert other.recorded == []
    finally:
        slow.finish.set()
        pool.stop(timeout=5)
    with database.session() as session:
        assert session.query(WorkItem).one().attempts == 1
