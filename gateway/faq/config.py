"""FAQ settings. Read from :class:`gateway.settings.Settings` once it has these fields, else
from the environment (``KAKEHASHI_FAQ_LOCALES``, ``KAKEHASHI_PUBLIC_URL``,
``KAKEHASHI_SHOP_NAME``), else the defaults."""

from __future__ import annotations

import os
from pathlib import Path

from faq_i18n.errors import UnknownLocaleError
from faq_i18n.locales import DEFAULT_TARGET_LOCALES, SOURCE_LOCALE, canonical_locale
from faq_i18n.pages import Site
from gateway.settings import get_settings


def _setting(name: str) -> object:
    value = getattr(get_settings(), name, None)
    if value in (None, "", []):
        value = os.environ.get(f"KAKEHASHI_{name.upper()}") or None
    return value


def target_locales() -> tuple[str, ...]:
    """Locales the FAQ is machine-translated into and published in (besides Japanese)."""
    value = _setting("faq_locales")
    if value is None:
        return DEFAULT_TARGET_LOCALES
    raw = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
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
    value = _setting("public_url")
    return str(value).rstrip("/") if value else None


def shop_name() -> str:
    value = _setting("shop_name")
    return str(value) if value else ""


def site(base_url: str) -> Site:
    """The published FAQ site at ``base_url``."""
    locales = published_locales()
    default = "en" if "en" in locales else locales[0]
    return Site(base_url=base_url, locales=locales, shop_name=shop_name(), default_locale=default)


def locales_dir() -> Path | None:
    value = os.environ.get("KAKEHASHI_LOCALES_DIR")
    return Path(value) if value else None
