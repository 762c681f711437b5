"""FAQ answers that fit a conversation, shown beside it for the agent (in Japanese).

A small token-overlap ranking over the published FAQ, using faq_i18n's tokeniser so Chinese,
Korean, Thai and Latin text all meet their FAQ entries, in the buyer's wording and in the
Japanese translation alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from faq_i18n.tokenize import tokenize
from gateway.models import FaqEntry

MIN_SCORE = 0.12


@dataclass(frozen=True)
class FaqSuggestion:
    slug: str
    score: float
    question_ja: str
    answer_ja: str


@lru_cache(maxsize=4096)
def _entry_tokens(
    entry_id: int, source_hash: str, texts: tuple[tuple[str, str], ...]
) -> frozenset[str]:
    del entry_id, source_hash  # cache keys only: an edited entry gets a new source hash
    tokens: set[str] = set()
    for text, locale in texts:
        tokens.update(tokenize(text, locale))
    return frozenset(tokens)


def suggest(
    entries: Sequence[FaqEntry],
    *,
    texts: Sequence[tuple[str, str]],
    buyer_locale: str,
    limit: int = 3,
) -> list[FaqSuggestion]:
    """The entries that best fit ``texts`` (each ``(text, locale)``), best first."""
    query: set[str] = set()
    for text, locale in texts:
        query.update(tokenize(text, locale))
    if not query:
        return []
    scored: list[FaqSuggestion] = []
    for entry in entries:
        sources = [(entry.question_ja, "ja")]
        sources += [(t.question, t.locale) for t in entry.translations if t.locale == buyer_locale]
        tokens = _entry_tokens(entry.id, entry.source_hash, tuple(sources))
        if not tokens:
            continue
        shared = len(query & tokens)
        score = shared / math.sqrt(len(query) * len(tokens))
        if score >= MIN_SCORE:
            scored.append(FaqSuggestion(entry.slug, round(score, 3), entry.question_ja,
                                        entry.answer_ja))
    scored.sort(key=lambda s: -s.score)
    return scored[:limit]
