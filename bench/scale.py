"""Scale-out on PostgreSQL: translation jobs per second with one `kakehashi worker` process and
with two, and inquiries per second with one `kakehashi serve` web process and with two, each
printed as a ratio to the one-process figure measured in the same run.

    .venv/bin/python bench/scale.py [--jobs 1500] [--inquiries 1000] [--concurrency 16]

Needs the PostgreSQL server at KAKEHASHI_BENCH_POSTGRES_URL (default: the test server at
127.0.0.1:5432, database ``test``); works in a database of its own, dropped afterwards. Uses
the tiny test translation model from tests/fixtures/models, so the translation figures measure
the work queue and the process overhead rather than a real model. On a 2-core machine two
processes cannot reach 2x; the ratios are printed as measured.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.db import Database  # noqa: E402
from gateway.intake.service import Inquiry, receive_inquiry  # noqa: E402
from gateway.models import Channel  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from translation.packages import install_file  # noqa: E402

ADMIN_URL = os.environ.get(
    "KAKEHASHI_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TEST_MODEL = ROOT / "tests" / "fixtures" / "models" / "translate-en_ja-test.argosmodel"
PHASE_LIMIT_S = 240.0  # no phase runs longer than this


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def bench_database() -> Iterator[str]:
    admin = create_engine(make_url(ADMIN_URL), isolation_level="AUTOCOMMIT")
    name = f"kakehashi_bench_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


class Processes:
    """`kakehashi` subprocesses sharing one database; all stopped on exit."""

    def __init__(self, database_url: str, work: Path) -> None:
        self.work = work
        self.env = {
            **os.environ,
            "KAKEHASHI_DATABASE_URL": database_url,
            "KAKEHASHI_MODELS_DIR": str(work / "models"),
            "KAKEHASHI_LANGUAGES": "en,ja",
            "KAKEHASHI_WORKER_POLL_SECONDS": "0.5",
            "KAKEHASHI_TRANSLATION_BATCH_SIZE": "16",
            "KAKEHASHI_LOG_LEVEL": "WARNING",
        }
        self.running: list[tuple[subprocess.Popen[bytes], Path]] = []

    def cli(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "gateway", *args],
            env=self.env,
            cwd=self.work,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def spawn(self, *args: str) -> Path:
        log = self.work / f"process-{len(self.running)}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "gateway", *args],
                env=self.env,
                cwd=self.work,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.running.append((process, log))
        return log

    def worker(self) -> None:
        log = self.spawn("worker")
        deadline = time.monotonic() + 60
        while "worker running" not in log.read_text(errors="replace"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{log.read_text()}")
            time.sleep(0.1)

    def web(self) -> str:
        port = free_port()
        log = self.spawn("serve", "--no-workers", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with suppress(httpx.HTTPError):
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    return base
            time.sleep(0.2)
        raise RuntimeError(f"web process did not start:\n{log.read_text()}")

    def stop_all(self) -> None:
        for process, _log in self.running:
            process.terminate()
        for process, _log in self.running:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.running.clear()


def load_inquiries(url: str, count: int) -> None:
    """``count`` English inquiries, each with its translation job queued."""
    settings = Settings(database_url=url, languages=["en", "ja"], _env_file=None)
    database = Database(url)
    with database.session() as session:
        for n in range(count):
            receive_inquiry(
                session,
                Inquiry(
                    channel=Channel.API,
                    text=f"Hello, when will my order B-{n:05d} ship? I paid by card on Monday.",
                    customer_email=f"bench{n}@example.com",
                    customer_name="Bench",
                ),
                settings=settings,
            )
    database.dispose()


def rearm_translations(engine: Engine) -> int:
    """Make every translation job pending again (same workload for the next phase)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE messages SET translation_state = 'pending', translation_text = NULL, "
                "translated_at = NULL WHERE direction = 'inbound'"
            )
        )
        count = conn.execute(
            text(
                "UPDATE work_items SET state = 'pending', attempts = 0, lease_owner = NULL, "
                "lease_expires_at = NULL, finished_at = NULL, next_attempt_at = now() "
                "WHERE kind = 'translation.translate_message'"
            )
        ).rowcount
        conn.execute(text("SELECT pg_notify('kakehashi_work', 'translation.translate_message')"))
    return int(count)


def translations_done(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.scalar(
                text(
                    "SELECT count(*) FROM work_items "
                    "WHERE kind = 'translation.translate_message' AND state = 'done'"
                )
            )
            or 0
        )


def translation_rate(url: str, engine: Engine, work: Path, workers: int) -> float:
    """Jobs per second for ``workers`` worker processes, started and idle before the clock."""
    processes = Processes(url, work)
    try:
        for _ in range(workers):
            processes.worker()
        time.sleep(1.0)  # let them settle into waiting for work
        jobs = rearm_translations(engine)
        started = time.perf_counter()
        while translations_done(engine) < jobs:
            if time.perf_counter() - started > PHASE_LIMIT_S:
                raise RuntimeError("translation phase ran past its time limit")
            time.sleep(0.05)
        return jobs / (time.perf_counter() - started)
    finally:
        processes.stop_all()


async def _post(bases: list[str], token: str, first: int, count: int, concurrency: int) -> None:
    limits = httpx.Limits(max_connections=max(concurrency // len(bases), 1))
    headers = {"Authorization": f"Bearer {token}"}
    clients = [httpx.AsyncClient(base_url=b, timeout=60, limits=limits) for b in bases]
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> None:
        body = {
            "channel": "api",
            "customer": {"email": f"web{n}@example.com", "name": "Bench"},
            "text": f"Hello, can you ship order W-{n:06d} to Singapore by Friday?",
        }
        async with gate:
            response = await clients[n % len(clients)].post(
                "/api/v1/inquiries", json=body, headers=headers
            )
        if response.status_code != 201:
            raise RuntimeError(f"{response.status_code}: {response.text[:300]}")

    try:
        await asyncio.gather(*(one(n) for n in range(first, first + count)))
    finally:
        for client in clients:
            await client.aclose()


def intake_rate(
    url: str, work: Path, token: str, webs: int, first: int, count: int, concurrency: int
) -> float:
    processes = Processes(url, work)
    try:
        bases = [processes.web() for _ in range(webs)]
        asyncio.run(_post(bases, token, first, 40, concurrency))  # warm-up
        started = time.perf_counter()
        asyncio.run(
            asyncio.wait_for(
                _post(bases, token, first + 40, count, concurrency), timeout=PHASE_LIMIT_S
            )
        )
        return count / (time.perf_counter() - started)
    finally:
        processes.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=1500)
    parser.add_argument("--inquiries", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kakehashi-scale-") as scratch, bench_database() as url:
        work = Path(scratch)
        install_file(TEST_MODEL, work / "models")
        processes = Processes(url, work)
        processes.cli("db", "upgrade")
        token = processes.cli("token", "create", "--name", "bench")
        load_inquiries(url, args.jobs)
        engine = create_engine(url)
        try:
            one_worker = translation_rate(url, engine, work, 1)
            two_workers = translation_rate(url, engine, work, 2)
        finally:
            engine.dispose()
        one_web = intake_rate(url, work, token, 1, 100_000, args.inquiries, args.concurrency)
        two_webs = intake_rate(url, work, token, 2, 200_000, args.inquiries, args.concurrency)

    print(
        f"scale bench: PostgreSQL, {os.cpu_count()} CPU(s); {args.jobs} translation jobs "
        f"(test model, batches of 16); {args.inquiries} inquiries, concurrency {args.concurrency}"
    )
    print(f"{'':36}{'1 process':>12}{'2 processes':>14}{'ratio':>8}")
    print(
        f"{'translation jobs/s (kakehashi worker)':36}{one_worker:>12.1f}{two_workers:>14.1f}"
        f"{two_workers / one_worker:>7.2f}x"
    )
    print(
        f"{'inquiries/s (kakehashi serve)':36}{one_web:>12.1f}{two_webs:>14.1f}"
        f"{two_webs / one_web:>7.2f}x"
    )


if __name__ == "__main__":
    main()
