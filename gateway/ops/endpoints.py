"""Liveness, readiness and Prometheus metrics over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gateway.ops.health import database_problem
from gateway.ops.metrics import exposition

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """Liveness: the process answers (restart it when it does not)."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(response: Response) -> dict[str, str]:
    """Readiness: the database answers (send no traffic here while it does not)."""
    problem = database_problem()
    if problem is not None:
        response.status_code = 503
        return {"status": "unavailable", "reason": problem}
    return {"status": "ok"}


@router.get("/metrics")
def metrics(request: Request) -> Response:
    body, content_type = exposition(request.headers.get("accept"))
    return Response(body, headers={"Content-Type": content_type})
