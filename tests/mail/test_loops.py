from __future__ import annotations

import pytest

from mail.loops import should_auto_acknowledge, within_ack_rate
from mail.parse import parse_mail
from tests.mail.conftest import SUPPORT, load

OURS = [SUPPORT]
OUR_ID = "<1714521600.4f2a9c0e7b1d5a3c@sakura-tea.example.jp>"
OUR_ID_2 = "<1714608000.9e8d7c6b5a4f3e2d@sakura-tea.example.jp>"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("auto_reply_auto_submitted.eml", "auto-submitted:auto-replied"),
        ("auto_reply_x_autoreply.eml", "x-autoreply"),
        ("auto_reply_exchange_oof.eml", "x-auto-response-suppress"),
        ("list_mail.eml", "list-id"),
        ("list_mail.eml", "precedence:list"),
        ("bulk_newsletter.eml", "precedence:bulk"),
        ("x_loop_ours.eml", "x-loop"),
        ("from_our_address.eml", "from-our-address"),
        ("bounce_dsn_postfix.eml", "bounce"),
        ("bounce_plain_qmail.eml", "null-return-path"),
        ("read_receipt_mdn.eml", "null-return-path"),
        ("no_from_header.eml", "no-sender"),
    ],
)
def test_robots_and_lists_never_get_an_acknowledgement(name: str, reason: str) -> None:
    decision = should_auto_acknowledge(parse_mail(load(name)), our_addresses=OURS)
    assert not decision
    assert reason in decision.reasons


@pytest.mark.parametrize(
    "name",
    [
        "big5_outlook.eml",
        "iso2022jp_no_charset.eml",
        "gmail_reply_quoted.eml",
        "ks_c_5601_outlook.eml",
        "html_only.eml",
    ],
)
def test_people_get_an_acknowledgement(name: str) -> None:
    decision = should_auto_acknowledge(parse_mail(load(name)), our_addresses=OURS)
    assert decision
    assert decision.reasons == ()


def test_auto_submitted_no_is_a_person() -> None:
    raw = load("big5_outlook.eml").replace(b"MIME-Version", b"Auto-Submitted: no\r\nMIME-Version")
    assert should_auto_acknowledge(parse_mail(raw), our_addresses=OURS)


@pytest.mark.parametrize(
    ("name", "action", "reported", "recipient"),
    [
        ("bounce_dsn_postfix.eml", "failed", OUR_ID, "nobody@example.com"),
        ("bounce_dsn_headers_only.eml", "failed", OUR_ID_2, "sophie.old@example.fr"),
        ("bounce_delayed.eml", "delayed", OUR_ID, "slow@example.com"),
        ("bounce_plain_qmail.eml", "failed", OUR_ID_2, None),
    ],
)
def test_bounces_name_the_outbound_mail_they_report(
    name: str, action: str, reported: str, recipient: str | None
) -> None:
    parsed = parse_mail(load(name))
    assert parsed.bounce is not None
    assert parsed.bounce.action == action
    assert parsed.bounce.is_failure == (action == "failed")
    assert parsed.bounce.reported_message_ids == (reported,)
    if recipient:
        assert recipient in parsed.bounce.recipients


def test_postfix_bounce_carries_status_and_diagnostic_for_the_agent() -> None:
    bounce = parse_mail(load("bounce_dsn_postfix.eml")).bounce
    assert bounce is not None
    assert bounce.status == "5.1.1"
    assert bounce.diagnostic is not None
    assert "User unknown in local recipient table" in bounce.diagnostic


@pytest.mark.parametrize(
    "name", ["read_receipt_mdn.eml", "auto_reply_auto_submitted.eml", "big5_outlook.eml"]
)
def test_read_receipts_and_auto_replies_are_not_bounces(name: str) -> None:
    assert parse_mail(load(name)).bounce is None


def test_acknowledgements_per_sender_are_capped_per_hour() -> None:
    assert within_ack_rate(0)
    assert within_ack_rate(2, per_hour=3)
    assert not within_ack_rate(3, per_hour=3)
