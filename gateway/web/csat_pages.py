"""The buyer's side of the survey: the one-click answer links and the optional comment.

Public pages (no sign-in), in the buyer's language. The GET of an answer link records the
answer: that is the one click. A link works once; later clicks show the answer already given.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import FileResponse, HTMLResponse, Response

from gateway.auth.secret import secret_key
from gateway.csat import links, service
from gateway.csat.strings import buyer_locale, translations_for
from gateway.db import get_database
from gateway.models import CsatRating, CsatSurvey
from gateway.settings import get_settings
from gateway.web.routing import secure

router = APIRouter(include_in_schema=False)
STYLESHEET = Path(__file__).parent.parent / "csat" / "static" / "survey.css"


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("gateway.csat", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _page(
    survey: CsatSurvey | None, state: str, *, status_code: int = 200, comment_sig: str = ""
) -> Response:
    locale = buyer_locale(survey.language if survey else "en")
    settings = get_settings()
    html = (
        _environment()
        .get_template("survey.html")
        .render(
            state=state,
            survey=survey,
            lang=locale.replace("_", "-"),
            shop=settings.shop_name,
            comment_sig=comment_sig,
            _=translations_for(locale).gettext,
        )
    )
    return secure(HTMLResponse(html, status_code=status_code))


@router.get("/csat/survey.css")
def stylesheet() -> Response:
    return secure(FileResponse(STYLESHEET, media_type="text/css"), csp="default-src 'none'")


@router.get("/csat/{survey_id}/{action}")
def answer(survey_id: int, action: str, s: Annotated[str, Query(max_length=100)] = "") -> Response:
    secret = secret_key()
    # A GET that writes: the one-click answer. Its own session, since GET requests read only.
    with get_database().session() as session:
        survey = session.get(CsatSurvey, survey_id)
        if (
            survey is None
            or action == "comment"
            or not links.verify(survey, action, s, secret=secret)
        ):
            return _page(None, "invalid", status_code=404)
        recorded = service.record_answer(session, survey, CsatRating(action))
        comment_sig = links.signature(survey, "comment", secret=secret)
        state = "thanks" if recorded else "already"
        if survey.comment is not None:
            state = "done" if recorded else "already"
        session.flush()
        return _page(survey, state, comment_sig=comment_sig)


@router.post("/csat/{survey_id}/comment")
def comment(
    survey_id: int,
    s: Annotated[str, Form(max_length=100)] = "",
    text: Annotated[str, Form(max_length=service.MAX_COMMENT_CHARS + 200)] = "",
) -> Response:
    secret = secret_key()
    with get_database().session() as session:
        survey = session.get(CsatSurvey, survey_id)
        if survey is None or not links.verify(survey, "comment", s, secret=secret):
            return _page(None, "invalid", status_code=404)
        try:
            service.record_comment(session, survey, text[: service.MAX_COMMENT_CHARS])
        except service.SurveyError:
            return _page(survey, "thanks", status_code=422, comment_sig=s)
        session.flush()
        return _page(survey, "done")
