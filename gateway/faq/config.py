"""FAQ settings, from :class:`gateway.settings.Settings` (``KAKEHASHI_FAQ_LOCALES``,
``KAKEHASHI_PUBLIC_URL``, ``KAKEHASHI_SHOP_NAME``)."""

from __future__ import annotations

from pathlib import Path

from faq_i18n.errors import UnknownLocaleError
from faq_i18n.locales import DEFAULT_TARGET_LOCALES, SOURCE_LOCALE, canonical_locale
from faq_i18n.pages import Site
from gateway.i18n import LOCALES_DIR
from gateway.settings import get_settings


def target_locales() -> tuple[str, ...]:
    """Locales the FAQ is machine-translated into and published in (besides Japanese)."""
    raw = get_settings().faq_locales
    if not raw:
        return DEFAULT_TARGET_LOCALES
    tags: list[str] = []
    for part in raw:
        if str(part).strip():
            try:
                tag = canonical_locale(str(part))
            except UnknownLocaleError as exc:
                raise UnknownLocaleError(f"KAKEHASHI_FAQ_LOCALES: {exc}") from exc
            if tag != SOURCE_LOCALE and tag not in tags:
                tags.append(tag)
    return tuple(tags)


def published_locales() -> tuple[str, ...]:
    """Japanese first, then the target locales: the public pages' language menu."""
    return (SOURCE_LOCALE, *target_locales())


def public_base_url() -> str | None:
    """The public origin of the FAQ pages (``KAKEHASHI_PUBLIC_URL``), if configured."""
    value = get_settings().public_url
    return value.rstrip("/") if value else None


def shop_name() -> str:
    return get_settings().shop_name


def site(base_url: str) -> Site:
    """The published FAQ site at ``base_url``."""
    locales = published_locales()
    default = "en" if "en" in locales else locales[0]
    return Site(base_url=base_url, locales=locales, shop_name=shop_name(), default_locale=default)


def locales_dir() -> Path:
    return LOCALES_DIR
