"""The database line: requests wait their turn in the event loop, in order, and a full line
turns the next one away at once with 503 + Retry-After."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from fastapi import FastAPI

from gateway import errors
from gateway.db import DatabaseLine, DatabaseLineFullError


def test_turns_are_taken_in_order_of_arrival() -> None:
    line = DatabaseLine(turns=1, length=10)
    order: list[int] = []

    async def writer(n: int) -> None:
        async with line.turn():
            order.append(n)
            await asyncio.sleep(0.01)

    async def burst() -> None:
        await asyncio.gather(*(writer(n) for n in range(5)))

    asyncio.run(burst())
    assert order == [0, 1, 2, 3, 4]


def test_a_full_line_turns_the_next_request_away_at_once() -> None:
    line = DatabaseLine(turns=1, length=2)
    refused: list[float] = []

    async def writer(hold: float) -> None:
        started = time.monotonic()
        try:
            async with line.turn():
                await asyncio.sleep(hold)
        except DatabaseLineFullError:
            refused.append(time.monotonic() - started)

    async def burst() -> None:
        await asyncio.gather(writer(0.3), writer(0.01), writer(0.01), writer(0.01), writer(0.01))

    asyncio.run(burst())
    assert len(refused) == 2  # one holds the turn, two wait, two are turned away
    assert max(refused) < 0.1


def test_a_request_that_gives_up_waiting_passes_its_turn_on() -> None:
    line = DatabaseLine(turns=1, length=5)
    served: list[str] = []

    async def holder() -> None:
        async with line.turn():
            await asyncio.sleep(0.05)

    async def impatient() -> None:
        async with line.turn():
            served.append("impatient")

    async def patient() -> None:
        async with line.turn():
            served.append("patient")

    async def scene() -> None:
        first = asyncio.create_task(holder())
        await asyncio.sleep(0)
        gone = asyncio.create_task(impatient())
        await asyncio.sleep(0)
        stays = asyncio.create_task(patient())
        await asyncio.sleep(0.01)
        gone.cancel()
        await asyncio.wait_for(asyncio.gather(first, stays), 2)

    asyncio.run(scene())
    assert served == ["patient"]


def test_waiting_too_long_is_answered_with_503_and_retry_after() -> None:
    line = DatabaseLine(turns=1, length=5, wait_seconds=0.05)
    app = FastAPI()
    errors.install(app)

    @app.post("/slow")
    async def slow() -> dict[str, str]:
        async with line.turn():
            await asyncio.sleep(0.3)
        return {"status": "ok"}

    @app.post("/write")
    async def write() -> dict[str, str]:
        async with line.turn():
            return {"status": "ok"}

    async def scene() -> tuple[int, str | None]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://shop.test") as http:
            slow_request = asyncio.create_task(http.post("/slow"))
            await asyncio.sleep(0.02)
            refused = await http.post("/write")
            await slow_request
            return refused.status_code, refused.headers.get("retry-after")

    status, retry_after = asyncio.run(scene())
    assert status == 503
    assert retry_after == "1"


@pytest.mark.parametrize("turns", [1, 3])
def test_every_turn_comes_back(turns: int) -> None:
    line = DatabaseLine(turns=turns, length=100)

    async def writer() -> None:
        async with line.turn():
            await asyncio.sleep(0)

    async def burst() -> None:
        await asyncio.gather(*(writer() for _ in range(50)))

    asyncio.run(burst())
    assert line._free == turns
    assert line.waiting == 0
