"""Intake throughput and latency: ``POST /api/v1/inquiries`` against ``kakehashi serve`` on SQLite
(workers in-process), at 8, 50 and 300 concurrent clients, each as a ratio to a trivial
endpoint of the same app (``GET /healthz``) measured at the same concurrency in the same run.

Clients send an ``Idempotency-Key`` and retry on 503 after ``Retry-After``, as the API asks
(and at once on a lost connection); the time of a retried inquiry counts from its first try.
"retries" counts both.

    .venv/bin/python bench/intake.py [--requests 600] [--concurrency 8,50,300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import serve, token

MESSAGES = (
    "Hello, my order number is 48812 and I haven't received a shipping confirmation yet.",
    "請問可以寄到台灣嗎？運費大概多少？",
    "배송은 언제 되나요? 주문번호는 48841입니다.",
    "你好，我收到的和服颜色和图片不一样，可以退货吗？",
    "Hola, ¿el kimono de la foto está disponible en talla M?",
    "สวัสดีครับ สินค้าที่สั่งไปยังไม่ได้รับเลย",
)


class Connection:
    """A minimal HTTP/1.1 keep-alive client: httpx's async client costs more per request than
    /healthz does, and the bench must measure the server, not the client."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> tuple[int, dict[str, str], bytes]:
        for attempt in (1, 2):
            if self._streams is None:
                self._streams = await asyncio.open_connection(self.host, self.port)
            reader, writer = self._streams
            head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
            for name, value in {**(headers or {}), "Content-Length": str(len(body))}.items():
                head += f"{name}: {value}\r\n"
            try:
                writer.write(head.encode() + b"\r\n" + body)
                await writer.drain()
                status_line, *lines = (
                    (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                )
            except (OSError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
                continue
            fields = {}
            for line in lines:
                name, _sep, value = line.partition(":")
                if name:
                    fields[name.strip().lower()] = value.strip()
            content = await reader.readexactly(int(fields.get("content-length", "0")))
            if fields.get("connection", "").lower() == "close":
                self.close()
            return int(status_line.split()[1]), fields, content
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


Call = Callable[[Connection, int], Awaitable[int]]


async def measure(base: str, requests: int, concurrency: int, call: Call) -> dict[str, float]:
    latencies: list[float] = []
    refused = 0
    todo = iter(range(requests))
    host, port = base.removeprefix("http://").split(":")

    async def client_loop(connection: Connection) -> None:
        nonlocal refused
        for n in todo:
            started = time.perf_counter()
            refused += await call(connection, n)
            latencies.append(time.perf_counter() - started)
        connection.close()

    warm = Connection(host, int(port))
    for n in range(20):  # warm-up
        await call(warm, -1 - n)
    warm.close()
    started = time.perf_counter()
    await asyncio.gather(*(client_loop(Connection(host, int(port))) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": requests / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000,
        "refused": refused,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", default="8,50,300")
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]

    with serve({"KAKEHASHI_LOG_LEVEL": "WARNING"}) as (base, work):
        database_url = f"sqlite:///{work / 'bench.db'}"
        bearer = {"Authorization": f"Bearer {token(work, database_url)}"}

        async def health(connection: Connection, _n: int) -> int:
            status, _headers, _body = await connection.request("GET", "/healthz")
            if status != 200:
                raise RuntimeError(f"/healthz answered {status}")
            return 0

        async def inquiry(connection: Connection, n: int) -> int:
            body = {
                "channel": "api",
                "customer": {"email": f"buyer{n % 50}@example.com", "name": "Buyer"},
                "text": MESSAGES[n % len(MESSAGES)],
            }
            headers = {
                **bearer,
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            }
            payload = json.dumps(body).encode()
            refused = 0
            while True:
                try:
                    status, fields, content = await connection.request(
                        "POST", "/api/v1/inquiries", headers, payload
                    )
                except (OSError, asyncio.IncompleteReadError):
                    refused += 1  # a lost connection: send again, the key makes it safe
                    continue
                if status == 201:
                    return refused
                if status != 503:
                    raise RuntimeError(content.decode())
                refused += 1
                await asyncio.sleep(float(fields.get("retry-after", "1")))

        results = []
        for level in levels:
            baseline = asyncio.run(measure(base, args.requests, level, health))
            intake = asyncio.run(measure(base, args.requests, level, inquiry))
            results.append((level, baseline, intake))

    print(f"intake bench: {args.requests} requests per level, SQLite, workers in-process")
    print(f"{'':34}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'retries':>9}")
    for level, baseline, intake in results:
        for name, figures in (
            (f"GET /healthz @{level} (baseline)", baseline),
            (f"POST /api/v1/inquiries @{level}", intake),
        ):
            print(
                f"{name:34}{figures['rps']:>10.1f}{figures['p50_ms']:>10.2f}"
                f"{figures['p99_ms']:>10.2f}{int(figures['refused']):>9d}"
            )
    print("ratios to /healthz at the same concurrency:")
    for level, baseline, intake in results:
        print(
            f"  {level:>4} concurrent: throughput {intake['rps'] / baseline['rps']:.2f}x, "
            f"p99 {intake['p99_ms'] / baseline['p99_ms']:.2f}x"
        )


if __name__ == "__main__":
    main()
