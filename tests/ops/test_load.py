"""A burst of 300 concurrent inquiries against a real server: it degrades, it never freezes.

Clients send every inquiry with an ``Idempotency-Key`` and retry as the server tells them
(503 + ``Retry-After``, or a lost connection). Every inquiry must be stored exactly once,
``/healthz`` must answer within a second throughout, and right after the burst the server must
take a new inquiry at once.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text

from gateway.models import Message
from tests.ops.cluster import Cluster, Process, cluster

pytestmark = pytest.mark.slow

BURST = 300
BURST_SECONDS = 90.0  # the whole burst, retries included, must be done by then
HEALTH_LIMIT_SECONDS = 1.0


class HealthWatch:
    """Asks ``/healthz`` every 50 ms from a thread of its own; keeps the slowest answer."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.slowest = 0.0
        self.failures: list[str] = []
        self.checks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=5) as client:
            while not self._stop.wait(0.05):
                started = time.monotonic()
                try:
                    status = client.get("/healthz").status_code
                except httpx.HTTPError as exc:
                    self.failures.append(repr(exc))
                    continue
                self.slowest = max(self.slowest, time.monotonic() - started)
                self.checks += 1
                if status != 200:
                    self.failures.append(f"status {status}")

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(10)


async def _send(client: httpx.AsyncClient, token: str, n: int, deadline: float) -> list[int]:
    """One buyer's inquiry, retried as told until it is stored; the statuses seen."""
    key = str(uuid.uuid4())
    body = {
        "channel": "api",
        "customer": {"email": f"buyer{n}@example.com", "name": f"Buyer {n}"},
        "text": f"Where is my order {n:05d}? It has not arrived yet.",
    }
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    statuses: list[int] = []
    while time.monotonic() < deadline:
        try:
            response = await client.post("/api/v1/inquiries", json=body, headers=headers)
        except httpx.TransportError:
            statuses.append(0)
            await asyncio.sleep(1)
            continue
        statuses.append(response.status_code)
        if response.status_code == 201:
            return statuses
        assert response.status_code in (409, 503), response.text
        await asyncio.sleep(float(response.headers.get("retry-after", "1")))
    raise AssertionError(f"inquiry {n} not stored within the burst: {statuses}")


async def _burst(base_url: str, token: str) -> list[list[int]]:
    deadline = time.monotonic() + BURST_SECONDS
    limits = httpx.Limits(max_connections=BURST, max_keepalive_connections=BURST)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        return await asyncio.gather(*(_send(client, token, n, deadline) for n in range(BURST)))


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Cluster, Process]]:
    env = {"KAKEHASHI_LOG_LEVEL": "WARNING", "KAKEHASHI_WEB_THREADS": "16"}
    if request.param == "sqlite":
        running = Cluster(f"sqlite:///{tmp_path / 'load.db'}", tmp_path, env)
        running.models_dir.mkdir()
        running.cli("db", "upgrade")
        try:
            yield running, running.web("web", workers=True)
        finally:
            running.stop_all()
    else:
        with cluster(tmp_path, env) as (running, _engine):
            yield running, running.web("web", workers=True)


def test_a_burst_of_300_inquiries_is_stored_once_each_and_health_answers(
    server: tuple[Cluster, Process],
) -> None:
    running, web = server
    token = running.cli("token", "create", "--name", "load")
    with HealthWatch(web.base_url) as health:
        statuses = asyncio.run(_burst(web.base_url, token))
        ended = time.monotonic()
        # Recovery: the next inquiry after the burst is taken at once.
        response = httpx.post(
            f"{web.base_url}/api/v1/inquiries",
            json={"channel": "api", "customer": {"email": "late@example.com"}, "text": "Hello?"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert response.status_code == 201, response.text
        assert time.monotonic() - ended < 2
        assert httpx.get(f"{web.base_url}/readyz", timeout=5).status_code == 200

    assert health.failures == []
    assert health.checks > 10
    assert health.slowest < HEALTH_LIMIT_SECONDS, f"/healthz took {health.slowest:.2f} s"
    engine = create_engine(running.database_url)
    try:
        with engine.connect() as conn:
            texts = conn.scalars(select(Message.text).where(Message.direction == "inbound")).all()
            conversations = conn.scalar(text("SELECT count(*) FROM conversations"))
            assert conn.scalar(select(func.count()).select_from(Message)) == len(texts)
    finally:
        engine.dispose()
    expected = {f"Where is my order {n:05d}? It has not arrived yet." for n in range(BURST)}
    assert sorted(texts) == sorted([*expected, "Hello?"])  # each exactly once, none lost
    assert conversations == BURST + 1
    assert all(seen[-1] == 201 for seen in statuses)
