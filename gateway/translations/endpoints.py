"""LibreTranslate-compatible ``POST /detect``, ``POST /translate`` and ``GET /languages``, so
existing clients work; each needs an API token (see :mod:`gateway.translations.access`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from gateway.i18n import _
from gateway.translations.access import (
    ApiKeyDep,
    LibreTranslateError,
    LibreTranslateRoute,
    PayloadDep,
    texts_within_bounds,
)
from gateway.translations.engine import get_engine
from translation.detect import detect_candidates
from translation.errors import TranslationError, UnsupportedPairError
from translation.languages import UnknownLanguageError, display_name, normalize_tag

router = APIRouter(tags=["libretranslate"], route_class=LibreTranslateRoute)


def _tag(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise LibreTranslateError(
            400, _("Invalid request: missing %(field)s parameter") % {"field": field}
        )
    try:
        return normalize_tag(value)
    except UnknownLanguageError as exc:
        raise LibreTranslateError(400, f"{field}: {exc}") from exc


@router.post("/detect")
def detect(payload: PayloadDep, _token: ApiKeyDep) -> list[dict[str, Any]]:
    """Languages of ``q``, best first, confidence 0–100 as LibreTranslate reports it."""
    text = " ".join(texts_within_bounds(payload.get("q")))
    candidates = detect_candidates(text)
    return [
        {"language": c.language, "confidence": round(c.confidence * 100, 1)} for c in candidates
    ]


@router.get("/languages")
def languages(_token: ApiKeyDep) -> list[dict[str, Any]]:
    """Languages translatable now (installed models, directly or through English)."""
    targets: dict[str, set[str]] = {}
    for source, target in get_engine().pairs():
        targets.setdefault(source, {source}).add(target)
    return [
        {"code": code, "name": display_name(code, in_language="en"), "targets": sorted(reached)}
        for code, reached in sorted(targets.items())
    ]


@router.post("/translate")
async def translate(payload: PayloadDep, _token: ApiKeyDep) -> dict[str, Any]:
    q = payload.get("q")
    texts = texts_within_bounds(q)
    target = _tag(payload.get("target"), "target")
    detected: list[dict[str, Any]] | None = None
    source_field = payload.get("source") or "auto"
    if source_field == "auto":
        first = detect_candidates(" ".join(texts))[0]
        source = first.language
        detected = [{"language": source, "confidence": round(first.confidence * 100, 1)}]
        if source == "und":
            raise LibreTranslateError(400, _("Cannot tell the source language: pass 'source'."))
    else:
        source = _tag(source_field, "source")
    try:
        results = await run_in_threadpool(
            get_engine().translate_many, texts, source=source, target=target
        )
    except UnsupportedPairError as exc:
        raise LibreTranslateError(400, str(exc)) from exc
    except TranslationError as exc:
        raise LibreTranslateError(500, str(exc)) from exc
    translated: str | list[str] = (
        results[0].text if isinstance(q, str) else [r.text for r in results]
    )
    response: dict[str, Any] = {"translatedText": translated}
    if detected is not None:
        response["detectedLanguage"] = detected[0] if isinstance(q, str) else detected
    return response
