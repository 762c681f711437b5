"""Checks shared by the import formats."""

from __future__ import annotations

import re

from faq_i18n.entries import Status
from faq_i18n.errors import FaqFormatError, UnknownLocaleError
from faq_i18n.locales import canonical_locale

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


def check_slug(slug: object, where: str) -> str:
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise FaqFormatError(
            f"{where}: slug {slug!r} must be 1-100 lowercase letters, digits, '-' or '_' "
            "(it becomes part of the page URL)"
        )
    return slug


def check_locale(tag: object, where: str) -> str:
    if not isinstance(tag, str):
        raise FaqFormatError(f"{where}: locale keys must be strings such as 'en' or 'zh-Hant'")
    try:
        return canonical_locale(tag)
    except UnknownLocaleError as exc:
        raise FaqFormatError(f"{where}: {exc}") from exc


def check_status(value: object, where: str) -> Status:
    try:
        return Status(str(value).strip().lower())
    except ValueError:
        raise FaqFormatError(
            f"{where}: status {value!r} must be one of machine, reviewed, stale"
        ) from None


def parse_bool(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "1", "true", "yes", "y"):
        return True
    if text in ("0", "false", "no", "n"):
        return False
    raise FaqFormatError(f"{where}: 'published' must be yes or no, not {value!r}")


def parse_order(value: object, where: str, default: int = 0) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise FaqFormatError(f"{where}: 'order' must be a whole number")
    try:
        return int(str(value).strip())
    except ValueError:
        raise FaqFormatError(f"{where}: 'order' must be a whole number, not {value!r}") from None
