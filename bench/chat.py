"""Chat streams under load: 200 widgets connected at once to one ``kakehashi serve`` (SQLite,
loopback), every one receiving the agents' replies; none may be lost or arrive twice.

Baseline, measured in the same run: one widget connected. Printed as ratios to it: the
server's memory per connected widget, and the time from an agent's reply (``POST
/api/v1/conversations/{id}/replies``) to the widget having it. The buyers write Japanese, so
replies need no translation and go out as soon as they are posted.

Usage: ``python bench/chat.py [--connections 200] [--replies 2]``; bounded to a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import running, token

TIME_LIMIT_SECONDS = 240.0


@dataclass
class Widget:
    number: int
    token: str
    conversation_id: int = 0
    received: list[str] = field(default_factory=list)
    arrived: dict[str, float] = field(default_factory=dict)
    connected: asyncio.Event = field(default_factory=asyncio.Event)


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


@contextmanager
def server() -> Iterator[tuple[str, int, str]]:
    """(base URL, server pid, API token) of a ``kakehashi serve`` without in-process workers."""
    env = {
        "KAKEHASHI_RUN_WORKERS": "false",
        "KAKEHASHI_CHAT_REQUESTS_PER_MINUTE": "1000000",
        "KAKEHASHI_CHAT_MESSAGES_PER_MINUTE": "1000000",
        "KAKEHASHI_LOG_LEVEL": "WARNING",
    }
    with running(env) as started:
        yield started.base, started.pid, token(started.work, started.database_url)


async def start_chats(client: httpx.AsyncClient, base: str, count: int) -> list[Widget]:
    widgets = []
    for number in range(count):
        response = await client.post(
            f"{base}/api/v1/chat/conversations",
            json={"text": f"注文番号 B-{number} の配送状況を教えてください。", "locale": "ja"},
        )
        response.raise_for_status()
        widgets.append(Widget(number, response.json()["token"]))
    return widgets


async def find_ids(client: httpx.AsyncClient, base: str, api: str, widgets: list[Widget]) -> None:
    by_text = {f"注文番号 B-{w.number} の配送状況を教えてください。": w for w in widgets}
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = (
            await client.get(
                f"{base}/api/v1/conversations",
                params=params,
                headers={"Authorization": f"Bearer {api}"},
            )
        ).json()
        for item in page["items"]:
            widget = by_text.get(item["latest_message"]["text"])
            if widget is not None:
                widget.conversation_id = item["id"]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    missing = [w.number for w in widgets if not w.conversation_id]
    if missing:
        raise RuntimeError(f"conversations not found for widgets {missing[:5]}")


async def listen(client: httpx.AsyncClient, base: str, widget: Widget) -> None:
    headers = {"Authorization": f"Bearer {widget.token}", "Accept": "text/event-stream"}
    async with client.stream("GET", f"{base}/api/v1/chat/events", headers=headers) as response:
        response.raise_for_status()
        async for line in response.aiter_lines():
            if not line.startswith("data: "):
                continue
            data = json.loads(line[6:])
            if data["author"] == "buyer":
                widget.connected.set()
                continue
            widget.received.append(data["text"])
            widget.arrived[data["text"]] = time.monotonic()


async def reply_all(
    client: httpx.AsyncClient, base: str, api: str, widgets: list[Widget], rounds: int
) -> dict[str, float]:
    """Post ``rounds`` replies to every conversation, 16 at a time; returns when each was posted."""
    sent: dict[str, float] = {}
    gate = asyncio.Semaphore(16)

    async def one(widget: Widget, round_number: int) -> None:
        text = f"ご連絡ありがとうございます。B-{widget.number} 返信 {round_number}"
        async with gate:
            sent[text] = time.monotonic()  # delivery happens on commit, before the response
            response = await client.post(
                f"{base}/api/v1/conversations/{widget.conversation_id}/replies",
                json={"text_ja": text, "send": True},
                headers={"Authorization": f"Bearer {api}"},
            )
            response.raise_for_status()

    for round_number in range(rounds):
        await asyncio.gather(*(one(w, round_number) for w in widgets))
    return sent


async def wait_for(widgets: list[Widget], rounds: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(len(w.received) >= rounds for w in widgets):
            return
        await asyncio.sleep(0.05)


async def phase(
    base: str, pid: int, api: str, widgets: list[Widget], rounds: int
) -> tuple[int, list[float], list[str]]:
    """Connect ``widgets``, measure memory, send replies; returns (RSS, latencies, problems)."""
    limits = httpx.Limits(max_connections=len(widgets) + 50, max_keepalive_connections=50)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60, read=None), limits=limits) as client:
        tasks = [asyncio.create_task(listen(client, base, w)) for w in widgets]
        await asyncio.wait_for(asyncio.gather(*(w.connected.wait() for w in widgets)), timeout=60)
        print(f"  {len(widgets)} widget(s) connected", flush=True)
        await asyncio.sleep(1.0)
        rss = rss_bytes(pid)
        sent = await reply_all(client, base, api, widgets, rounds)
        print(f"  {len(sent)} replies posted", flush=True)
        await wait_for(widgets, rounds, timeout=60)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    problems = []
    latencies = []
    for widget in widgets:
        expected = [
            f"ご連絡ありがとうございます。B-{widget.number} 返信 {n}" for n in range(rounds)
        ]
        if widget.received != expected:
            problems.append(f"widget {widget.number}: got {widget.received}, expected {expected}")
        latencies += [widget.arrived[t] - sent[t] for t in expected if t in widget.arrived]
    return rss, latencies, problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(connections: int, rounds: int) -> int:
    with server() as (base, pid, api):
        async with httpx.AsyncClient(timeout=60) as client:
            widgets = await start_chats(client, base, connections + 1)
            await find_ids(client, base, api, widgets)
        await asyncio.sleep(1.0)
        idle = rss_bytes(pid)
        one_rss, one_latencies, one_problems = await phase(base, pid, api, widgets[:1], rounds)
        many_rss, latencies, problems = await phase(base, pid, api, widgets[1:], rounds)

    per_many = (many_rss - idle) / connections
    print(f"widgets connected: 1 (baseline) and {connections}; replies each: {rounds}")
    print(f"server memory idle: {idle / 2**20:.1f} MiB")
    print(f"  with 1 widget:   {one_rss / 2**20:.1f} MiB  (+{(one_rss - idle) / 2**10:.0f} KiB)")
    print(
        f"  with {connections} widgets: {many_rss / 2**20:.1f} MiB  "
        f"(+{per_many / 2**10:.0f} KiB per widget; {many_rss / idle:.2f}x the idle server, "
        f"{many_rss / max(one_rss, 1):.2f}x with one widget)"
    )
    median_one = statistics.median(one_latencies)
    median_many = statistics.median(latencies)
    print(
        f"reply → widget, median: {median_one * 1000:.0f} ms with 1 widget, "
        f"{median_many * 1000:.0f} ms with {connections} ({median_many / median_one:.1f}x); "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms "
        f"({percentile(latencies, 0.95) / median_one:.1f}x the 1-widget median)"
    )
    delivered = len(latencies) + len(one_latencies)
    print(f"replies delivered: {delivered} of {(connections + 1) * rounds}")
    for problem in (one_problems + problems)[:10]:
        print("LOST OR DUPLICATED:", problem)
    return 1 if one_problems or problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--replies", type=int, default=2)
    args = parser.parse_args()
    return asyncio.run(
        asyncio.wait_for(run(args.connections, args.replies), timeout=TIME_LIMIT_SECONDS)
    )


if __name__ == "__main__":
    sys.exit(main())
