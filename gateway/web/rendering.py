"""Jinja2 for the agent pages: autoescaped, gettext from gateway.i18n, Japanese formatting."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_timedelta
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from gateway.i18n import _, get_locale, ngettext
from gateway.models import utcnow
from gateway.settings import OTHER_LANGUAGES
from translation.languages import display_name

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
SHOP_TIME_ZONE = ZoneInfo("Asia/Tokyo")


def language_name(tag: str) -> str:
    """A language's name for the agent (the fallback queue's key ``other`` included)."""
    if tag == "und":
        return _("Unknown language")
    if tag == OTHER_LANGUAGES:
        return _("All other languages")
    try:
        return display_name(tag, in_language=get_locale())
    except ValueError:
        return tag


def local_time(value: datetime | None) -> str:
    """``11/24 18:30`` in the shop's time zone (with the year when it is not this year)."""
    if value is None:
        return ""
    local = value.astimezone(SHOP_TIME_ZONE)
    now = utcnow().astimezone(SHOP_TIME_ZONE)
    pattern = "M/d HH:mm" if local.year == now.year else "yyyy/M/d HH:mm"
    return format_datetime(local, pattern, locale=get_locale().replace("-", "_"))


def full_time(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(SHOP_TIME_ZONE)
    return format_datetime(local, "yyyy/MM/dd HH:mm", locale="en") + " JST"


def ago(value: datetime | None) -> str:
    if value is None:
        return ""
    delta = value - utcnow()
    if abs(delta) < timedelta(minutes=1):
        return _("just now")
    return format_timedelta(
        delta, add_direction=True, format="short", locale=get_locale().replace("-", "_")
    )


def duration(value: timedelta) -> str:
    """``5時間12分`` / ``2日3時間``: precise enough to act on, short enough for a list."""
    minutes = int(abs(value).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(days)dd %(hours)dh") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)dh %(minutes)dm") % {"hours": hours, "minutes": mins}
    return _("%(minutes)dm") % {"minutes": mins}


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def initials(name: str) -> str:
    name = name.strip()
    if not name:
        return "?"
    parts = name.split()
    if len(parts) > 1 and parts[0].isascii():
        return (parts[0][0] + parts[1][0]).upper()
    return name[:1].upper()


def avatar_hue(seed: str) -> int:
    return int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) % 8


@cache
def static_version() -> str:
    """Changes when any static file changes, so browsers never run a stale script."""
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.iterdir()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


#: Explicit embeddings, overrides and isolates (Unicode bidi): buyer text must not use them to
#: reorder what is shown around or inside it ("readme\u202egnp.exe" shown as "readmeexe.png").
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def bdi(value: str | None) -> Markup:
    """A buyer-supplied name isolated from the text around it (``<bdi>``), its own direction
    controls removed (an isolate still lets an override reverse the name itself)."""
    return Markup("<bdi>%s</bdi>") % (value or "").translate(_BIDI_CONTROLS)


def saved_filename(filename: str) -> str:
    """The name a file is saved under: no control or format characters (bidi overrides
    included), no path or quote characters. Pages show exactly this name, so what an agent
    reads is what lands on their disk."""
    cleaned = "".join(ch for ch in filename if ch.isprintable() and ch not in '\\/"').strip()
    return cleaned or "file"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=True
    )
    env.filters.update(
        language_name=language_name,
        local_time=local_time,
        full_time=full_time,
        ago=ago,
        duration=duration,
        file_size=file_size,
        initials=initials,
        avatar_hue=avatar_hue,
        bdi=bdi,
        saved_filename=saved_filename,
    )
    env.globals.update(static_version=static_version, language_name=language_name)
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("current", None)
    context.setdefault("csrf_token", "")
    html = environment().get_template(name).render(request=request, locale=get_locale(), **context)
    return HTMLResponse(html, status_code=status_code)


def render_error(request: Request, status_code: int, title: str, detail: str) -> HTMLResponse:
    return render(request, "error.html", status_code, title=title, detail=detail)
