"""FAQ answer suggestions: rank a shop's FAQ entries for a buyer's inquiry.

Pure and in memory: build a :class:`FaqIndex` from :class:`FaqDocument` rows (one per entry and
locale) and call :meth:`FaqIndex.suggest`. Storage and HTTP live elsewhere.

Ranking, per locale "view" (the entries in the buyer's locale, with Japanese source text standing
in for entries that have no translation):

- BM25F over question (weighted highest), answer and category, with the tokeniser for each
  script (:mod:`faq_i18n.tokenize`) and shared support-vocabulary concepts
  (:mod:`faq_i18n.synonyms`) that tie paraphrases and languages together;
- Latin-script words that match nothing are retried against the view's vocabulary at one edit
  (typos such as "recieved" or "refnd");
- when the inquiry's Japanese machine translation is given (``query_ja``), the Japanese source
  view is searched with it too and the two normalised scores are fused.

Scores are in [0, 1]: the share of the query's weighted evidence that the entry matches, so
they can be compared across queries and shown to agents as a confidence.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from faq_i18n.errors import FaqError
from faq_i18n.synonyms import CONCEPT_PREFIX, concept_tokens_normalized
from faq_i18n.tokenize import locale_language, normalize, tokenize_normalized

__all__ = [
    "SOURCE_LOCALE",
    "FaqDocument",
    "FaqIndex",
    "FaqSearchError",
    "Suggestion",
    "documents_from_import",
    "resolve_locale",
]

SOURCE_LOCALE = "ja"

# BM25F parameters: (field weight, length normalisation b) per field.
_FIELDS: tuple[tuple[str, float, float], ...] = (
    ("question", 3.0, 0.5),
    ("answer", 1.0, 0.75),
    ("category", 0.5, 0.0),
)
_K1 = 1.2
# How much a typo-corrected word counts compared with a word spelled as in the FAQ.
_TYPO_WEIGHT = 0.7
# Buyer-locale view versus the Japanese source view searched with the machine translation.
_SOURCE_FUSION_WEIGHT = 0.4
_MIN_TYPO_LENGTH = 4
# Concept tokens come from curated support vocabulary: one says more than one character bigram.
_CONCEPT_QUERY_WEIGHT = 2.0

_TRADITIONAL_HINTS = frozenset({"hant", "tw", "hk", "mo"})
_SHARED_LOCALES = frozenset({SOURCE_LOCALE, "zh-Hans", "zh-Hant"})

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class FaqSearchError(FaqError):
    """The FAQ documents given to the index cannot be searched as they are."""


@dataclass(frozen=True)
class FaqDocument:
    """One FAQ entry in one locale (BCP 47); ``ja`` is the shop's source text."""

    slug: str
    locale: str
    category: str
    question: str
    answer: str


@dataclass(frozen=True)
class Suggestion:
    """A suggested FAQ entry; ``locale`` says which text is returned (``ja`` on fallback)."""

    slug: str
    score: float
    locale: str
    question: str
    answer: str


def documents_from_import(data: Mapping[str, Any]) -> list[FaqDocument]:
    """FAQ documents from the import format ``{"entries": [{"slug", "category", "question":
    {locale: text}, "answer": {locale: text}}]}``; a locale needs both question and answer."""
    documents: list[FaqDocument] = []
    for number, entry in enumerate(data.get("entries", ()), start=1):
        try:
            slug, category = str(entry["slug"]), str(entry.get("category", ""))
            questions: Mapping[str, str] = entry["question"]
            answers: Mapping[str, str] = entry["answer"]
        except (KeyError, TypeError) as error:
            raise FaqSearchError(
                f"FAQ entry {number} needs a slug and question/answer maps by locale ({error})"
            ) from error
        for locale, question in questions.items():
            answer = answers.get(locale)
            if answer is not None:
                documents.append(FaqDocument(slug, locale, category, question, answer))
    return documents


def resolve_locale(tag: str, available: Iterable[str]) -> str:
    """The locale among ``available`` that best serves a buyer writing in ``tag``.

    Exact tags win (case-insensitive); otherwise Chinese goes by script or region
    (zh-TW, zh-HK → zh-Hant; zh, zh-CN → zh-Hans) and other tags by language (pt-BR → pt).
    Returns the canonical tag even when no entry is in it, so the caller falls back to ``ja``.
    """
    by_lower = {locale.lower(): locale for locale in available}
    cleaned = tag.strip().replace("_", "-")
    if cleaned.lower() in by_lower:
        return by_lower[cleaned.lower()]
    language = locale_language(cleaned) or "und"
    if language == "zh":
        subtags = {part.lower() for part in cleaned.split("-")[1:]}
        canonical = "zh-Hant" if subtags & _TRADITIONAL_HINTS else "zh-Hans"
    else:
        canonical = language
    return by_lower.get(canonical.lower(), canonical)


def _fallback_chain(locale: str) -> tuple[str, ...]:
    chain = [locale]
    if locale == "zh-Hant":
        chain.append("zh-Hans")
    elif locale == "zh-Hans":
        chain.append("zh-Hant")
    if locale != SOURCE_LOCALE:
        chain.append(SOURCE_LOCALE)
    return tuple(chain)


def _analyse(text: str, locale: str) -> list[str]:
    normalized = normalize(text)
    return tokenize_normalized(normalized, locale) + concept_tokens_normalized(normalized)


def _query_weights(text: str, locale: str) -> dict[str, float]:
    counts = Counter(_analyse(text, locale))
    # Repeating a word in an inquiry adds a little evidence, not a multiple of it.
    return {
        token: (1.0 + math.log(count))
        * (_CONCEPT_QUERY_WEIGHT if token.startswith(CONCEPT_PREFIX) else 1.0)
        for token, count in counts.items()
    }


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _typo_candidate(word: str) -> bool:
    return len(word) >= _MIN_TYPO_LENGTH and word.isascii() and word.isalpha()


class _Vocabulary(dict[str, int]):
    """Term ids, handed out in order of first sight."""

    def __missing__(self, term: str) -> int:
        term_id = self[term] = len(self)
        return term_id


class _View:
    """BM25F over one document per entry, as a term-by-document sparse matrix (CSR)."""

    def __init__(
        self, documents: Sequence[FaqDocument], fields: Sequence[Sequence[Counter[str]]]
    ) -> None:
        self.documents = documents
        n_docs = len(documents)
        doc_ids_parts: list[IntArray] = []
        vocabulary = _Vocabulary()
        term_ids: list[int] = []
        counts: list[int] = []
        pair_weights: list[FloatArray] = []
        for field_index, (_name, field_weight, b) in enumerate(_FIELDS):
            field_counts = [analysed[field_index] for analysed in fields]
            lengths = np.array([field.total() for field in field_counts], dtype=np.float64)
            average = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
            norms = field_weight / (1.0 - b + b * lengths / average)
            unique_per_doc = np.array([len(field) for field in field_counts], dtype=np.int64)
            pair_weights.append(np.repeat(norms, unique_per_doc))
            doc_ids_parts.append(np.repeat(np.arange(n_docs, dtype=np.int64), unique_per_doc))
            for field in field_counts:
                term_ids.extend(map(vocabulary.__getitem__, field))
                counts.extend(field.values())
        weights = np.asarray(counts, dtype=np.float64) * np.concatenate(pair_weights)
        doc_ids = np.concatenate(doc_ids_parts) if doc_ids_parts else np.zeros(0, np.int64)
        self.vocabulary: dict[str, int] = vocabulary
        n_terms = len(vocabulary)
        keys = np.asarray(term_ids, dtype=np.int64) * max(n_docs, 1) + doc_ids
        unique_keys, inverse = np.unique(keys, return_inverse=True)
        tf = np.bincount(inverse, weights=weights)
        pair_terms = unique_keys // max(n_docs, 1)
        document_frequency = np.bincount(pair_terms, minlength=n_terms).astype(np.float64)
        self.idf: FloatArray = np.log1p(
            (n_docs - document_frequency + 0.5) / (document_frequency + 0.5)
        )
        self.impacts: FloatArray = self.idf[pair_terms] * tf * (_K1 + 1.0) / (tf + _K1)
        self.doc_ids: IntArray = (unique_keys % max(n_docs, 1)).astype(np.int64)
        self.indptr: IntArray = np.concatenate(
            ([0], np.cumsum(np.bincount(pair_terms, minlength=n_terms)))
        ).astype(np.int64)
        self._typo_lookup: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    def _typo_matches(self, word: str) -> list[str]:
        if self._typo_lookup is None:
            with self._lock:
                if self._typo_lookup is None:
                    lookup: dict[str, list[str]] = {}
                    for term in self.vocabulary:
                        if _typo_candidate(term):
                            for key in _deletions(term) | {term}:
                                lookup.setdefault(key, []).append(term)
                    self._typo_lookup = lookup
        lookup = self._typo_lookup
        matches: set[str] = set()
        for key in _deletions(word) | {word}:
            matches.update(lookup.get(key, ()))
        return sorted(matches)

    def scores(self, query: Mapping[str, float]) -> FloatArray:
        """Normalised scores in [0, 1] for every document (zeros when nothing matches)."""
        n_docs = len(self.documents)
        rows: list[tuple[int, float]] = []
        for term, weight in query.items():
            term_id = self.vocabulary.get(term)
            if term_id is not None:
                rows.append((term_id, weight))
            elif _typo_candidate(term):
                rows.extend(
                    (self.vocabulary[match], weight * _TYPO_WEIGHT)
                    for match in self._typo_matches(term)[:3]
                )
        if not rows or n_docs == 0:
            return np.zeros(n_docs, dtype=np.float64)
        # Best reachable score: every query term at full saturation in one document. Words that
        # occur in no entry (order numbers, names) do not count against the entries.
        bound = sum(weight * float(self.idf[term_id]) for term_id, weight in rows) * (_K1 + 1.0)
        if bound <= 0.0:
            return np.zeros(n_docs, dtype=np.float64)
        slices = [slice(self.indptr[term_id], self.indptr[term_id + 1]) for term_id, _ in rows]
        doc_ids = np.concatenate([self.doc_ids[part] for part in slices])
        contributions = np.concatenate(
            [self.impacts[part] * weight for part, (_, weight) in zip(slices, rows, strict=True)]
        )
        totals = np.bincount(doc_ids, weights=contributions, minlength=n_docs)
        return np.clip(totals / bound, 0.0, 1.0)


class FaqIndex:
    """In-memory FAQ search over every locale of a shop's FAQ.

    Build it once per FAQ version; it is safe to share between threads. Per-locale views are
    built on first use and cached (building all of them up front is :meth:`warm`).
    """

    def __init__(self, documents: Iterable[FaqDocument]) -> None:
        self._entries: dict[str, dict[str, FaqDocument]] = {}
        for document in documents:
            by_locale = self._entries.setdefault(document.slug, {})
            if document.locale in by_locale:
                raise FaqSearchError(
                    f"FAQ entry {document.slug!r} has two {document.locale} texts; keep one"
                )
            by_locale[document.locale] = document
        self._locales = frozenset(
            locale for by_locale in self._entries.values() for locale in by_locale
        )
        self._analysed: dict[FaqDocument, tuple[Counter[str], ...]] = {}
        self._views: dict[tuple[str, ...], _View] = {}
        self._lock = threading.Lock()

    @property
    def locales(self) -> frozenset[str]:
        """Locales that at least one entry is written in."""
        return self._locales

    def __len__(self) -> int:
        return len(self._entries)

    def warm(self) -> None:
        """Build the views for every locale now instead of on first query."""
        for locale in self._locales:
            self._view(_fallback_chain(locale))

    def suggest(
        self, query: str, *, locale: str, query_ja: str | None = None, limit: int = 3
    ) -> list[Suggestion]:
        """The FAQ entries that best answer ``query`` (written in ``locale``), best first.

        ``query_ja`` is the inquiry's Japanese translation, matched against the Japanese source
        text. Entries are returned in the buyer's locale when translated, else in Japanese.
        An empty or unmatched query gives an empty list.
        """
        if limit <= 0 or not self._entries:
            return []
        resolved = resolve_locale(locale, self._locales)
        view = self._view(_fallback_chain(resolved))
        scores = view.scores(_query_weights(query, resolved)) if query.strip() else None
        if query_ja and query_ja.strip() and resolved != SOURCE_LOCALE:
            source = self._view(_fallback_chain(SOURCE_LOCALE))
            source_scores = source.scores(_query_weights(query_ja, SOURCE_LOCALE))
            # Views list entries in the same (slug) order, so scores line up.
            if scores is None:
                scores = source_scores
            else:
                scores = (1.0 - _SOURCE_FUSION_WEIGHT) * scores + (
                    _SOURCE_FUSION_WEIGHT * source_scores
                )
        if scores is None:
            return []
        order = np.argsort(-scores, kind="stable")[:limit]
        suggestions = []
        for position in order:
            score = float(scores[position])
            if score <= 0.0:
                break
            document = view.documents[int(position)]
            suggestions.append(
                Suggestion(
                    slug=document.slug,
                    score=round(score, 4),
                    locale=document.locale,
                    question=document.question,
                    answer=document.answer,
                )
            )
        return suggestions

    def _view(self, chain: tuple[str, ...]) -> _View:
        view = self._views.get(chain)
        if view is not None:
            return view
        with self._lock:
            view = self._views.get(chain)
            if view is None:
                documents = [self._pick(by_locale, chain) for by_locale in self._entries.values()]
                view = _View(documents, [self._analyse(document) for document in documents])
                self._views[chain] = view
        return view

    @staticmethod
    def _pick(by_locale: Mapping[str, FaqDocument], chain: Sequence[str]) -> FaqDocument:
        for locale in chain:
            document = by_locale.get(locale)
            if document is not None:
                return document
        # An entry with neither the buyer's locale nor Japanese: show what the shop has.
        return by_locale[min(by_locale)]

    def _analyse(self, document: FaqDocument) -> tuple[Counter[str], ...]:
        analysed = self._analysed.get(document)
        if analysed is None:
            analysed = tuple(
                Counter(_analyse(getattr(document, name), document.locale))
                for name, _weight, _b in _FIELDS
            )
            if document.locale in _SHARED_LOCALES:
                # Japanese (and Chinese) texts stand in for missing translations in other
                # locales' views; keep their tokens. Other texts serve one view: don't hold them.
                self._analysed[document] = analysed
        return analysed
