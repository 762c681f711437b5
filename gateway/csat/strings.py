"""The survey's words in the buyer's language (domain ``buyer``; English where no catalog)."""

from __future__ import annotations

from dataclasses import dataclass

from babel.support import NullTranslations

from mail.ack import catalog_locale
from mail.ack import translations as buyer_translations
from translation.languages import ENGLISH, UNDETERMINED


@dataclass(frozen=True)
class SurveyText:
    locale: str
    subject: str
    text: str


def buyer_locale(language: str) -> str:
    """The buyer catalog for a conversation's language; English when unknown or missing."""
    return catalog_locale(ENGLISH if language in ("", UNDETERMINED) else language)


def translations_for(locale: str) -> NullTranslations:
    return buyer_translations(locale)


def survey_text(
    *, language: str, shop_name: str, customer_name: str, satisfied_url: str, unsatisfied_url: str
) -> SurveyText:
    locale = buyer_locale(language)
    _ = translations_for(locale).gettext
    greeting = (
        _("Hello %(name)s,") % {"name": customer_name.strip()}
        if customer_name.strip()
        else _("Hello,")
    )
    paragraphs = [
        greeting,
        _("We have marked your inquiry as resolved. How satisfied are you with our support?"),
        _("Satisfied") + ":\n" + satisfied_url,
        _("Not satisfied") + ":\n" + unsatisfied_url,
        _("One click is enough. You can add a comment on the page that opens, if you like."),
        _("Best regards,") + "\n" + _("The %(shop)s support team") % {"shop": shop_name},
    ]
    return SurveyText(
        locale=locale,
        subject=_("How did we do? %(shop)s support") % {"shop": shop_name},
        text="\n\n".join(paragraphs) + "\n",
    )
