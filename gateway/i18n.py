"""gettext for Kakehashi's own strings (domain ``kakehashi``): Japanese first for agents.

Catalogs are the ``.po`` files under ``locales/``; they are compiled in memory on first use, so
a fresh checkout needs no build step. The active locale is per request (a context variable):
explicit choice → cookie → Accept-Language, as :func:`negotiate` decides.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import threading
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(
    os.environ.get("KAKEHASHI_LOCALES_DIR", Path(__file__).parent.parent / "locales")
)
DOMAIN = "kakehashi"
AGENT_LOCALES = ("ja", "en")
DEFAULT_LOCALE = "ja"

_current: ContextVar[str] = ContextVar("kakehashi_locale", default=DEFAULT_LOCALE)
_lock = threading.Lock()


@cache
def translations(locale: str, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """Compiled catalog for ``locale`` (``zh_Hant`` style directory names), or a null one."""
    path = LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return _gettext.NullTranslations()
    with _lock, path.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def set_locale(locale: str) -> None:
    _current.set(locale)


def get_locale() -> str:
    return _current.get()


def _(message: str) -> str:
    """Translate ``message`` into the current locale."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def negotiate(accept_language: str | None, available: tuple[str, ...], default: str) -> str:
    """Best of ``available`` for an Accept-Language header (q-values honoured)."""
    if not accept_language:
        return default
    ranked: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        piece, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if piece and quality > 0:
            ranked.append((quality, piece))
    ranked.sort(key=lambda pair: -pair[0])
    preferred = [piece for _q, piece in ranked]
    try:
        match = Locale.negotiate(preferred, list(available), sep="-")
    except (UnknownLocaleError, ValueError):
        match = None
    return str(match).replace("_", "-") if match else default


def environment_locale(environ: Mapping[str, str] | None = None) -> str:
    """The agent locale for command-line output, from the POSIX locale variables.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides, as gettext does:
    ``ja_JP.UTF-8`` gives Japanese; anything else, ``C`` or nothing at all gives English.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
