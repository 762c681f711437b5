"""Detect the language a buyer writes in, from a short support message.

The answer routes an inquiry to its language queue, picks the translation model and the reply
language, so it must be right, the same in every process, and cheap enough to run inline in the
HTTP request that receives the message. In order:

1. :func:`translation.textclean.clean_for_detection` keeps the buyer's own words (no URLs,
   order numbers, prices, emoji, quoted replies), from a bounded prefix of the text.
2. The scripts of the letters settle many messages: Hangul is Korean, Thai script Thai, Greek
   Greek, Hebrew Hebrew, Tamil Tamil, and so on.
3. East Asian text without Hangul goes to :mod:`translation.langid.han` (Japanese, Simplified and
   Traditional Chinese told apart by character tables and usage).
4. Text in an alphabet several languages share (Latin, Cyrillic, Arabic, Devanagari) is scored
   against every detectable language of that alphabet, whatever the caller's candidates: the
   n-gram model of py3langid (:mod:`translation.langid.model`), plus hand-written evidence that
   tells close neighbours apart: buyers' everyday and function words
   (:mod:`translation.langid.lexicon`), the letters each alphabet has or lacks
   (:mod:`translation.langid.letters`), and which of two languages that write a message alike
   more buyers write in.
5. Hints (languages known from elsewhere) and the shop's traffic shares are priors: they decide
   a short or ambiguous text and lose against a clear one. With nothing to go on, or when the
   text is in a language outside the candidates, the answer is ``und`` with low confidence.

The confidence is the posterior of the answer among all those languages: a message that two
languages write alike ("Terima kasih!") gets about one half, not 0.99.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from translation.errors import TranslationError
from translation.langid import han, letters, lexicon, model, scripts
from translation.languages import (
    DETECTABLE_LANGUAGES,
    UNDETERMINED,
    UnknownLanguageError,
    normalize_tag,
)
from translation.textclean import clean_for_detection, looks_like_binary

#: Confidence given when the script alone decides the language.
SCRIPT_CONFIDENCE: Final = 0.99
#: Confidence of an answer taken from hints alone (the text says nothing).
HINT_ONLY_CONFIDENCE: Final = 0.5

# Weights of the evidence. n-gram log-probabilities from encyclopedia text are overconfident on
# a few words, so they are tempered; a buyer's everyday word counts as a couple of nats.
_MODEL_SCALE: Final = 1.0
_WORD_WEIGHT: Final = 2.0
_LOANWORD_WEIGHT: Final = 0.3
_OWN_WORD_FACTOR: Final = 1.5
_PHRASE_WEIGHT: Final = 2 * _WORD_WEIGHT
# A hint makes its language this many times likelier before the text is read.
_HINT_BONUS: Final = math.log(20.0)
# Traffic shares below this are treated as this (a shop may see a language for the first time).
_PRIOR_FLOOR: Final = 0.02
# Traffic says little about one message: shares are tempered (0.5 = square root of the odds).
_PRIOR_WEIGHT: Final = 0.5
# Below this posterior, and with no hints or priors, an answer is a guess: say "und".
_GUESS_THRESHOLD: Final = 0.3
# ... and below this even for a language one of whose words the text holds ("Ja" is a word in
# a dozen languages: none of them is the answer).
_ATTESTED_FLOOR: Final = 0.1


def _combining_marks() -> str:
    """Vowel signs and viramas of the alphabets in use (``क्या``, ``நன்றி``) as a regex class.

    They are not ``\\w`` to Python's ``re``, so without them a Devanagari or Tamil word would be
    cut into single consonants.
    """
    marks = [
        chr(code)
        for first, last in ((0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x06FF), (0x0900, 0x0DFF))
        for code in range(first, last + 1)
        if unicodedata.category(chr(code)) in {"Mn", "Mc", "Me"}
    ]
    return re.escape("".join(marks))


_LETTER = rf"[^\W\d_]|[{_combining_marks()}]"
_TOKEN = re.compile(rf"(?:{_LETTER})+(?:['’](?:{_LETTER})+)*")
_APOSTROPHE = re.compile(r"['’]")
_SENTENCE_END: Final = frozenset(".!?¿¡。！？\n")
# East Asian quotation brackets: what is inside is often a pasted Japanese product title.
_CJK_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|【[^】]*】|〔[^〕]*〕")
# Han and kana languages, and languages written in a script of their own
_CJK_LANGUAGES: Final = frozenset({han.JA, han.ZH_HANS, han.ZH_HANT, "ko"})
_OWN_SCRIPT_LANGUAGES: Final = frozenset(
    lang for langs in scripts.SCRIPT_LANGUAGES.values() for lang in langs
)
# Languages of another script that buyers also write in Latin letters (Serbian latinica).
_ALSO_LATIN: Final = frozenset({"sr"})
# Where two languages write a message the same way, the likelier writer: log-odds a language
# starts with, in a script, against the neighbour it shares nearly all its spelling with.
# Galician and Bosnian have a small fraction of the writers of Portuguese and Croatian, and half
# of Serbian is written in Cyrillic. Real evidence (a word, a letter) outweighs these at once.
# Hindi likewise has several times the writers of Marathi and Nepali in Devanagari.
_SCRIPT_PRIORS: Final[dict[str, dict[str, float]]] = {
    scripts.LATIN: {"gl": -1.0, "bs": -1.0, "sr": -0.7},
    scripts.DEVANAGARI: {"mr": -0.7, "ne": -0.7},
}
# Danish addresses a group of people as "I" (capital, also mid-sentence); Norwegian writes "dere".
_DANISH_YOU: Final = re.compile(r"(?<=[^\W\d_]) I\b(?! [A-Z])")


def preload() -> None:
    """Load the models now (about a second), so that no buyer's request waits for them."""
    model.knows("en")
    han.score("返品")


class LanguageDetectionError(TranslationError, ValueError):
    """The caller asked for something detection cannot do (e.g. an unknown candidate language)."""


@dataclass(frozen=True)
class Detection:
    """A detected language: a BCP 47 tag (``und`` when unknown) and a confidence in [0, 1]."""

    language: str
    confidence: float
    #: What decided: ``script``, ``han``, ``ngram``, ``hints``, ``priors`` or ``none``.
    method: str = "none"

    def as_libretranslate(self) -> dict[str, object]:
        """The LibreTranslate ``/detect`` form: confidence in percent."""
        return {"language": self.language, "confidence": round(self.confidence * 100, 1)}


def detect_language(
    text: str,
    *,
    hints: Iterable[str] = (),
    languages: Iterable[str] | None = None,
    priors: Mapping[str, float] | None = None,
) -> Detection:
    """The language of ``text``, among ``languages`` (default: the shop's usual ones).

    ``hints`` are languages known from elsewhere (earlier messages, Content-Language, the
    widget's browser language), in any common spelling (``zh-TW``, ``en-US``); invalid ones are
    ignored. ``priors`` are the shop's traffic shares per language. Never raises for any text.
    """
    return detect_candidates(text, hints=hints, languages=languages, priors=priors)[0]


def detect_candidates(
    text: str,
    *,
    hints: Iterable[str] = (),
    languages: Iterable[str] | None = None,
    priors: Mapping[str, float] | None = None,
    limit: int = 3,
) -> list[Detection]:
    """The likeliest languages of ``text``, best first (at least one, at most ``limit``).

    The first entry is what :func:`detect_language` returns; the list suits LibreTranslate's
    ``POST /detect``.
    """
    candidates = _candidates(tuple(languages) if languages is not None else DETECTABLE_LANGUAGES)
    hinted = _hints(hints, candidates)
    prior = _priors(priors, candidates)
    if isinstance(text, bytes | bytearray):  # defensive: callers sometimes pass raw payloads
        text = bytes(text).decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        text = str(text)
    if looks_like_binary(text):
        return [Detection(UNDETERMINED, 0.0, "none")]
    cleaned = clean_for_detection(text)
    ranked = _rank(cleaned, candidates, hinted, prior)
    return ranked[: max(1, limit)]


# --- candidates, hints, priors -----------------------------------------------------------


@lru_cache(maxsize=64)
def _candidates(languages: tuple[str, ...]) -> tuple[str, ...]:
    tags: list[str] = []
    for raw in languages:
        try:
            tag = normalize_tag(raw)
        except UnknownLanguageError as exc:
            raise LanguageDetectionError(
                f"cannot detect among the configured languages: {exc}"
            ) from exc
        if tag != UNDETERMINED and tag not in tags:
            tags.append(tag)
    if not tags:
        raise LanguageDetectionError(
            "no languages to detect among: configure at least one, e.g. 'en' or 'ja'"
        )
    return tuple(tags)


def _hints(hints: Iterable[str], candidates: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    if isinstance(hints, str):
        hints = [hints]
    for raw in hints:
        try:
            tag = normalize_tag(str(raw))
        except UnknownLanguageError:
            continue
        if tag in candidates and tag not in found:
            found.append(tag)
    return tuple(found)


def _priors(priors: Mapping[str, float] | None, candidates: tuple[str, ...]) -> dict[str, float]:
    """Log traffic shares per candidate; empty when the shop gave none."""
    if not priors:
        return {}
    shares: dict[str, float] = {}
    for raw, share in priors.items():
        try:
            tag = normalize_tag(raw)
        except UnknownLanguageError:
            continue
        if tag in candidates and isinstance(share, int | float) and math.isfinite(share):
            shares[tag] = shares.get(tag, 0.0) + max(0.0, float(share))
    total = sum(shares.values())
    if total <= 0:
        return {}
    return {
        tag: _PRIOR_WEIGHT * math.log(max(_PRIOR_FLOOR, shares.get(tag, 0.0) / total))
        for tag in candidates
    }


# --- ranking -------------------------------------------------------------------------------


def _rank(
    cleaned: str,
    candidates: tuple[str, ...],
    hinted: tuple[str, ...],
    prior: dict[str, float],
) -> list[Detection]:
    profile = scripts.profile(cleaned)
    if profile.letters == 0:
        return _without_evidence(hinted, prior)  # digits, punctuation, emoji: nothing to read
    words = _words(cleaned)
    order = _script_order(cleaned, profile)
    for family in order:
        ranked = _rank_in_script(family, cleaned, words, profile, candidates, hinted, prior)
        if ranked is not None:
            return ranked
    return _without_evidence(hinted, prior)


def _words(cleaned: str) -> list[str]:
    """The words of ``cleaned``, lower case, without sizes and grades ("in M", "size L").

    A capital letter standing alone inside a sentence is a size, a grade or an initial, not the
    word "a" or "o" of some language; the English and Danish "I" stays.
    """
    words: list[str] = []
    for match in _TOKEN.finditer(cleaned):
        word = match.group()
        if len(word) == 1 and word.isupper() and word != "I":
            before = cleaned[: match.start()].rstrip()
            if before and before[-1] not in _SENTENCE_END:
                continue
        words.append(word.lower())
    return words


def _script_order(cleaned: str, profile: scripts.ScriptProfile) -> list[str]:
    """Script families present, the one that carries the message first."""
    discount = float(_brand_letters(cleaned)) if profile.cjk_weight else 0.0
    first = profile.dominant(latin_discount=discount) or profile.dominant()
    families = {"CJK" if s in scripts.CJK_SCRIPTS else s for s in profile.counts}
    rest = sorted(families - {first})
    return [first, *rest] if first is not None else rest


def _brand_letters(text: str) -> int:
    """Letters of Latin tokens that look like brands or acronyms (EMS, PayPal, iPhone)."""
    total = 0
    for token in _TOKEN.findall(text):
        if not token.isascii():
            continue
        if token.isupper() or any(c.isupper() for c in token[1:]) or len(token) <= 2:
            total += len(token)
    return total


def _rank_in_script(
    family: str,
    cleaned: str,
    words: list[str],
    profile: scripts.ScriptProfile,
    candidates: tuple[str, ...],
    hinted: tuple[str, ...],
    prior: dict[str, float],
) -> list[Detection] | None:
    if family == "CJK":
        return _rank_cjk(cleaned, profile, candidates, hinted, prior)
    pool = _pool(family, candidates)
    if not any(lang in candidates for lang in pool):
        return None
    if len(pool) == 1:
        return [Detection(pool[0], SCRIPT_CONFIDENCE, "script")]
    return _rank_alphabetic(family, cleaned, words, pool, candidates, hinted, prior)


@lru_cache(maxsize=256)
def _pool(family: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The languages a text in this script could be in: every detectable one, and candidates.

    Scoring against all of them, not only the shop's candidates, is what keeps a Dutch message
    from being forced into English when the shop lists English and Polish.
    """
    if family == scripts.LATIN:
        written = [
            lang
            for lang in (*DETECTABLE_LANGUAGES, *candidates)
            if lang not in _CJK_LANGUAGES
            and (lang not in _OWN_SCRIPT_LANGUAGES or lang in _ALSO_LATIN)
        ]
    else:
        own = scripts.SCRIPT_LANGUAGES.get(family, ())
        written = [lang for lang in (*DETECTABLE_LANGUAGES, *candidates) if lang in own]
    return tuple(dict.fromkeys(written))


def _rank_cjk(
    cleaned: str,
    profile: scripts.ScriptProfile,
    candidates: tuple[str, ...],
    hinted: tuple[str, ...],
    prior: dict[str, float],
) -> list[Detection] | None:
    counts = profile.counts
    cjk_letters = sum(counts[s] for s in scripts.CJK_SCRIPTS)
    hangul = counts[scripts.HANGUL]
    if hangul and hangul >= 0.2 * cjk_letters:
        return [Detection("ko", SCRIPT_CONFIDENCE, "script")] if "ko" in candidates else None
    # A Japanese product title pasted in brackets says nothing about the buyer's language.
    unquoted = _CJK_QUOTED.sub(" ", cleaned)
    if not any(scripts.script_of(ch) in scripts.CJK_SCRIPTS for ch in unquoted):
        unquoted = cleaned
    evidence = han.score(unquoted)
    served = [lang for lang in han.LANGUAGES if lang in candidates]
    if not served or not evidence.characters:
        return None
    japanese_grammar = evidence.hiragana >= 2 or (
        evidence.hiragana and evidence.hiragana * 4 >= evidence.characters
    )
    if japanese_grammar and evidence.foreign_to_japanese < 2 and han.JA in served:
        return [Detection(han.JA, SCRIPT_CONFIDENCE, "script")]
    scores: dict[str, float] = {lang: evidence.scores[lang] for lang in served}
    return _decide(scores, tuple(served), hinted, prior, method="han")


def _rank_alphabetic(
    family: str,
    cleaned: str,
    words: list[str],
    pool: tuple[str, ...],
    candidates: tuple[str, ...],
    hinted: tuple[str, ...],
    prior: dict[str, float],
) -> list[Detection]:
    """Languages sharing an alphabet: n-gram model, buyers' words and letters, added up."""
    informative = [w for w in words if w not in lexicon.NEUTRAL]
    if not informative:
        # "ok", "lol": letters, but no language in them; the shop's traffic is the best guess
        return _without_evidence(hinted, prior, use_priors=True)
    # Borrowed shop words ("order", "refund") are weak evidence when other words are around.
    all_loanwords = all(w in lexicon.LOANWORDS for w in informative)
    scores = dict.fromkeys(pool, 0.0)
    # a two-word phrase ("cam on" is Vietnamese "cảm ơn") speaks for its words
    in_phrase: set[int] = set()
    for index, (first, second) in enumerate(itertools.pairwise(informative)):
        phrase_languages = lexicon.languages_of(f"{first} {second}")
        for lang in phrase_languages:
            if lang in scores:
                scores[lang] += _PHRASE_WEIGHT
        if phrase_languages:
            in_phrase.update((index, index + 1))
    for index, word in enumerate(informative):
        if index in in_phrase:
            continue
        weight = 1.0 if all_loanwords or word not in lexicon.LOANWORDS else _LOANWORD_WEIGHT
        owners = _lexicon_languages(word)
        if len(owners) == 1:  # a word of one language only says more ("faleminderit")
            weight *= _OWN_WORD_FACTOR
        for lang in owners:
            if lang in scores:
                scores[lang] += _WORD_WEIGHT * weight
    if family == scripts.LATIN and "da" in scores and _DANISH_YOU.search(cleaned):
        scores["da"] += _WORD_WEIGHT
    attested = frozenset(lang for lang in pool if scores[lang] > 0)
    for lang, value in _SCRIPT_PRIORS.get(family, {}).items():
        if lang in scores:
            scores[lang] += value
    for lang, value in letters.score(cleaned, pool).items():
        scores[lang] += value
    modelled = model.scores(_in_script(cleaned, family), pool)
    if modelled:
        floor = min(modelled.values())
        for lang in pool:
            scores[lang] += _MODEL_SCALE * modelled.get(lang, floor)
    return _decide(scores, candidates, hinted, prior, method="ngram", attested=attested)


def _in_script(text: str, family: str) -> str:
    """``text`` with the letters of other scripts blanked (a Latin brand in Cyrillic text)."""
    kept = [
        ch if (script := scripts.script_of(ch)) is None or script == family else " " for ch in text
    ]
    return "".join(kept)


def _lexicon_languages(word: str) -> tuple[str, ...]:
    found = lexicon.languages_of(word)
    if found or not _APOSTROPHE.search(word):
        return found
    # "d'accord", "n'est": look the parts up
    parts: set[str] = set()
    for part in _APOSTROPHE.split(word):
        parts.update(lexicon.languages_of(part))
    return tuple(sorted(parts))


def _decide(
    scores: dict[str, float],
    candidates: tuple[str, ...],
    hinted: tuple[str, ...],
    prior: dict[str, float],
    method: str,
    attested: frozenset[str] = frozenset(),
) -> list[Detection]:
    """Combine log-scores with hints and priors into ranked detections among ``candidates``.

    ``scores`` may hold languages outside the candidates: they take their share of the
    probability, so a text written in none of the candidates gets no confident answer.
    ``attested`` are languages one of whose own words the text holds: they are an answer even
    at a low posterior, where anything else is a guess and becomes ``und``.
    """
    # a language the shop has no traffic share for counts as one seen for the first time
    unseen = min(prior.values(), default=0.0)
    combined = {}
    for lang, value in scores.items():
        combined[lang] = value + prior.get(lang, unseen) + (_HINT_BONUS if lang in hinted else 0.0)
    posterior = han.softmax(combined)
    # ties go to the earlier language (stable, so the same in every process)
    listed = frozenset(candidates)
    ranked = sorted(
        (lang for lang in posterior if lang in listed), key=lambda lang: -posterior[lang]
    )
    best = ranked[0]
    overall = max(posterior, key=lambda lang: posterior[lang])
    if overall not in candidates:
        # written in a language the caller did not list: no candidate is the answer
        return [Detection(UNDETERMINED, posterior[best], "none")]
    guess = posterior[best] < (_ATTESTED_FLOOR if best in attested else _GUESS_THRESHOLD)
    if guess and not hinted and not prior:
        return [Detection(UNDETERMINED, posterior[best], "none")]
    by_text = max(scores, key=lambda lang: scores[lang])
    best_method = method
    if scores[best] < scores[by_text]:
        best_method = "hints" if best in hinted else "priors"
    return [
        Detection(lang, posterior[lang], best_method if lang == best else method) for lang in ranked
    ]


def _without_evidence(
    hinted: tuple[str, ...], prior: dict[str, float], *, use_priors: bool = False
) -> list[Detection]:
    """The answer when the text tells nothing: the hints, else (if allowed) the priors."""
    if hinted:
        return [Detection(hinted[0], HINT_ONLY_CONFIDENCE, "hints")]
    if use_priors and prior:
        shares = han.softmax(prior)
        ranked = sorted(shares, key=lambda lang: -shares[lang])
        # a traffic share is no evidence about this message: keep the confidence modest
        return [Detection(lang, shares[lang] * HINT_ONLY_CONFIDENCE, "priors") for lang in ranked]
    return [Detection(UNDETERMINED, 0.0, "none")]
