"""LibreTranslate-compatible ``POST /detect`` and ``POST /translate``, so existing clients work."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from gateway.errors import ApiError
from gateway.i18n import _
from gateway.models.text import StorableStr
from gateway.settings import get_settings
from gateway.translations.engine import get_engine
from translation.detect import detect_candidates
from translation.errors import TranslationError, UnsupportedPairError
from translation.languages import UnknownLanguageError, normalize_tag

router = APIRouter(tags=["libretranslate"])

MAX_CHARS = 20_000


class DetectIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    q: StorableStr = Field(max_length=MAX_CHARS)


class TranslateIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    q: StorableStr | list[StorableStr]
    source: str = "auto"
    target: str
    format: str = "text"


def _tag(value: str, field: str) -> str:
    try:
        return normalize_tag(value)
    except UnknownLanguageError as exc:
        raise ApiError(400, "invalid_language", f"{field}: {exc}") from exc


@router.post("/detect")
def detect(body: DetectIn) -> list[dict[str, Any]]:
    """Languages of ``q``, best first, confidence 0–100 as LibreTranslate reports it."""
    candidates = detect_candidates(body.q, languages=get_settings().languages)
    return [
        {"language": c.language, "confidence": round(c.confidence * 100, 1)} for c in candidates
    ]


@router.post("/translate")
async def translate(body: TranslateIn) -> dict[str, Any]:
    texts = [body.q] if isinstance(body.q, str) else list(body.q)
    if sum(len(t) for t in texts) > MAX_CHARS:
        raise ApiError(
            413, "text_too_long", _("Send at most %(limit)d characters.") % {"limit": MAX_CHARS}
        )
    target = _tag(body.target, "target")
    detected: list[dict[str, Any]] | None = None
    if body.source == "auto":
        first = detect_candidates(" ".join(texts), languages=get_settings().languages)[0]
        source = first.language
        detected = [{"language": source, "confidence": round(first.confidence * 100, 1)}]
        if source == "und":
            raise ApiError(
                400, "language_unknown", _("Cannot tell the source language: pass 'source'.")
            )
    else:
        source = _tag(body.source, "source")
    try:
        results = await run_in_threadpool(
            get_engine().translate_many, texts, source=source, target=target
        )
    except UnsupportedPairError as exc:
        raise ApiError(400, "unsupported_pair", str(exc)) from exc
    except TranslationError as exc:
        raise ApiError(500, "translation_failed", str(exc)) from exc
    translated: str | list[str] = (
        results[0].text if isinstance(body.q, str) else [r.text for r in results]
    )
    response: dict[str, Any] = {"translatedText": translated}
    if detected is not None:
        response["detectedLanguage"] = detected[0] if isinstance(body.q, str) else detected
    return response
