from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mail.ack import DEFAULT_LOCALES_DIR, catalog_locale, format_due, render_acknowledgement
from mail.errors import AcknowledgementError

REQUIRED = ["en", "zh_Hans", "zh_Hant", "ko", "th", "vi", "id", "es", "fr", "de", "pt", "ja"]
DUE = datetime(2024, 5, 1, 3, 0, tzinfo=UTC)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


@pytest.mark.parametrize("locale", REQUIRED)
def test_every_catalog_translates_every_message_with_the_same_placeholders(locale: str) -> None:
    path = DEFAULT_LOCALES_DIR / locale / "LC_MESSAGES" / "buyer.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    messages = [m for m in catalog if m.id]
    assert len(messages) >= 9
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{locale}: untranslated {ids[0]!r}"
        assert not message.fuzzy
        for string in strings:
            assert placeholders(str(string)) == placeholders(str(ids[0])), (locale, string)


@pytest.mark.parametrize(
    ("language", "zone", "subject_start", "due_text"),
    [
        (
            "zh-Hant",
            "Asia/Taipei",
            "我們已收到您的來信",
            "2024年5月1日 星期三 上午11:00 (GMT+08:00)",
        ),
        ("zh-Hans", "Asia/Shanghai", "我们已收到您的来信", "2024年5月1日星期三 11:00 (GMT+08:00)"),
        ("ko", "Asia/Seoul", "문의가 접수되었습니다", "2024년 5월 1일 수요일"),
        ("ja", "Asia/Tokyo", "お問い合わせを受け付けました", "2024年5月1日水曜日 12:00"),
        ("de", "Europe/Berlin", "Wir haben Ihre Nachricht erhalten", "Mittwoch, 1. Mai 2024"),
        (
            "en",
            "America/New_York",
            "We have received your message",
            "Tuesday, April 30, 2024, 11:00\u202fPM (GMT-04:00)",
        ),
        ("th", "Asia/Bangkok", "เราได้รับข้อความของคุณแล้ว", "(GMT+07:00)"),
        ("vi", "Asia/Ho_Chi_Minh", "Chúng tôi đã nhận được", "Thứ Tư"),
        ("id", "Asia/Jakarta", "Pesan Anda sudah kami terima", "Rabu"),
        ("es", "Europe/Madrid", "Hemos recibido su mensaje", "miércoles, 1 de mayo de 2024"),
        ("fr", "Europe/Paris", "Nous avons bien reçu votre message", "mercredi 1 mai 2024"),
        ("pt-BR", "America/Sao_Paulo", "Recebemos sua mensagem", "quarta-feira, 1 de maio"),
    ],
)
def test_acknowledgement_reads_in_the_buyers_language_and_time_zone(
    language: str, zone: str, subject_start: str, due_text: str
) -> None:
    ack = render_acknowledgement(
        language=language,
        shop_name="Sakura Tea",
        subject="A1029",
        target_hours=24,
        due_at=DUE,
        time_zone=zone,
        customer_name="Chen",
    )
    assert ack.subject.startswith(subject_start)
    assert "A1029" in ack.subject
    assert due_text in ack.text
    assert "24" in ack.text
    assert "Sakura Tea" in ack.text
    assert "%(" not in ack.text


def test_english_plural_and_missing_name() -> None:
    one = render_acknowledgement(
        language="en", shop_name="Sakura Tea", subject="", target_hours=1, due_at=DUE
    )
    assert "within 1 hour," in one.text
    assert one.text.startswith("Hello,\n")
    assert one.subject == "We have received your message"
    many = render_acknowledgement(
        language="fr", shop_name="S", subject="x", target_hours=24, due_at=DUE
    )
    assert "sous 24 heures" in many.text


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("zh-Hant", "zh_Hant"),
        ("zh-TW", "zh_Hant"),
        ("zh", "zh_Hans"),
        ("pt-BR", "pt"),
        ("de-AT", "de"),
        ("sw", "en"),
        ("und", "en"),
    ],
)
def test_catalog_choice_falls_back_sensibly(language: str, locale: str) -> None:
    assert catalog_locale(language) == locale


def test_bad_time_zone_and_naive_due_time_are_refused() -> None:
    with pytest.raises(AcknowledgementError, match="IANA"):
        format_due(DUE, locale="en", time_zone="Mars/Olympus")
    with pytest.raises(AcknowledgementError, match="timezone-aware"):
        format_due(datetime(2024, 5, 1), locale="en", time_zone="UTC")  # noqa: DTZ001


def test_an_installed_copy_reads_the_catalogs_named_by_kakehashi_locales_dir(
    tmp_path: Path,
) -> None:
    """The Docker image installs the code without the checkout's locales/ next to it."""
    copy = tmp_path / "locales"
    shutil.copytree(DEFAULT_LOCALES_DIR / "ko", copy / "ko")
    catalog = copy / "ko" / "LC_MESSAGES" / "buyer.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("문의가 접수되었습니다", "사본 카탈로그"),
        encoding="utf-8",
    )
    script = (
        "from datetime import datetime, UTC\n"
        "from mail.ack import render_acknowledgement\n"
        "ack = render_acknowledgement(language='ko', shop_name='S', subject='', target_hours=24,"
        " due_at=datetime(2026, 12, 2, tzinfo=UTC))\n"
        "print(ack.subject)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "KAKEHASHI_LOCALES_DIR": str(copy)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "사본 카탈로그" in result.stdout
