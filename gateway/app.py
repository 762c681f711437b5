"""The FastAPI application (composition root): every API router and every page router, mounted
here and nowhere else; error shape, request locale, domain events wired (gateway/wiring.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI, Request, Response

from gateway import errors
from gateway.chat.endpoints import router as chat_router
from gateway.conversations.endpoints import router as conversations_router
from gateway.csat.links import request_origin
from gateway.desk.endpoints import router as desk_router
from gateway.faq.endpoints import router as faq_router
from gateway.i18n import AGENT_LOCALES, negotiate, set_locale
from gateway.ids import ids_in_range
from gateway.inbox.endpoints import router as inbox_router
from gateway.intake.endpoints import router as intake_router
from gateway.logs import RequestContextMiddleware
from gateway.ops.endpoints import router as ops_router
from gateway.orders.endpoints import router as orders_router
from gateway.queues.endpoints import router as queues_router
from gateway.reports.endpoints import router as reports_router
from gateway.settings import get_settings
from gateway.translations.endpoints import router as libretranslate_router
from gateway.web.csat_pages import router as csat_router
from gateway.web.desk_pages import router as desk_pages_router
from gateway.web.faq_pages import router as faq_pages_router
from gateway.web.pages import router as pages_router
from gateway.web.report_pages import router as reports_pages_router
from gateway.web.sla_pages import router as sla_pages_router
from gateway.webhooks.endpoints import router as webhooks_router
from gateway.wiring import wire_events


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # The web threads and the database connections are sized together (gateway.db).
    anyio.to_thread.current_default_thread_limiter().total_tokens = get_settings().web_threads
    yield


def create_app() -> FastAPI:
    app = FastAPI(
        title="Kakehashi",
        summary="Cross-border support gateway: buyers in their language, agents in Japanese.",
        version="0.1.0",
        lifespan=_lifespan,
        # An id no database column can hold names nothing: 404 on every path (gateway.ids).
        dependencies=[Depends(ids_in_range)],
    )
    errors.install(app)
    wire_events()

    @app.middleware("http")
    async def _request_locale(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # API clients get English unless they ask for Japanese; the agent UI sets its own.
        set_locale(negotiate(request.headers.get("accept-language"), AGENT_LOCALES, "en"))
        # Survey links (gateway/csat) point here when KAKEHASHI_PUBLIC_URL is unset.
        request_origin.set(str(request.base_url))
        return await call_next(request)

    # Outermost: every log line of the request carries its id; the response returns it.
    app.add_middleware(RequestContextMiddleware)

    app.include_router(ops_router)
    app.include_router(intake_router)
    app.include_router(conversations_router)
    app.include_router(queues_router)
    app.include_router(libretranslate_router)
    app.include_router(inbox_router)
    app.include_router(pages_router)
    app.include_router(faq_router)
    app.include_router(faq_pages_router)
    app.include_router(sla_pages_router)
    app.include_router(chat_router)
    app.include_router(webhooks_router)
    # The support desk (issue 21): tags, priority, escalation, orders, CSAT, KPI report.
    for router in (desk_router, desk_pages_router, orders_router, reports_router):
        app.include_router(router)
    app.include_router(reports_pages_router)
    app.include_router(csat_router)
    return app
