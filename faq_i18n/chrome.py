"""The public pages' own words ("Search", "Other languages", …): gettext domain ``faq``.

Catalogs are ``locales/<zh_Hant style>/LC_MESSAGES/faq.po`` compiled in memory on first use,
so a fresh checkout needs no build step. Category names are looked up with context
``category`` (``pgettext("category", "配送")``) and fall back to the shop's own (Japanese) name.
"""

from __future__ import annotations

import gettext
import io
import os
import threading
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from faq_i18n.locales import catalog_dir_name

DOMAIN = "faq"
_lock = threading.Lock()


def default_locales_dir() -> Path:
    return Path(os.environ.get("KAKEHASHI_LOCALES_DIR", Path(__file__).parent.parent / "locales"))


@cache
def catalog(locale: str, locales_dir: Path | None = None) -> gettext.NullTranslations:
    """The compiled ``faq`` catalog of ``locale`` (a null one when there is none)."""
    directory = locales_dir or default_locales_dir()
    path = directory / catalog_dir_name(locale) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return gettext.NullTranslations()
    with _lock, path.open("rb") as handle:
        parsed = read_po(handle, locale=catalog_dir_name(locale), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, parsed, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
