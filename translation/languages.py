"""Language tags: BCP 47 inside Kakehashi, mapped to Argos and langdetect codes at the edges.

Everything stored or returned by the API uses BCP 47 (``en``, ``zh-Hans``, ``zh-Hant``, ``und``).
Argos Translate names Traditional Chinese ``zt`` and Brazilian Portuguese ``pb``; langdetect says
``zh-cn`` / ``zh-tw``. Those codes never leave this module's callers' edges.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

UNDETERMINED = "und"
JAPANESE = "ja"
ENGLISH = "en"

#: Languages a shop serves out of the box: the ones buyers of Japanese shops write in most.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en",
    "ja",
    "zh-Hans",
    "zh-Hant",
    "ko",
    "th",
    "vi",
    "id",
    "ms",
    "tl",
    "es",
    "fr",
    "de",
    "pt",
    "ru",
    "it",
    "ar",
)

#: Every language the detector names, with no restriction from the shop's settings: each language
#: langdetect has a profile for and each language Argos Translate publishes models for (Norwegian
#: is Bokmål, ``nb``; Chinese is split by script), plus Bosnian, told apart from its neighbours.
DETECTABLE_LANGUAGES: tuple[str, ...] = (
    "af", "ar", "az", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "eu", "fa", "fi", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "id", "it", "ja",
    "kn", "ko", "ky", "lt", "lv", "mk", "ml", "mr", "ms", "nb", "ne", "nl", "pa", "pl", "pt",
    "ro", "ru", "sk", "sl", "so", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk",
    "ur", "vi", "zh-Hans", "zh-Hant",
)  # fmt: skip

_ARGOS_BY_TAG = {"zh-Hans": "zh", "zh-Hant": "zt", "pt-BR": "pb"}
_TAG_BY_ARGOS = {v: k for k, v in _ARGOS_BY_TAG.items()}
_TAG_BY_LANGDETECT = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}
_LANGDETECT_BY_TAG = {v: k for k, v in _TAG_BY_LANGDETECT.items()}

# Region or legacy spellings callers send (Accept-Language, Content-Language, widget hints).
_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
    # Argos Translate's codes (``zt``, ``pb``) and Norwegian without its written standard
    "zt": "zh-Hant",
    "pb": "pt",
    "no": "nb",
    "in": "id",
    "iw": "he",
    "fil": "tl",
    "jp": "ja",
    "kr": "ko",
}


class UnknownLanguageError(ValueError):
    """A language tag that is not BCP 47 for a language we know."""


def normalize_tag(tag: str) -> str:
    """Canonical BCP 47 tag for what a caller sent (``zh-TW`` → ``zh-Hant``, ``EN-us`` → ``en``).

    Raises :class:`UnknownLanguageError` with a message a person can act on.
    """
    raw = tag.strip().replace("_", "-")
    lowered = raw.lower()
    if not lowered:
        raise UnknownLanguageError("empty language tag: use a BCP 47 tag such as 'en' or 'zh-Hant'")
    if lowered == UNDETERMINED:
        return UNDETERMINED
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    if lowered in {"pt-br"}:
        return "pt"
    primary = lowered.split("-", 1)[0]
    if primary in _ALIASES:
        return _ALIASES[primary]
    if not (2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha()):
        raise UnknownLanguageError(
            f"'{tag}' is not a language tag: use a BCP 47 tag such as 'en', 'ko' or 'zh-Hant'"
        )
    if not _babel_knows(primary):
        raise UnknownLanguageError(
            f"unknown language '{tag}': use a BCP 47 tag such as 'en', 'ko' or 'zh-Hant'"
        )
    return primary


@lru_cache(maxsize=512)
def _babel_knows(primary: str) -> bool:
    try:
        Locale.parse(primary)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def to_argos(tag: str) -> str:
    """Argos Translate package code for a BCP 47 tag (``zh-Hant`` → ``zt``)."""
    return _ARGOS_BY_TAG.get(tag, tag)


def from_argos(code: str) -> str:
    """BCP 47 tag for an Argos code (``zt`` → ``zh-Hant``, ``pb`` → ``pt-BR``)."""
    return _TAG_BY_ARGOS.get(code, code)


def from_langdetect(code: str) -> str:
    """BCP 47 tag for a langdetect code (``zh-tw`` → ``zh-Hant``)."""
    return _TAG_BY_LANGDETECT.get(code, code)


def to_langdetect(tag: str) -> str:
    """langdetect code for a BCP 47 tag (``zh-Hans`` → ``zh-cn``)."""
    return _LANGDETECT_BY_TAG.get(tag, tag)


def to_babel_locale(tag: str) -> Locale:
    """Babel locale for a BCP 47 tag; ``und`` and unknown tags fall back to English."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def display_name(tag: str, *, in_language: str = JAPANESE) -> str:
    """Name of a language for people: ``display_name("zh-Hant")`` → ``中国語 (繁体字)``."""
    if tag == UNDETERMINED:
        return {"ja": "言語不明"}.get(in_language, "Unknown language")
    name = to_babel_locale(tag).get_display_name(to_babel_locale(in_language))
    return name or tag
