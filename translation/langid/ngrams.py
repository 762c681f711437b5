"""A deterministic character n-gram model built from langdetect's language profiles.

langdetect estimates the same naive-Bayes posterior by sampling n-grams at random, several
trials per call: that is where its non-determinism and most of its 6 ms go. Scoring every
n-gram of a short text once against the profiles of the candidate languages only gives a stable
answer in a fraction of the time. Profiles are read once per candidate set, lazily.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Final

import numpy as np
import numpy.typing as npt
from langdetect.utils.ngram import NGram

from translation.languages import to_langdetect

#: Languages langdetect has no profile for, scored with a close relative's profile; what tells
#: them apart is left to the word lists (Malay and Indonesian share most of their spelling).
PROFILE_STANDINS: Final = {"ms": "id"}
_MAX_N: Final = 3
_WORD_CACHE_SIZE: Final = 50_000
# langdetect's additive smoothing (alpha 0.5 over a base frequency of 10,000): profiles drop
# rare n-grams, so "not listed" means "rare", not "impossible"
_SMOOTHING: Final = 0.5 / 10_000


@lru_cache(maxsize=4_096)
def _normalize_char(ch: str) -> str:
    return str(NGram.normalize(ch.lower()))


def extract(words: Iterable[str]) -> list[tuple[str, int]]:
    """The 1- to 3-grams of each word, padded with spaces as langdetect's profiles were.

    Returns ``(n-gram, index of its word)`` pairs so callers can weigh words differently.
    """
    grams: list[tuple[str, int]] = []
    for index, word in enumerate(words):
        normalized = "".join(_normalize_char(ch) for ch in NGram.normalize_vi(word)).strip()
        if not normalized:
            continue
        padded = f" {normalized} "
        length = len(padded)
        for n in range(1, _MAX_N + 1):
            for start in range(length - n + 1):
                gram = padded[start : start + n]
                if gram.strip():
                    grams.append((gram, index))
    return grams


def _profile_path(code: str) -> str | None:
    ref = resources.files("langdetect").joinpath("profiles", code)
    return str(ref) if ref.is_file() else None


def _read_profile(code: str) -> tuple[dict[str, float], list[float]]:
    path = _profile_path(code)
    if path is None:
        return {}, [1.0, 1.0, 1.0]
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    freq: dict[str, float] = {}
    for gram, count in raw["freq"].items():
        key = gram.lower()
        freq[key] = freq.get(key, 0.0) + float(count)
    return freq, [float(n) for n in raw["n_words"]]


@lru_cache(maxsize=256)
def has_profile(language: str) -> bool:
    """Whether the n-gram model can score ``language`` (a BCP 47 tag)."""
    code = to_langdetect(PROFILE_STANDINS.get(language, language))
    return _profile_path(code) is not None


@dataclass(frozen=True)
class NgramModel:
    """Log-probabilities of every known n-gram for a fixed tuple of languages."""

    languages: tuple[str, ...]
    index: dict[str, int]
    logprob: npt.NDArray[np.float64]  # shape (n-grams, languages)

    word_cache: dict[str, tuple[npt.NDArray[np.float64], int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def word_score(self, word: str) -> tuple[npt.NDArray[np.float64], int]:
        """Summed log-probabilities of one word's n-grams per language, and their number.

        Buyers reuse the same few hundred words, so results are kept (bounded); concurrent
        callers at worst compute the same value twice.
        """
        cached = self.word_cache.get(word)
        if cached is not None:
            return cached
        rows = [row for gram, _ in extract([word]) if (row := self.index.get(gram)) is not None]
        if rows:
            result = (self.logprob[rows].sum(axis=0), len(rows))
        else:
            result = (np.zeros(len(self.languages)), 0)
        if len(self.word_cache) >= _WORD_CACHE_SIZE:
            self.word_cache.clear()
        self.word_cache[word] = result
        return result

    def score(self, words: list[str], weights: list[float]) -> tuple[dict[str, float], float]:
        """Weighted summed log-probabilities of the words' n-grams, per language.

        Also returns the weighted number of n-grams that were scored.
        """
        totals = np.zeros(len(self.languages))
        scored = 0.0
        for word, weight in zip(words, weights, strict=True):
            if weight <= 0:
                continue
            vector, count = self.word_score(word)
            if count:
                totals += weight * vector
                scored += weight * count
        return dict(zip(self.languages, totals.tolist(), strict=True)), scored


def _build(languages: tuple[str, ...]) -> NgramModel:
    profiles = [
        _read_profile(to_langdetect(PROFILE_STANDINS.get(lang, lang))) for lang in languages
    ]
    grams = sorted({g for freq, _ in profiles for g in freq})
    index = {g: i for i, g in enumerate(grams)}
    logprob = np.empty((len(grams), len(languages)), dtype=np.float64)
    lengths = np.array([len(g) for g in grams]) - 1
    for column, (freq, n_words) in enumerate(profiles):
        totals = np.array([max(n, 1.0) for n in n_words])
        counts = np.array([freq.get(g, 0.0) for g in grams])
        logprob[:, column] = np.log(counts / totals[lengths] + _SMOOTHING)
    return NgramModel(languages=languages, index=index, logprob=logprob)


_models: dict[tuple[str, ...], NgramModel] = {}
_lock = threading.Lock()


def model_for(languages: Iterable[str]) -> NgramModel:
    """The model for these languages (BCP 47, each with a profile), built once and shared."""
    key = tuple(sorted(set(languages)))
    model = _models.get(key)
    if model is None:
        with _lock:
            model = _models.get(key)
            if model is None:
                model = _build(key)
                _models[key] = model
    return model
