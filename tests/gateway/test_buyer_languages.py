"""What a buyer receives in a language we have no catalog for: the words of a variant of their
language (pt-BR → pt) or else English, never Japanese, and dates formatted for their own locale."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from gateway.chat import strings
from gateway.settings import Settings, set_settings
from mail.ack import date_locale, render_acknowledgement

DUE = datetime(2024, 5, 1, 3, 0, tzinfo=UTC)
# Kana and the CJK ideographs: what a Japanese text would show.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
NO_CATALOG = ["pl", "nl", "tr", "sv", "uk", "el", "he", "hi", "cs", "da", "fa", "hu", "sw", "und"]


@pytest.mark.parametrize("language", NO_CATALOG)
def test_an_acknowledgement_without_a_catalog_is_english_never_japanese(language: str) -> None:
    ack = render_acknowledgement(
        language=language,
        shop_name="Sakura Kimono",
        subject="Order A-1001",
        target_hours=24,
        due_at=DUE,
        time_zone="Europe/Warsaw",
    )
    assert ack.locale == "en"
    assert ack.subject == "We have received your message: Order A-1001"
    assert "We aim to reply within 24 hours" in ack.text
    assert not JAPANESE.search(ack.text + ack.subject)


@pytest.mark.parametrize(
    ("language", "due_text"),
    [
        ("pl", "środa, 1 maja 2024"),
        ("nl", "woensdag 1 mei 2024"),
        ("tr", "1 Mayıs 2024 Çarşamba"),
        ("cs", "středa 1. května 2024"),
    ],
)
def test_the_due_time_is_written_the_buyers_way_even_in_english_words(
    language: str, due_text: str
) -> None:
    ack = render_acknowledgement(
        language=language,
        shop_name="Sakura Kimono",
        subject="",
        target_hours=24,
        due_at=DUE,
        time_zone="Europe/Warsaw",
    )
    assert ack.locale == "en"
    assert due_text in ack.text


def test_a_variant_uses_its_languages_catalog() -> None:
    ack = render_acknowledgement(
        language="pt-BR", shop_name="S", subject="", target_hours=24, due_at=DUE
    )
    assert ack.locale == "pt"
    assert ack.subject == "Recebemos sua mensagem"
    assert date_locale("pt-BR") == "pt_BR"
    assert date_locale("und") == "en"
    assert date_locale("zz-unknown", fallback="fr") == "fr"


@pytest.mark.parametrize("language", [*NO_CATALOG, "pl-PL", "fa-IR,he"])
def test_widget_words_without_a_catalog_are_english(language: str) -> None:
    locale = strings.resolve(language)
    assert locale.catalog == "en"
    words = strings.strings_for(locale)
    assert words["send"] == "Send"
    assert not any(JAPANESE.search(text) for text in words.values())


def test_widget_words_of_a_variant_come_from_its_language() -> None:
    assert strings.resolve("pt-BR").catalog == "pt"
    assert strings.resolve("es-MX").catalog == "es"
    assert strings.resolve("zh-HK").catalog == "zh_Hant"


def test_a_polish_chat_reads_english_words_and_a_polish_date(
    client: TestClient, settings: Settings
) -> None:
    set_settings(settings.model_copy(update={"chat_allowed_origins": ["http://shop.example"]}))
    try:
        response = client.post(
            "/api/v1/chat/conversations",
            json={
                "text": "Dzień dobry, gdzie jest moje zamówienie? Bardzo proszę o odpowiedź.",
                "locale": "pl-PL",
                "time_zone": "Europe/Warsaw",
            },
            headers={"Origin": "http://shop.example"},
        )
    finally:
        set_settings(settings)
    assert response.status_code == 201, response.text
    conversation = response.json()["conversation"]
    assert conversation["locale"] == "en"
    expected = conversation["expected_reply"]["text"]
    assert "We" in expected
    assert not JAPANESE.search(expected)
    polish_days = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
    assert any(day in expected for day in polish_days), expected
