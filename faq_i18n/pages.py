"""The public FAQ pages, rendered from plain data: served live by ``gateway.faq`` and written
as files by :mod:`faq_i18n.export` from the same functions, so both are byte for byte the same.

URL layout under ``Site.base_url`` (static-host friendly: every page is a folder's index.html):

- ``/faq/``                    language chooser (served: redirects by Accept-Language)
- ``/faq/<locale>/``           every published entry by category, with in-page search
- ``/faq/<locale>/<slug>/``    one entry
- ``/faq/sitemap.xml``         every page with its hreflang alternates

In each locale an entry shows its current translation (marked "machine translated" unless a
person reviewed it), or else the Japanese original: a translation of older Japanese text is
never shown as if current.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from faq_i18n.chrome import catalog
from faq_i18n.entries import FaqItem, Status
from faq_i18n.errors import UnknownLocaleError
from faq_i18n.locales import SOURCE_LOCALE, autonym
from faq_i18n.workflow import is_current

FAQ_PATH = "/faq/"


@dataclass(frozen=True)
class Site:
    """Where and in which locales the FAQ is published.

    ``base_url`` is the public origin (and path prefix) of the shop's help pages, e.g.
    ``https://help.example.jp``; canonical and hreflang URLs are absolute, as search engines
    want. ``locales`` lists the published locales in menu order (``ja`` included).
    """

    base_url: str
    locales: tuple[str, ...]
    shop_name: str = ""
    default_locale: str = "en"

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))

    def index_path(self, locale: str) -> str:
        return f"{FAQ_PATH}{locale}/"

    def entry_path(self, locale: str, slug: str) -> str:
        return f"{FAQ_PATH}{locale}/{slug}/"

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (canonical, hreflang, sitemap)."""
        return self.base_url + path

    def href(self, path: str) -> str:
        """Link target for ``path`` inside the pages: works when the FAQ lives under a prefix
        (``https://example.jp/help`` → ``/help/faq/en/``) and on any static host."""
        return urlsplit(self.base_url).path.rstrip("/") + path


@dataclass(frozen=True)
class ShownEntry:
    """An entry as one locale's page shows it."""

    slug: str
    category: str
    question: str
    answer: str
    lang: str  # the language of question/answer as shown (the page's, or ja as a fallback)
    machine: bool  # a translation no person has reviewed
    fallback: bool  # no current translation: the Japanese original is shown
    original_question: str
    original_answer: str

    @property
    def paragraphs(self) -> list[str]:
        return _paragraphs(self.answer)

    @property
    def original_paragraphs(self) -> list[str]:
        return _paragraphs(self.original_answer)


@dataclass
class Category:
    name: str  # the shop's (Japanese) name, the anchor key
    label: str  # as shown in the page's locale
    anchor: str
    entries: list[ShownEntry] = field(default_factory=list)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def shown_entry(item: FaqItem, locale: str) -> ShownEntry:
    """What ``locale``'s page shows for ``item``."""
    translation = item.translations.get(locale)
    if (
        locale == SOURCE_LOCALE
        or translation is None
        or not is_current(translation, item.source_hash)
    ):
        return ShownEntry(
            slug=item.slug,
            category=item.category,
            question=item.question,
            answer=item.answer,
            lang=SOURCE_LOCALE,
            machine=False,
            fallback=locale != SOURCE_LOCALE,
            original_question=item.question,
            original_answer=item.answer,
        )
    return ShownEntry(
        slug=item.slug,
        category=item.category,
        question=translation.question,
        answer=translation.answer,
        lang=locale,
        machine=translation.status != Status.REVIEWED,
        fallback=False,
        original_question=item.question,
        original_answer=item.answer,
    )


def published(items: Sequence[FaqItem]) -> list[FaqItem]:
    """Published entries in display order (by position, then slug)."""
    return sorted((i for i in items if i.published), key=lambda i: (i.position, i.slug))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("faq_i18n", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # JSON-LD stays readable in every script; tojson still escapes <, >, & and '.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env


_ENV = _environment()


class FaqRenderer:
    """Renders every public FAQ page of one :class:`Site`."""

    def __init__(self, site: Site, *, locales_dir: Path | None = None) -> None:
        self.site = site
        self.locales_dir = locales_dir

    def _chrome(self, locale: str) -> gettext.NullTranslations:
        return catalog(locale, self.locales_dir)

    def check_locale(self, locale: str) -> None:
        if locale not in self.site.locales:
            raise UnknownLocaleError(
                f"the FAQ is not published in '{locale}' "
                f"(published: {', '.join(self.site.locales)})"
            )

    def _context(self, locale: str, path: str, alternate_paths: dict[str, str]) -> dict[str, Any]:
        chrome = self._chrome(locale)

        def category_label(name: str) -> str:
            label = chrome.pgettext("category", name) if name else ""
            return label

        return {
            "_": chrome.gettext,
            "category_label": category_label,
            "site": self.site,
            "locale": locale,
            "canonical": self.site.url(path),
            "alternates": [
                (loc, self.site.url(p), autonym(loc)) for loc, p in alternate_paths.items()
            ],
            "x_default": self.site.url(FAQ_PATH),
            "languages": [
                (loc, self.site.href(alternate_paths[loc]), autonym(loc))
                for loc in self.site.locales
            ],
            "index_path": self.site.href(self.site.index_path(locale)),
        }

    def locale_page(self, items: Sequence[FaqItem], locale: str) -> str:
        """``/faq/<locale>/``: all published entries grouped by category, searchable."""
        self.check_locale(locale)
        context = self._context(
            locale,
            self.site.index_path(locale),
            {loc: self.site.index_path(loc) for loc in self.site.locales},
        )
        categories: dict[str, Category] = {}
        for item in published(items):
            if item.category not in categories:
                anchor = f"c{len(categories) + 1}"
                label = context["category_label"](item.category)
                categories[item.category] = Category(item.category, label, anchor)
            categories[item.category].entries.append(shown_entry(item, locale))
        entries = [e for c in categories.values() for e in c.entries]
        context |= {
            "categories": list(categories.values()),
            "json_ld": _faq_page_json_ld(entries, locale, context["canonical"]),
            "any_machine": any(e.machine for e in entries),
        }
        return _ENV.get_template("faq_index.html").render(context)

    def entry_page(self, items: Sequence[FaqItem], locale: str, slug: str) -> str | None:
        """``/faq/<locale>/<slug>/``, or ``None`` when no published entry has that slug."""
        self.check_locale(locale)
        item = next((i for i in published(items) if i.slug == slug), None)
        if item is None:
            return None
        context = self._context(
            locale,
            self.site.entry_path(locale, slug),
            {loc: self.site.entry_path(loc, slug) for loc in self.site.locales},
        )
        entry = shown_entry(item, locale)
        context |= {
            "entry": entry,
            "category": Category(item.category, context["category_label"](item.category), ""),
            "json_ld": _faq_page_json_ld([entry], locale, context["canonical"]),
        }
        return _ENV.get_template("faq_entry.html").render(context)

    def chooser_page(self) -> str:
        """``/faq/``: the language chooser (what x-default points to)."""
        locale = self.site.default_locale
        context = self._context(
            locale, FAQ_PATH, {loc: self.site.index_path(loc) for loc in self.site.locales}
        )
        context["choices"] = [
            (
                loc,
                self.site.href(self.site.index_path(loc)),
                autonym(loc),
                self._chrome(loc).gettext("Frequently asked questions"),
            )
            for loc in self.site.locales
        ]
        return _ENV.get_template("faq_chooser.html").render(context)

    def sitemap(self, items: Sequence[FaqItem]) -> str:
        """``/faq/sitemap.xml`` with hreflang alternates (sitemaps.org + xhtml:link)."""
        groups = [[(loc, self.site.url(self.site.index_path(loc))) for loc in self.site.locales]]
        for item in published(items):
            groups.append(
                [
                    (loc, self.site.url(self.site.entry_path(loc, item.slug)))
                    for loc in self.site.locales
                ]
            )
        return _ENV.get_template("sitemap.xml").render(
            groups=groups, x_default=self.site.url(FAQ_PATH)
        )

    def site_files(self, items: Sequence[FaqItem]) -> dict[str, str]:
        """Every page as ``{relative file path: content}``, for a static host."""
        chooser = self.chooser_page()
        files = {
            "faq/index.html": chooser,
            "faq/languages/index.html": chooser,
            "faq/sitemap.xml": self.sitemap(items),
        }
        for locale in self.site.locales:
            files[f"faq/{locale}/index.html"] = self.locale_page(items, locale)
            for item in published(items):
                page = self.entry_page(items, locale, item.slug)
                if page is not None:
                    files[f"faq/{locale}/{item.slug}/index.html"] = page
        return files


def _faq_page_json_ld(entries: Sequence[ShownEntry], locale: str, url: str) -> dict[str, Any]:
    """schema.org FAQPage with the questions and answers exactly as the page shows them."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "inLanguage": locale,
        "mainEntity": [
            {
                "@type": "Question",
                "name": e.question,
                "inLanguage": e.lang,
                "acceptedAnswer": {"@type": "Answer", "text": e.answer, "inLanguage": e.lang},
            }
            for e in entries
        ],
    }
