"""/admin/queues and /admin/models: each language queue's target, calendar and replies, and
which translation models are installed and which pairs each queue still lacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from sqlalchemy import select
from starlette.responses import Response

from gateway.auth.web import AdminDep, AdminViewDep, SignedIn
from gateway.db import SessionDep
from gateway.i18n import _, ngettext
from gateway.models import LanguageQueue
from gateway.queues.settings import QueueChange, QueueSettingsError, apply_change, closed_dates_text
from gateway.settings import get_settings
from gateway.translations.engine import get_engine
from gateway.web.rendering import language_name, render
from gateway.web.routing import WebRoute
from gateway.web.sidebar import sidebar
from translation import packages
from translation.languages import JAPANESE, UNDETERMINED

router = APIRouter(prefix="/admin", route_class=WebRoute, include_in_schema=False)


def _queues(session: SessionDep) -> list[LanguageQueue]:
    return list(session.scalars(select(LanguageQueue)))


def _page(
    request: Request,
    session: SessionDep,
    current: SignedIn,
    *,
    notice: str = "",
    error: str = "",
    error_queue: str = "",
    status_code: int = 200,
) -> Response:
    queues = sorted(_queues(session), key=lambda q: language_name(q.language))
    return render(
        request,
        "admin_queues.html",
        status_code,
        current=current,
        csrf_token=current.csrf_token,
        **sidebar(session),
        queues=queues,
        closed_text={q.id: closed_dates_text(q) for q in queues},
        notice=notice,
        error=error,
        error_queue=error_queue,
    )


@router.get("/queues")
def queues_page(request: Request, session: SessionDep, current: AdminViewDep) -> Response:
    return _page(request, session, current)


@router.post("/queues/{queue_id}")
def save_queue(
    queue_id: int,
    request: Request,
    session: SessionDep,
    current: AdminDep,
    target_hours: Annotated[float, Form()] = 24.0,
    business_hours: Annotated[bool, Form()] = False,
    time_zone: Annotated[str, Form(max_length=64)] = "Asia/Tokyo",
    schedule: Annotated[str, Form(max_length=2000)] = "",
    holiday_country: Annotated[str, Form(max_length=8)] = "",
    closed_dates: Annotated[str, Form(max_length=5000)] = "",
    acknowledge: Annotated[bool, Form()] = False,
    auto_answer: Annotated[bool, Form()] = False,
    auto_answer_min_score: Annotated[float, Form()] = 0.8,
    warn_threshold: Annotated[float, Form()] = 0.8,
) -> Response:
    queue = session.get(LanguageQueue, queue_id)
    if queue is None:
        return _page(request, session, current, error=_("This queue no longer exists."))
    change = QueueChange(
        target_hours=target_hours,
        business_hours=business_hours,
        time_zone=time_zone,
        schedule_json=schedule,
        holiday_country=holiday_country,
        closed_dates=closed_dates,
        acknowledge=acknowledge,
        auto_answer=auto_answer,
        auto_answer_min_score=auto_answer_min_score,
        warn_threshold=warn_threshold,
    )
    try:
        moved = apply_change(session, queue, change)
    except QueueSettingsError as exc:
        session.rollback()
        return _page(
            request, session, current, error=str(exc), error_queue=queue.language, status_code=422
        )
    notice = _("Queue %(language)s saved.") % {"language": queue.language}
    if moved:
        notice += " " + ngettext(
            "The new target applies to %(num)d open conversation.",
            "The new target applies to %(num)d open conversations.",
            moved,
        ) % {"num": moved}
    return _page(request, session, current, notice=notice)


@dataclass(frozen=True)
class QueueModels:
    queue: LanguageQueue
    missing: list[tuple[str, str]]


@router.get("/models")
def models_page(request: Request, session: SessionDep, current: AdminViewDep) -> Response:
    settings = get_settings()
    installed = packages.list_installed(settings.resolved_models_dir)
    engine = get_engine()
    coverage = []
    for queue in _queues(session):
        if queue.language in (JAPANESE, UNDETERMINED):
            continue
        pairs = [(queue.language, JAPANESE), (JAPANESE, queue.language)]
        missing = [pair for pair in pairs if not engine.supports(*pair)]
        coverage.append(QueueModels(queue, missing))
    coverage.sort(key=lambda c: (not c.missing, c.queue.language))
    return render(
        request,
        "admin_models.html",
        current=current,
        csrf_token=current.csrf_token,
        **sidebar(session),
        installed=installed,
        coverage=coverage,
        models_dir=str(settings.resolved_models_dir),
    )
