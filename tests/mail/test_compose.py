from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from mail.compose import (
    OutgoingMail,
    build_reply,
    make_message_id,
    reply_subject,
)
from mail.errors import ComposeError
from mail.loops import should_auto_acknowledge
from mail.parse import parse_mail
from tests.mail.conftest import SUPPORT, load

BUYER_ID = "<000001da9b8e$5c2f1a40$148d4ec0$@example.com>"


def reply_to_big5_buyer(**overrides: object) -> OutgoingMail:
    buyer = parse_mail(load("big5_outlook.eml"))
    values: dict[str, object] = {
        "from_address": SUPPORT,
        "from_name": "Sakura Tea Support",
        "to_address": buyer.sender_address,
        "to_name": buyer.sender_name,
        "subject": reply_subject(buyer.subject, tag="[#KH-7Q2M4XKDAA]"),
        "text": "陳先生您好：\n\n禮盒已於今天寄出。",
        "message_id": make_message_id("sakura-tea.example.jp"),
        "in_reply_to": buyer.message_id,
        "references": buyer.references,
        "language": "zh-Hant",
        "date": datetime(2024, 5, 2, 1, 0, tzinfo=UTC),
    }
    values.update(overrides)
    return OutgoingMail.from_message(build_reply(**values))  # type: ignore[arg-type]


def test_reply_threads_under_the_buyers_mail_with_an_encoded_subject() -> None:
    mail = reply_to_big5_buyer()
    head = mail.data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    assert b"Subject: Re: =?utf-8?" in head
    sent = message_from_bytes(mail.data, policy=policy.default)
    assert str(sent["Subject"]) == "Re: 訂單 #A1029 還沒有收到 [#KH-7Q2M4XKDAA]"
    assert str(sent["In-Reply-To"]) == BUYER_ID
    assert str(sent["References"]) == BUYER_ID
    assert str(sent["Content-Language"]) == "zh-Hant"
    assert sent["Auto-Submitted"] is None
    assert [p.get_content_type() for p in sent.iter_parts()] == ["text/plain", "text/html"]
    assert "禮盒已於今天寄出" in sent.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert mail.recipients == ("chen.dawen@example.com",)
    assert mail.mail_from == SUPPORT


def test_our_own_reply_coming_back_is_recognised_as_ours() -> None:
    parsed = parse_mail(reply_to_big5_buyer().data)
    decision = should_auto_acknowledge(parsed, our_addresses=[SUPPORT])
    assert "x-loop" in decision.reasons
    assert "from-our-address" in decision.reasons


def test_acknowledgement_is_marked_auto_replied() -> None:
    sent = message_from_bytes(reply_to_big5_buyer(acknowledgement=True).data, policy=policy.default)
    assert str(sent["Auto-Submitted"]) == "auto-replied"


@pytest.mark.parametrize(
    "evil",
    [
        "Order\r\nBcc: victim@example.org",
        "Order\nBcc: victim@example.org",
        "Order\rBcc: victim@example.org",
        "Order\u2028Bcc: victim@example.org",
        "Order\x00\x0bBcc: victim@example.org",
    ],
)
def test_buyer_input_cannot_create_a_header(evil: str) -> None:
    mail = reply_to_big5_buyer(subject=reply_subject(evil), to_name=evil)
    sent = message_from_bytes(mail.data, policy=policy.default)
    assert sent["Bcc"] is None
    assert b"\r\nBcc:" not in mail.data
    assert mail.recipients == ("chen.dawen@example.com",)
    assert str(sent["Subject"]) == "Re: Order Bcc: victim@example.org"


@pytest.mark.parametrize(
    "address",
    [
        "buyer@example.com\r\nBcc: x@example.org",
        "a b@example.com",
        "no-at-sign",
        "<buyer@example.com>",
        "buyer@example.com, other@example.com",
    ],
)
def test_bad_recipient_addresses_are_refused(address: str) -> None:
    with pytest.raises(ComposeError, match="not an e-mail address"):
        reply_to_big5_buyer(to_address=address)


def test_message_ids_are_unique_and_well_formed() -> None:
    ids = {make_message_id("sakura-tea.example.jp") for _ in range(200)}
    assert len(ids) == 200
    assert all(i.startswith("<") and i.endswith("@sakura-tea.example.jp>") for i in ids)
    with pytest.raises(ComposeError):
        make_message_id("bad domain\r\n")
    with pytest.raises(ComposeError):
        reply_to_big5_buyer(message_id="<x@y>\r\nBcc: z@example.org")


def test_long_reference_chains_keep_root_and_newest() -> None:
    refs = [f"<r{i}@example.com>" for i in range(40)]
    sent = message_from_bytes(reply_to_big5_buyer(references=refs).data, policy=policy.default)
    chain = str(sent["References"]).split()
    assert chain[0] == "<r0@example.com>"
    assert chain[-1] == BUYER_ID
    assert len(chain) == 20
