"""The FAQ admin pages: every entry with its translation status, and one entry's Japanese
source beside each translation to review, edit, approve or machine-translate again.

Signed-in administrators only (the agent session of ``gateway.auth.web``); changes need the
form's CSRF token. Words on these pages come from the ``faq`` catalogs in the agent's locale.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse, RedirectResponse, Response

from faq_i18n.chrome import catalog
from faq_i18n.locales import SOURCE_LOCALE, autonym
from faq_i18n.workflow import effective_status
from gateway.auth import csrf
from gateway.auth.web import AdminDep, AdminRequired, SignedIn, SignedInDep, is_admin
from gateway.db import SessionDep
from gateway.faq import config, repository, service
from gateway.models import FaqEntry
from gateway.web.routing import WebRoute

router = APIRouter(prefix="/admin/faq", route_class=WebRoute, include_in_schema=False)

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("gateway.faq", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


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


def _require_admin(current: SignedIn) -> None:
    if not is_admin(current.agent):
        raise AdminRequired


def _render(current: SignedIn, name: str, **context: Any) -> HTMLResponse:
    ui = current.agent.ui_locale if current.agent.ui_locale in ("ja", "en") else "ja"
    html = (
        _environment()
        .get_template(name)
        .render(
            _=catalog(ui, config.locales_dir()).gettext,
            locale=ui,
            csrf_field=csrf.FIELD,
            csrf_token=current.csrf_token,
            **context,
        )
    )
    response = HTMLResponse(html)
    style = "".join(_STYLE.findall(html))
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; style-src 'sha256-{digest}'; script-src 'none'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    return response


@router.get("/")
def faq_admin_list(session: SessionDep, current: SignedInDep) -> Response:
    _require_admin(current)
    entries = [(entry, _rows(entry)) for entry in repository.all_entries(session)]
    return _render(
        current,
        "admin_list.html",
        entries=entries,
        locales=[(loc, autonym(loc)) for loc in config.target_locales()],
    )


@router.get("/{slug}")
def faq_admin_entry(
    request: Request, session: SessionDep, current: SignedInDep, slug: str, saved: str = ""
) -> Response:
    _require_admin(current)
    entry = repository.entry_by_slug(session, slug)
    if entry is None:
        return RedirectResponse(request.url_for("faq_admin_list"), status_code=303)
    return _render(
        current,
        "admin_entry.html",
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
