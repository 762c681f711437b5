"""Two web and two worker processes on PostgreSQL take 5,000 inquiries while one worker is
killed with SIGKILL and another loses its database connections: every inquiry is stored once
and translated once, none is lost."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import Engine, text

from tests.ops.cluster import TRANSLATED, Process, cluster, cut_connections

INQUIRIES = 5_000
IN_FLIGHT = 32
RETRIES = 3

# Every committed translation of a message leaves a row, with the process that committed it
# (its libpq application name). A message translated twice, by whichever process, shows up here.
TRANSLATION_LEDGER = """
CREATE TABLE fault_translations (
    message_id bigint NOT NULL,
    application text NOT NULL,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE FUNCTION fault_note_translation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO fault_translations (message_id, application)
    VALUES (NEW.id, current_setting('application_name'));
    RETURN NEW;
END $$;
CREATE TRIGGER fault_note_translation AFTER UPDATE ON messages FOR EACH ROW
WHEN (NEW.translated_at IS DISTINCT FROM OLD.translated_at)
EXECUTE FUNCTION fault_note_translation();
"""


class Poster:
    """Posts the inquiries from a thread, ``IN_FLIGHT`` at a time, alternating web processes."""

    def __init__(self, webs: list[Process], token: str) -> None:
        self.webs = webs
        self.headers = {"Authorization": f"Bearer {token}"}
        self.done = 0
        self.created: dict[int, int] = {}  # inquiry number → message id
        self.failures: list[str] = []
        self.retried = 0
        self.thread = threading.Thread(target=lambda: asyncio.run(self._post_all()))

    @staticmethod
    def text(n: int) -> str:
        return (
            f"Hello, I ordered a blue kimono last week, order number F-{n:05d}. "
            "When will it ship to my address in Canada?"
        )

    async def _post_all(self) -> None:
        limits = httpx.Limits(max_connections=IN_FLIGHT // len(self.webs))
        clients = [
            httpx.AsyncClient(base_url=web.base_url, timeout=60, limits=limits) for web in self.webs
        ]
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def post(n: int) -> None:
            body = {
                "channel": "api",
                "customer": {"email": f"buyer{n}@example.com", "name": f"Buyer {n}"},
                "text": self.text(n),
            }
            # As an integration should: an Idempotency-Key per inquiry, and a lost answer or a
            # 503 retried with the same key, which can never make a second inquiry.
            headers = {**self.headers, "Idempotency-Key": f"fault-test-{n}"}
            outcome = ""
            async with gate:
                try:
                    for attempt in range(RETRIES + 1):
                        try:
                            response = await clients[(n + attempt) % len(clients)].post(
                                "/api/v1/inquiries", json=body, headers=headers
                            )
                        except httpx.HTTPError as exc:
                            outcome = f"{type(exc).__name__}: {exc}"
                        else:
                            if response.status_code == 201:
                                self.created[n] = response.json()["message_id"]
                                return
                            outcome = f"{response.status_code} {response.text[:200]}"
                            if response.status_code != 503:
                                break
                        self.retried += 1
                        await asyncio.sleep(0.5)
                    self.failures.append(f"#{n}: {outcome}")
                finally:
                    self.done += 1

        try:
            await asyncio.gather(*(post(n) for n in range(INQUIRIES)))
        finally:
            for client in clients:
                await client.aclose()

    def wait_until(self, count: int, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while self.done < count and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)


def leases_held(engine: Engine, process: Process) -> int:
    """Translation work items leased by ``process`` (owners are ``host:pid/claim``)."""
    with engine.connect() as conn:
        return int(
            conn.scalar(
                text(
                    "SELECT count(*) FROM work_items WHERE state = 'running' "
                    "AND lease_owner LIKE :owner"
                ),
                {"owner": f"%:{process.popen.pid}/%"},
            )
            or 0
        )


def kill_while_holding_leases(engine: Engine, process: Process) -> int:
    """SIGKILL ``process`` at a moment it holds leases (frozen with SIGSTOP to look);
    returns how many it held."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        os.kill(process.popen.pid, signal.SIGSTOP)
        held = leases_held(engine, process)
        if held:
            os.kill(process.popen.pid, signal.SIGKILL)
            process.popen.wait(10)
            return held
        os.kill(process.popen.pid, signal.SIGCONT)
        time.sleep(0.05)
    raise AssertionError(f"{process.name} never held a lease:\n{process.output()[-3000:]}")


def test_5000_inquiries_survive_a_killed_worker_and_a_cut_database_connection(
    tmp_path: Path,
) -> None:
    env = {
        "KAKEHASHI_LANGUAGES": "en,ja",
        "KAKEHASHI_WORKER_POLL_SECONDS": "0.5",
        "KAKEHASHI_LEASE_SECONDS": "8",
        "KAKEHASHI_TRANSLATION_BATCH_SIZE": "32",
    }
    with cluster(tmp_path, env) as (nodes, engine):
        nodes.install_models("en_ja")
        with engine.begin() as conn:
            conn.exec_driver_sql(TRANSLATION_LEDGER)
        token = nodes.cli("token", "create", "--name", "fault-test")
        webs = [nodes.web("web-1"), nodes.web("web-2")]
        worker_1 = nodes.worker("worker-1")
        worker_2 = nodes.worker("worker-2")

        poster = Poster(webs, token)
        poster.thread.start()
        poster.wait_until(INQUIRIES // 3)
        orphaned = kill_while_holding_leases(engine, worker_1)
        worker_3 = nodes.worker("worker-3")  # the replacement

        poster.wait_until(INQUIRIES // 2)
        with engine.connect() as conn:
            cut_at = conn.scalar(text("SELECT clock_timestamp()"))
        assert cut_connections(engine, "worker-2") >= 1
        poster.thread.join(300)
        assert not poster.thread.is_alive()
        assert poster.failures == [], poster.failures[:10]
        assert len(poster.created) == INQUIRIES

        # None lost: wait until every inquiry's translation is done.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                pending = conn.scalar(
                    text(
                        "SELECT count(*) FROM messages "
                        "WHERE direction = 'inbound' AND translation_state <> 'done'"
                    )
                )
            if pending == 0:
                break
            time.sleep(0.5)
        assert pending == 0, f"{pending} inquiries never translated"
        for survivor in (*webs, worker_2, worker_3):
            assert survivor.popen.poll() is None, f"{survivor.name} died:\n{survivor.output()}"

        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT id, text, translation_text FROM messages WHERE direction = 'inbound'")
            ).all()
            conversations = conn.scalar(text("SELECT count(*) FROM conversations"))
            committed = conn.execute(
                text("SELECT message_id, application, at FROM fault_translations")
            ).all()
            attempts: dict[int, int] = dict(
                conn.execute(
                    text(
                        "SELECT subject_id, attempts FROM work_items "
                        "WHERE kind = 'translation.translate_message' AND state = 'done'"
                    )
                ).all()
            )
            unfinished = conn.scalar(
                text(
                    "SELECT count(*) FROM work_items WHERE kind LIKE 'translation.%' "
                    "AND state <> 'done'"
                )
            )

    # Stored exactly once: one message per inquiry, each answered with its own id.
    assert len(stored) == INQUIRIES
    assert conversations == INQUIRIES
    assert Counter(row.text for row in stored) == Counter(Poster.text(n) for n in range(INQUIRIES))
    by_id = {row.id: row for row in stored}
    assert {by_id[mid].text for mid in poster.created.values()} == {
        Poster.text(n) for n in poster.created
    }
    assert all(row.translation_text and row.translation_text != row.text for row in stored)

    # Translated exactly once: one committed translation per message, whoever did it.
    per_message = Counter(row.message_id for row in committed)
    assert set(per_message) == set(by_id)
    twice = {mid: n for mid, n in per_message.items() if n != 1}
    assert twice == {}, f"translated more than once: {list(twice.items())[:10]}"
    assert unfinished == 0
    assert set(attempts) == set(by_id)

    # The faults happened and were survived: the killed worker's leased messages were taken
    # over after its lease expired; the cut worker reconnected and kept translating.
    retried = {mid for mid, n in attempts.items() if n > 1}
    assert len(retried) >= orphaned
    assert any(row.application == "worker-2" and row.at > cut_at for row in committed)
    assert any(row.application == "worker-3" for row in committed)

    # The engine ran again only for messages whose work was claimed again (a lost lease):
    # every re-run is accounted for by an extra attempt.
    runs: Counter[int] = Counter()
    for process in nodes.processes:
        for match in TRANSLATED.finditer(process.output()):
            runs.update(int(i) for i in match.group(1).split(","))
    assert set(runs) == set(by_id)
    assert all(runs[mid] <= attempts[mid] for mid in by_id)


def test_web_and_worker_processes_carry_on_after_the_database_drops_every_connection(
    tmp_path: Path,
) -> None:
    """What a database restart looks like to the processes: every connection gone at once."""
    env = {"KAKEHASHI_LANGUAGES": "en,ja", "KAKEHASHI_WORKER_POLL_SECONDS": "0.5"}
    with cluster(tmp_path, env) as (nodes, engine):
        nodes.install_models("en_ja")
        token = nodes.cli("token", "create", "--name", "fault-test")
        web = nodes.web("web-1")
        worker = nodes.worker("worker-1")
        headers = {"Authorization": f"Bearer {token}"}

        def post(n: int) -> int:
            body = {
                "channel": "api",
                "customer": {"email": f"restart{n}@example.com", "name": "Buyer"},
                "text": Poster.text(n),
            }
            response = httpx.post(
                f"{web.base_url}/api/v1/inquiries", json=body, headers=headers, timeout=60
            )
            assert response.status_code == 201, response.text
            return int(response.json()["message_id"])

        def translated(ids: list[int]) -> bool:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with engine.connect() as conn:
                    done = conn.scalar(
                        text(
                            "SELECT count(*) FROM messages "
                            "WHERE id = ANY(:ids) AND translation_state = 'done'"
                        ),
                        {"ids": ids},
                    )
                if done == len(ids):
                    return True
                time.sleep(0.3)
            return False

        before = [post(n) for n in range(10)]
        assert translated(before)
        cut = cut_connections(engine, "web-1") + cut_connections(engine, "worker-1")
        assert cut >= 2  # at least the web's pooled connection and the worker's LISTEN
        after = [post(n) for n in range(10, 20)]  # the first request after the cut included
        assert translated(after), worker.output()[-3000:]
        assert web.popen.poll() is None
        assert worker.popen.poll() is None
