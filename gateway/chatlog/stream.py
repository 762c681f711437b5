"""``GET /api/v1/chat/events``: the conversation as Server-Sent Events, resumable.

Each event's ``id`` is its number in the conversation's chat log; a client that reconnects
with ``Last-Event-ID: n`` gets everything after ``n`` and nothing twice. The stream reads the
database every time it wakes (a notice from :mod:`gateway.chatlog.hub`, or its own poll),
so what it sends is always what was committed. It ends after a few minutes, and the widget
reconnects from where it was.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable

import anyio

from gateway.chatlog import log
from gateway.chatlog.hub import hub
from gateway.db import get_database

HEARTBEAT_SECONDS = 15.0
# Streams read the database in worker threads of their own: at most this many at once, so a
# burst of wake-ups (a reply to a busy queue) never takes the threads and connections that
# requests need to commit. Reads are short; the others wait their turn in the event loop.
CONCURRENT_READS = 4
STREAM_SECONDS = 300.0
RETRY_MILLISECONDS = 2000


_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


def read_limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = anyio.CapacityLimiter(CONCURRENT_READS)
    return limiter


def read_after(conversation_id: int, after: int) -> log.Page:
    with get_database().session(read_only=True) as session:
        return log.events_after(session, conversation_id, after)


def format_item(item: log.ChatItem) -> str:
    data = json.dumps(item.as_json(), ensure_ascii=False)
    return f"id: {item.seq}\nevent: message\ndata: {data}\n\n"


async def chat_stream(
    conversation_id: int,
    after: int,
    *,
    poll_seconds: float,
    is_disconnected: Callable[[], Awaitable[bool]] | None = None,
    stream_seconds: float | None = None,
) -> AsyncIterator[str]:
    """Events of ``conversation_id`` after ``after``, then new ones as they are committed."""
    limit = STREAM_SECONDS if stream_seconds is None else stream_seconds
    hub.attach(get_database())
    yield f"retry: {RETRY_MILLISECONDS}\n\n"
    started = last_sent = time.monotonic()
    with hub.watch(conversation_id) as woken:
        while True:
            woken.clear()  # before reading: a wake-up during the read is kept for the next turn
            page = await anyio.to_thread.run_sync(
                read_after, conversation_id, after, limiter=read_limiter()
            )
            after = page.last_seq
            for item in page.items:
                yield format_item(item)
                last_sent = time.monotonic()
            if page.full:
                continue
            now = time.monotonic()
            if now - started >= limit:
                return
            if now - last_sent >= HEARTBEAT_SECONDS:
                yield ": still here\n\n"
                last_sent = now
            if is_disconnected is not None and await is_disconnected():
                return
            with anyio.move_on_after(min(poll_seconds, HEARTBEAT_SECONDS, limit - (now - started))):
                await woken.wait()
