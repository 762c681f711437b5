"""FAQ locales: BCP 47 tags (``zh-Hant``) in data and URLs, ``zh_Hant`` for catalog folders."""

from __future__ import annotations

from functools import cache

from babel import Locale

from faq_i18n.errors import UnknownLocaleError

SOURCE_LOCALE = "ja"

#: Locales the FAQ is machine-translated into unless the shop configures others.
DEFAULT_TARGET_LOCALES: tuple[str, ...] = (
    "en",
    "zh-Hans",
    "zh-Hant",
    "ko",
    "th",
    "vi",
    "id",
    "es",
    "fr",
    "de",
    "pt",
)

_SCRIPTS = {"hans": "Hans", "hant": "Hant", "latn": "Latn", "cyrl": "Cyrl"}
_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "in": "id",
    "jp": "ja",
}


def canonical_locale(tag: str) -> str:
    """``zh_hant`` / ``ZH-Hant`` → ``zh-Hant``; ``EN`` → ``en``; region subtags kept upper."""
    raw = tag.strip().replace("_", "-")
    if not raw:
        raise UnknownLocaleError("empty locale: use a BCP 47 tag such as 'en' or 'zh-Hant'")
    lowered = raw.lower()
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    parts = lowered.split("-")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        raise UnknownLocaleError(f"'{tag}' is not a language tag: use e.g. 'en' or 'zh-Hant'")
    out = [parts[0]]
    for part in parts[1:]:
        if part in _SCRIPTS:
            out.append(_SCRIPTS[part])
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part)
    return "-".join(out)


def catalog_dir_name(locale: str) -> str:
    """The ``locales/`` folder of a tag: ``zh-Hant`` → ``zh_Hant``."""
    return locale.replace("-", "_")


@cache
def autonym(locale: str) -> str:
    """The language's name in itself, as a buyer looks for it in a language menu."""
    try:
        name = Locale.parse(catalog_dir_name(locale)).get_display_name(catalog_dir_name(locale))
    except (ValueError, LookupError):
        return locale
    return name[:1].upper() + name[1:] if name else locale


def negotiate_locale(accept_language: str | None, available: tuple[str, ...], default: str) -> str:
    """The best of ``available`` for an Accept-Language header (RFC 9110 q-values):
    an exact tag first, then Chinese by script or region (zh-TW → zh-Hant), then the language
    alone (pt-BR → pt, en-GB → en)."""
    if not accept_language:
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        piece, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if piece.strip() and piece.strip() != "*" and quality > 0:
            ranked.append((-quality, position, piece.strip()))
    by_lower = {tag.lower(): tag for tag in available}
    for _quality, _position, piece in sorted(ranked):
        try:
            tag = canonical_locale(piece)
        except UnknownLocaleError:
            continue
        if tag.lower() in by_lower:
            return by_lower[tag.lower()]
        language = tag.split("-")[0].lower()
        if language == "zh":
            continue  # zh-* without a known script or region: canonical_locale mapped it
        if language in by_lower:
            return by_lower[language]
    return default
