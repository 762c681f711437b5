"""Liveness, readiness and Prometheus metrics over HTTP."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from fastapi import APIRouter, Request, Response

from gateway.ops.health import database_problem
from gateway.ops.metrics import exposition

router = APIRouter(tags=["operations"])

#: Readiness checks run in threads of their own: they never wait for the web threads, which a
#: burst of requests may all hold.
_checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kakehashi-readyz")


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: the process answers (restart it when it does not).

    Async on purpose: it answers from the event loop, never waiting for a web thread.
    """
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(response: Response) -> dict[str, str]:
    """Readiness: the database answers (send no traffic here while it does not).

    A read in a thread of its own: it neither waits for web threads nor behind writers.
    """
    problem = await asyncio.get_running_loop().run_in_executor(_checks, database_problem)
    if problem is not None:
        response.status_code = 503
        return {"status": "unavailable", "reason": problem}
    return {"status": "ok"}


@router.get("/metrics")
def metrics(request: Request) -> Response:
    body, content_type = exposition(request.headers.get("accept"))
    return Response(body, headers={"Content-Type": content_type})
