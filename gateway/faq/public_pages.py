"""The buyer-facing FAQ pages: ``/faq/``, ``/faq/<locale>/``, ``/faq/<locale>/<slug>/`` and
``/faq/sitemap.xml``. Each page comes from the same :class:`faq_i18n.pages.FaqRenderer` call as
the static export (``kakehashi faq publish``), so both are byte for byte the same."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from faq_i18n.errors import UnknownLocaleError
from faq_i18n.locales import canonical_locale, negotiate_locale
from faq_i18n.pages import FaqRenderer
from gateway.db import SessionDep
from gateway.faq import config, repository

router = APIRouter(include_in_schema=False, tags=["faq pages"])

LOCALE_COOKIE = "kakehashi_faq_locale"
_INLINE = re.compile(r"<(script|style)(?: type=\"application/ld\+json\")?>(.*?)</\1>", re.S)
# Pages are public and change only when the FAQ does: let browsers and CDNs keep them briefly.
CACHE_CONTROL = "public, max-age=300"


def renderer(request: Request) -> FaqRenderer:
    """The renderer for this request: the configured public URL, else the request's origin."""
    base_url = config.public_base_url() or str(request.base_url)
    return FaqRenderer(config.site(base_url), locales_dir=config.locales_dir())


def content_security_policy(html: str) -> str:
    """Allow exactly the page's own inline style and script (by hash), nothing from elsewhere."""
    hashes: dict[str, list[str]] = {"style": [], "script": []}
    for kind, body in _INLINE.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes[kind].append(f"'sha256-{digest}'")
    return (
        "default-src 'none'; "
        f"style-src {' '.join(hashes['style']) or chr(39) + 'none' + chr(39)}; "
        f"script-src {' '.join(hashes['script']) or chr(39) + 'none' + chr(39)}; "
        "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def _page(html: str, locale: str | None = None, status_code: int = 200) -> HTMLResponse:
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Content-Security-Policy"] = content_security_policy(html)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Cache-Control"] = CACHE_CONTROL
    if locale is not None:
        # Remembered for /faq/: the buyer's last choice beats Accept-Language.
        response.set_cookie(LOCALE_COOKIE, locale, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _locale_or_redirect(
    request: Request, pages: FaqRenderer, raw: str, rest: str
) -> str | Response:
    """``raw`` as a published locale; a differently spelled tag (zh-hant, zh_TW) redirects to
    the canonical URL, an unknown one gets the chooser with 404."""
    try:
        locale = canonical_locale(raw)
    except UnknownLocaleError:
        locale = ""
    if locale not in pages.site.locales:
        return _page(pages.chooser_page(), status_code=404)
    if locale != raw:
        return RedirectResponse(pages.site.href(f"/faq/{locale}/{rest}"), status_code=301)
    return locale


@router.get("/faq/")
@router.get("/faq")
def faq_home(request: Request) -> Response:
    """Send the buyer to their language: earlier choice, then Accept-Language."""
    pages = renderer(request)
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in pages.site.locales:
        locale = chosen
    else:
        locale = negotiate_locale(
            request.headers.get("accept-language"), pages.site.locales, pages.site.default_locale
        )
    response = RedirectResponse(pages.site.href(pages.site.index_path(locale)), status_code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@router.get("/faq/languages/")
def faq_languages(request: Request) -> Response:
    """The language chooser itself (the static export's /faq/index.html)."""
    return _page(renderer(request).chooser_page())


@router.get("/faq/sitemap.xml")
def faq_sitemap(request: Request, session: SessionDep) -> Response:
    xml = renderer(request).sitemap(repository.items(session, published_only=True))
    return Response(
        xml,
        media_type="application/xml",
        headers={"Cache-Control": CACHE_CONTROL, "X-Content-Type-Options": "nosniff"},
    )


@router.get("/faq/{locale}")
def faq_locale_no_slash(request: Request, locale: str) -> Response:
    return RedirectResponse(renderer(request).site.href(f"/faq/{locale}/"), status_code=301)


@router.get("/faq/{locale}/")
def faq_locale_page(request: Request, session: SessionDep, locale: str) -> Response:
    pages = renderer(request)
    found = _locale_or_redirect(request, pages, locale, "")
    if isinstance(found, Response):
        return found
    html = pages.locale_page(repository.items(session, published_only=True), found)
    return _page(html, found)


@router.get("/faq/{locale}/{slug}")
def faq_entry_no_slash(request: Request, locale: str, slug: str) -> Response:
    return RedirectResponse(renderer(request).site.href(f"/faq/{locale}/{slug}/"), status_code=301)


@router.get("/faq/{locale}/{slug}/")
def faq_entry_page(request: Request, session: SessionDep, locale: str, slug: str) -> Response:
    pages = renderer(request)
    found = _locale_or_redirect(request, pages, locale, f"{slug}/")
    if isinstance(found, Response):
        return found
    items = repository.items(session, published_only=True)
    html = pages.entry_page(items, found, slug)
    if html is None:  # unpublished or unknown: the list, so the buyer finds another answer
        return _page(pages.locale_page(items, found), status_code=404)
    return _page(html, found)
