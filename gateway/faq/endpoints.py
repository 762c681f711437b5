"""FAQ HTTP: the suggestions API and the public pages (admin pages: gateway/web/faq_pages.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gateway.auth.dependencies import TokenDep
from gateway.db import SessionDep
from gateway.errors import ApiError
from gateway.faq import suggestions
from gateway.faq.public_pages import router as public_router
from gateway.faq.schemas import SuggestionOut
from gateway.i18n import _

api_router = APIRouter(prefix="/api/v1/faq", tags=["faq"])


@api_router.get("/suggestions", response_model=list[SuggestionOut])
def faq_suggestions(
    session: SessionDep,
    _token: TokenDep,
    q: Annotated[str, Query(max_length=20_000, description="The buyer's text")] = "",
    lang: Annotated[
        str | None, Query(max_length=35, description="BCP 47 language of q; detected if left out")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 3,
) -> list[SuggestionOut]:
    """FAQ entries that answer ``q``, best first, in the buyer's language where translated."""
    if not q.strip():
        raise ApiError(400, "invalid_request", _("Give the buyer's text as the 'q' parameter."))
    if lang is None:
        from translation.detect import detect_language

        lang = detect_language(q).language
    found = suggestions.suggest(session, q, lang=lang, limit=limit)
    return [
        SuggestionOut(
            slug=s.slug, score=s.score, locale=s.locale, question=s.question, answer=s.answer
        )
        for s in found
    ]


router = APIRouter()
router.include_router(api_router)
router.include_router(public_router)
