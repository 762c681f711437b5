"""Automatic acknowledgements in the buyer's language: "we have your message, we will answer
within N hours, by <time in your time zone>".

Texts live in gettext catalogs ``locales/<locale>/LC_MESSAGES/buyer.po`` (domain ``buyer``),
read straight from the .po files (compiled in memory, so no .mo files need to be committed or
built). Dates are formatted with Babel in the buyer's locale and time zone. Whether a queue
sends acknowledgements at all is a queue setting the gateway checks, together with
:func:`mail.loops.should_auto_acknowledge` and :func:`mail.loops.within_ack_rate`.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_timezone_gmt
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from mail.errors import AcknowledgementError

DOMAIN = "buyer"
# The checkout's catalogs; an installed copy (the Docker image) names them in KAKEHASHI_LOCALES_DIR,
# the same variable the agent UI's catalogs follow.
DEFAULT_LOCALES_DIR = Path(
    os.environ.get("KAKEHASHI_LOCALES_DIR") or Path(__file__).resolve().parent.parent / "locales"
)
FALLBACK_LOCALE = "en"

# BCP 47 tags (as stored) → catalog directory names (Babel/gettext spelling).
_CATALOG_FOR = {
    "zh-hans": "zh_Hans",
    "zh-hant": "zh_Hant",
    "zh": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh-sg": "zh_Hans",
    "zh-tw": "zh_Hant",
    "zh-hk": "zh_Hant",
    "zh-mo": "zh_Hant",
    "pt-br": "pt",
    "pt-pt": "pt",
    "in": "id",
}


@dataclass(frozen=True)
class Acknowledgement:
    """Subject and plain-text body of an acknowledgement, and the locale they are written in."""

    locale: str
    subject: str
    text: str


def catalog_locale(language: str, *, locales_dir: Path = DEFAULT_LOCALES_DIR) -> str:
    """The catalog to use for a BCP 47 tag: exact, then the primary language, then English."""
    tag = language.strip().replace("_", "-").lower()
    available = {path.name.lower(): path.name for path in _catalog_dirs(locales_dir)}
    for candidate in (_CATALOG_FOR.get(tag), tag.replace("-", "_"), tag.split("-")[0]):
        if candidate and candidate.lower() in available:
            return available[candidate.lower()]
    return FALLBACK_LOCALE


def date_locale(language: str, *, fallback: str = FALLBACK_LOCALE) -> str:
    """The Babel locale a buyer writing ``language`` reads dates in (``pl`` → ``pl``,
    ``zh-Hant`` → ``zh_Hant``), whether or not we have a catalog for their language; dates are
    always formatted the buyer's way even when the words around them fall back to English."""
    tag = language.strip().replace("-", "_")
    if not tag or tag.lower() == "und":
        return fallback
    try:
        return str(Locale.parse(tag))
    except (UnknownLocaleError, ValueError):
        return fallback


def _catalog_dirs(locales_dir: Path) -> list[Path]:
    return (
        [
            path
            for path in locales_dir.iterdir()
            if (path / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
        ]
        if locales_dir.is_dir()
        else []
    )


@lru_cache(maxsize=64)
def translations(locale: str, locales_dir: Path = DEFAULT_LOCALES_DIR) -> NullTranslations:
    """The ``buyer`` catalog for ``locale``, compiled in memory from its .po file."""
    po_path = locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def format_due(due_at: datetime, *, locale: str, time_zone: str) -> str:
    """``due_at`` as the buyer reads it: full date, short time, GMT offset, in their zone."""
    if due_at.tzinfo is None:
        raise AcknowledgementError("due_at must be timezone-aware (UTC)")
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise AcknowledgementError(
            f"unknown time zone {time_zone!r}: use an IANA name such as 'Asia/Taipei'"
        ) from error
    local = due_at.astimezone(zone)
    babel_locale = Locale.parse(locale)
    date_text = format_date(local, "full", locale=babel_locale)
    time_text = format_time(local, "short", locale=babel_locale)
    pattern = str(babel_locale.datetime_formats.get("full", "{1} {0}")).replace("'", "")
    offset = get_timezone_gmt(local, locale=babel_locale)
    return f"{pattern.format(time_text, date_text)} ({offset})"


def render_acknowledgement(
    *,
    language: str,
    shop_name: str,
    subject: str,
    target_hours: int,
    due_at: datetime,
    time_zone: str = "UTC",
    customer_name: str = "",
    locales_dir: Path = DEFAULT_LOCALES_DIR,
) -> Acknowledgement:
    """An acknowledgement in the buyer's language (a variant of it, else English, when we have
    no catalog for it; never Japanese unless the buyer writes Japanese), the due time formatted
    for the buyer's own locale.

    ``target_hours`` is the queue's response target; ``due_at`` the time the SLA clock says
    the reply is due (the gateway computes it, business hours included).
    """
    locale = catalog_locale(language, locales_dir=locales_dir)
    t = translations(locale, locales_dir)
    _ = t.gettext
    due = format_due(due_at, locale=date_locale(language, fallback=locale), time_zone=time_zone)
    if subject.strip():
        title = _("We have received your message: %(subject)s") % {"subject": subject.strip()}
    else:
        title = _("We have received your message")
    greeting = (
        _("Hello %(name)s,") % {"name": customer_name.strip()}
        if customer_name.strip()
        else _("Hello,")
    )
    paragraphs = [
        greeting,
        _(
            "Thank you for contacting %(shop)s. We have received your message, and a member of "
            "our team will read it and reply to you personally."
        )
        % {"shop": shop_name},
        t.ngettext(
            "We aim to reply within %(hours)s hour, by %(due)s at the latest.",
            "We aim to reply within %(hours)s hours, by %(due)s at the latest.",
            target_hours,
        )
        % {"hours": target_hours, "due": due},
        _(
            "There is no need to send your message again. If you would like to add anything, "
            "simply reply to this email."
        ),
        _("Best regards,") + "\n" + _("The %(shop)s support team") % {"shop": shop_name},
        "-- \n" + _("This email was sent automatically to confirm that we received your message."),
    ]
    return Acknowledgement(locale=locale, subject=title, text="\n\n".join(paragraphs) + "\n")
