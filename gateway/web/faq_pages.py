"""The FAQ admin pages, inside the agent UI: every entry with its translation status; one
entry's Japanese source (shown once, beside the translations) and each locale to review, edit,
approve or machine-translate again; new entries and deleting old ones.

Signed-in administrators only (the agent session of ``gateway.auth.web``); changes need the
form's CSRF token. The pages use the inbox's layout, catalog (``kakehashi``) and stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from faq_i18n.locales import SOURCE_LOCALE, autonym
from faq_i18n.workflow import effective_status
from gateway.auth.web import AdminDep, AdminViewDep, SignedIn
from gateway.db import SessionDep
from gateway.faq import config, repository, service
from gateway.models import FaqEntry
from gateway.web.rendering import render
from gateway.web.routing import WebRoute
from gateway.web.sidebar import sidebar

router = APIRouter(prefix="/admin/faq", route_class=WebRoute, include_in_schema=False)


@dataclass(frozen=True)
class Row:
    """One locale of an entry on the admin page."""

    locale: str
    name: str
    question: str
    answer: str
    status: str  # machine, reviewed, stale, or pending (machine translation still to come)


def _rows(entry: FaqEntry) -> list[Row]:
    rows = []
    for locale in config.target_locales():
        row = repository.translation_of(entry, locale)
        if row is None or not row.answer.strip():
            rows.append(Row(locale, autonym(locale), "", "", "pending"))
            continue
        status = effective_status(repository.locale_text(row), entry.source_hash)
        rows.append(Row(locale, autonym(locale), row.question, row.answer, str(status)))
    return rows


def _list_page(
    request: Request,
    session: SessionDep,
    current: SignedIn,
    *,
    error: str = "",
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    entries = [(entry, _rows(entry)) for entry in repository.all_entries(session)]
    return render(
        request,
        "admin_faq_list.html",
        status_code,
        current=current,
        csrf_token=current.csrf_token,
        **sidebar(session),
        entries=entries,
        locales=[(loc, autonym(loc)) for loc in config.target_locales()],
        error=error,
        form=form or {},
    )


@router.get("/")
def faq_admin_list(request: Request, session: SessionDep, current: AdminViewDep) -> Response:
    return _list_page(request, session, current)


@router.post("/")
def faq_admin_create(
    request: Request,
    session: SessionDep,
    current: AdminDep,
    question: Annotated[str, Form(max_length=2000)] = "",
    answer: Annotated[str, Form(max_length=20_000)] = "",
    slug: Annotated[str, Form(max_length=100)] = "",
    category: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        entry = service.create_entry(
            session,
            slug=slug,
            question=question,
            answer=answer,
            category=category,
            changed_by=current.agent.email,
        )
    except service.FaqServiceError as exc:
        form = {"question": question, "answer": answer, "slug": slug, "category": category}
        return _list_page(request, session, current, error=str(exc), form=form, status_code=422)
    return _back(request, entry.slug, "created")


@router.get("/{slug}")
def faq_admin_entry(
    request: Request, session: SessionDep, current: AdminViewDep, slug: str, saved: str = ""
) -> Response:
    entry = repository.entry_by_slug(session, slug)
    if entry is None:
        return RedirectResponse(request.url_for("faq_admin_list"), status_code=303)
    return render(
        request,
        "admin_faq_entry.html",
        current=current,
        csrf_token=current.csrf_token,
        **sidebar(session),
        entry=entry,
        rows=_rows(entry),
        history=repository.revisions(session, entry, limit=20),
        saved=saved,
        source_locale=SOURCE_LOCALE,
    )


def _back(request: Request, slug: str, saved: str) -> Response:
    url = request.url_for("faq_admin_entry", slug=slug).include_query_params(saved=saved)
    return RedirectResponse(str(url), status_code=303)


@router.post("/{slug}/source")
def faq_admin_save_source(
    request: Request,
    session: SessionDep,
    current: AdminDep,
    slug: str,
    question: Annotated[str, Form()],
    answer: Annotated[str, Form()],
    category: Annotated[str, Form()] = "",
    position: Annotated[int, Form()] = 0,
    published: Annotated[bool, Form()] = False,
) -> Response:
    entry = repository.entry_by_slug(session, slug)
    if entry is None:
        return RedirectResponse(request.url_for("faq_admin_list"), status_code=303)
    entry.category, entry.position, entry.published = category.strip(), position, published
    try:
        service.update_source(
            session, entry, question=question, answer=answer, changed_by=current.agent.email
        )
    except service.FaqServiceError:
        return _back(request, slug, "error")
    return _back(request, slug, SOURCE_LOCALE)


@router.post("/{slug}/delete")
def faq_admin_delete(
    request: Request, session: SessionDep, _current: AdminDep, slug: str
) -> Response:
    entry = repository.entry_by_slug(session, slug)
    if entry is not None:
        service.delete_entry(session, entry)
    return RedirectResponse(request.url_for("faq_admin_list"), status_code=303)


@router.post("/{slug}/{locale}")
def faq_admin_save_translation(
    request: Request,
    session: SessionDep,
    current: AdminDep,
    slug: str,
    locale: str,
    question: Annotated[str, Form()] = "",
    answer: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "review",
) -> Response:
    entry = repository.entry_by_slug(session, slug)
    if entry is None or locale not in config.target_locales():
        return RedirectResponse(request.url_for("faq_admin_list"), status_code=303)
    try:
        if action == "machine":
            service.queue_machine_translation(session, entry, locale)
        else:
            service.review_translation(
                session,
                entry,
                locale,
                question=question,
                answer=answer,
                changed_by=current.agent.email,
            )
    except service.FaqServiceError:
        return _back(request, slug, "error")
    return _back(request, slug, locale)
