"""The widget's words, in the buyer's language, from the buyer catalogs (domain ``buyer``).

The widget script holds no text of its own: it asks ``GET /api/v1/chat/strings?locale=…`` and
gets these, translated. They are marked with :func:`N_` so ``make locales`` extracts them;
the translations live in ``locales/<locale>/LC_MESSAGES/buyer.po``. ``%(name)s`` placeholders
are filled in by the widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

from faq_i18n.locales import autonym, canonical_locale
from mail.ack import DEFAULT_LOCALES_DIR, DOMAIN, FALLBACK_LOCALE, catalog_locale
from mail.ack import translations as buyer_translations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated when the widget asks for it."""
    return message


WIDGET_STRINGS: dict[str, str] = {
    "open": N_("Chat with us"),
    "open_unread": N_("Chat with us: new reply"),
    "title": N_("Customer support"),
    "close": N_("Close the chat"),
    "language": N_("Language"),
    "intro": N_("Ask us anything about your order. Our team will answer in your language."),
    "message_label": N_("Your message"),
    "placeholder": N_("Type your question…"),
    "send": N_("Send"),
    "sending": N_("Sending…"),
    "faq_heading": N_("These answers may help"),
    "faq_still": N_("Not what you were looking for? Send your message and our team will reply."),
    "you": N_("You"),
    "team": N_("Support team"),
    "automatic": N_("Automatic answer from our FAQ"),
    "email_prompt": N_("Leave your e-mail address and we will also send our answer there."),
    "email_label": N_("E-mail address"),
    "email_save": N_("Also send by e-mail"),
    "email_saved": N_("Thank you. We will also send our answers to %(email)s."),
    "email_invalid": N_("Please enter a valid e-mail address."),
    "rate_limited": N_(
        "You are sending messages a little too quickly. "
        "Please wait %(seconds)s seconds and try again."
    ),
    "too_long": N_("Your message is too long. Please keep it under %(limit)s characters."),
    "empty": N_("Please write your message first."),
    "reconnecting": N_("Connection lost. Reconnecting…"),
    "error": N_("Something went wrong. Please try again in a moment."),
    "ended": N_("This conversation has ended. Send a message to start a new one."),
}

RIGHT_TO_LEFT = "right-to-left"


@dataclass(frozen=True)
class WidgetLocale:
    tag: str  # BCP 47, e.g. "zh-Hant"
    catalog: str  # the catalog folder, e.g. "zh_Hant"
    direction: str  # "ltr" or "rtl"


def tag_of(catalog: str) -> str:
    return canonical_locale(catalog)


@cache
def available_locales() -> tuple[str, ...]:
    """The locales the widget speaks (those with a buyer catalog), as BCP 47 tags."""
    catalogs = DEFAULT_LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    folders = sorted(path.parents[1].name for path in catalogs)
    return tuple(tag_of(folder) for folder in folders)


def direction_of(catalog: str) -> str:
    try:
        order = Locale.parse(catalog).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == RIGHT_TO_LEFT else "ltr"


def resolve(requested: str | None) -> WidgetLocale:
    """The widget locale for the browser's languages, best first (``navigator.languages``
    joined with commas): ``ko-KR`` → ko, ``zh-TW`` → zh-Hant, ``sw,fr-CA`` → fr; English when we
    have a catalog for none of them."""
    for candidate in (requested or "").split(",")[:10]:
        tag = candidate.strip()
        if not tag:
            continue
        catalog = catalog_locale(tag)
        if catalog != FALLBACK_LOCALE or tag.lower().split("-")[0] == FALLBACK_LOCALE:
            return WidgetLocale(tag_of(catalog), catalog, direction_of(catalog))
    return WidgetLocale(tag_of(FALLBACK_LOCALE), FALLBACK_LOCALE, "ltr")


def strings_for(locale: WidgetLocale) -> dict[str, str]:
    translations = buyer_translations(locale.catalog)
    return {key: translations.gettext(message) for key, message in WIDGET_STRINGS.items()}


def language_menu() -> list[tuple[str, str]]:
    """``(tag, name in its own language)`` for the switcher."""
    return [(tag, autonym(tag)) for tag in available_locales()]
