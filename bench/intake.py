"""Intake throughput and latency: ``POST /api/v1/inquiries`` against ``kakehashi serve`` on SQLite,
as a ratio to a trivial endpoint of the same app (``GET /healthz``) measured in the same run.

    .venv/bin/python bench/intake.py [--requests 600] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

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


def measure(
    requests: int, concurrency: int, call: Callable[[httpx.Client, int], None], base: str
) -> dict[str, float]:
    latencies: list[float] = []

    def one(client: httpx.Client, n: int) -> None:
        started = time.perf_counter()
        call(client, n)
        latencies.append(time.perf_counter() - started)

    with httpx.Client(base_url=base, timeout=30) as client:
        for n in range(20):  # warm-up
            call(client, n)
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(lambda n: one(client, n), range(requests)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": requests / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    with serve() as (base, work):
        database_url = f"sqlite:///{work / 'bench.db'}"
        bearer = {"Authorization": f"Bearer {token(work, database_url)}"}

        def health(client: httpx.Client, _n: int) -> None:
            client.get("/healthz").raise_for_status()

        def inquiry(client: httpx.Client, n: int) -> None:
            body = {
                "channel": "api",
                "customer": {"email": f"buyer{n % 50}@example.com", "name": "Buyer"},
                "text": MESSAGES[n % len(MESSAGES)],
            }
            response = client.post("/api/v1/inquiries", json=body, headers=bearer)
            if response.status_code != 201:
                raise RuntimeError(response.text)

        baseline = measure(args.requests, args.concurrency, health, base)
        intake = measure(args.requests, args.concurrency, inquiry, base)

    print(
        f"intake bench: {args.requests} requests, concurrency {args.concurrency}, "
        "SQLite, workers in-process"
    )
    print(f"{'':28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, figures in (
        ("GET /healthz (baseline)", baseline),
        ("POST /api/v1/inquiries", intake),
    ):
        print(
            f"{name:28}{figures['rps']:>10.1f}{figures['p50_ms']:>10.2f}{figures['p99_ms']:>10.2f}"
        )
    print(
        f"ratio to baseline: throughput {intake['rps'] / baseline['rps']:.2f}x, "
        f"p50 {intake['p50_ms'] / baseline['p50_ms']:.2f}x, "
        f"p99 {intake['p99_ms'] / baseline['p99_ms']:.2f}x"
    )


if __name__ == "__main__":
    main()
