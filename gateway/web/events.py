"""Live updates for open pages over Server-Sent Events.

Each stream checks a cheap fingerprint of what its page shows (the newest message id and the
unresolved counts for the inbox; one conversation's messages, translations, delivery, status
and assignee for a conversation page) and sends an event when it changes; the page then
fetches itself again and swaps the parts that changed. A stream ends after a few minutes and
the browser's EventSource reconnects, so a stream never outlives a signed-out session long.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from starlette.responses import StreamingResponse

from gateway.auth.web import SignedInDep
from gateway.db import get_database
from gateway.inbox import repository as inbox
from gateway.web.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)

POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 20.0
STREAM_SECONDS = 300.0


def _fingerprint(conversation_id: int | None) -> inbox.Fingerprint:
    with get_database().session(read_only=True) as session:
        if conversation_id is None:
            return inbox.inbox_fingerprint(session)
        return inbox.conversation_fingerprint(session, conversation_id)


async def _stream(
    request: Request, conversation_id: int | None, since: str | None
) -> AsyncIterator[str]:
    event = "inbox" if conversation_id is None else "conversation"
    yield "retry: 2000\n\n"
    # Start from what the page showed (``since``), so a change between rendering the page and
    # opening the stream is not missed.
    last = since or (await anyio.to_thread.run_sync(_fingerprint, conversation_id)).token
    started = quiet_since = time.monotonic()
    while time.monotonic() - started < STREAM_SECONDS:
        await anyio.sleep(POLL_SECONDS)
        if await request.is_disconnected():
            return
        current = await anyio.to_thread.run_sync(_fingerprint, conversation_id)
        if current.token != last:
            last = current.token
            quiet_since = time.monotonic()
            data = json.dumps({"newest_message_id": current.newest_message_id})
            yield f"event: {event}\ndata: {data}\n\n"
        elif time.monotonic() - quiet_since > HEARTBEAT_SECONDS:
            quiet_since = time.monotonic()
            yield ": still here\n\n"


@router.get("/inbox/events")
def events(
    request: Request,
    _current: SignedInDep,
    conversation: int | None = None,
    since: Annotated[str | None, Query(max_length=64)] = None,
) -> StreamingResponse:
    return StreamingResponse(
        _stream(request, conversation, since),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
