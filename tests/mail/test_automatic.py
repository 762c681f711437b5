"""Automatic mail is recognised before it becomes a conversation; people's mail never is.

The corpus in ``fixtures/automatic`` (written by ``make_automatic_fixtures.py``) holds real
shapes from several clients and languages; the table below is the outcome each must get.
"""

from __future__ import annotations

import pytest

from mail.automatic import (
    AUTO_RESPONSE_SUPPRESS,
    AUTO_SUBMITTED,
    AUTOREPLY_HEADER,
    MAILING_LIST,
    NULL_SENDER,
    OUR_ADDRESS,
    OUT_OF_OFFICE,
    PRECEDENCE,
    READ_RECEIPT,
    REASONS,
    ROBOT_SENDER,
    X_LOOP,
    classify_automatic,
    is_our_message_id,
    out_of_office_subject,
)
from mail.loops import should_auto_acknowledge
from mail.parse import parse_mail
from tests.mail.conftest import FIXTURES, SUPPORT, load
from tests.mail.make_automatic_fixtures import OUR_ACK, corpus

OURS = [SUPPORT]

# file → the reason it is held for (None: a person wrote it and it opens a conversation),
# and whether a new conversation from it is acknowledged.
CORPUS: list[tuple[str, str | None, bool]] = [
    # the six cases of issue 16
    ("gmail_vacation_auto_submitted.eml", AUTO_SUBMITTED, False),
    ("vacation_x_autoreply_es.eml", AUTOREPLY_HEADER, False),
    ("groupware_fuzai_iso2022jp.eml", OUT_OF_OFFICE, False),
    ("mailing_list_digest.eml", MAILING_LIST, False),
    ("our_ack_forwarded_back.eml", OUR_ADDRESS, False),
    ("x_loop_auto_forwarder.eml", X_LOOP, False),
    # other clients and languages
    ("exchange_oof_auto_generated.eml", AUTO_SUBMITTED, False),
    ("exchange_oof_suppress_only_nl.eml", AUTO_RESPONSE_SUPPRESS, False),
    ("outlook_jidou_outou_ja.eml", AUTO_RESPONSE_SUPPRESS, False),
    ("thunderbird_template_de.eml", OUT_OF_OFFICE, False),
    ("sieve_auto_prefix_fi.eml", AUTOREPLY_HEADER, False),
    ("qq_zidong_huifu_zh.eml", OUT_OF_OFFICE, False),
    ("precedence_auto_reply_zh_hant.eml", PRECEDENCE, False),
    ("naver_jadong_eungdap_ko.eml", OUT_OF_OFFICE, False),
    ("italian_x_autorespond.eml", AUTOREPLY_HEADER, False),
    ("portuguese_auto_submitted.eml", AUTO_SUBMITTED, False),
    ("yandex_avtootvet_ru.eml", OUT_OF_OFFICE, False),
    ("mailer_daemon_warning.eml", ROBOT_SENDER, False),
    # genuine inquiries that only look automatic
    ("genuine_subject_auto_reply_product.eml", None, True),
    ("genuine_mail_merge_bulk.eml", None, False),  # Precedence: bulk: no acknowledgement
    ("genuine_fuzaihyou_ja.eml", None, True),
    ("genuine_reply_away_next_week.eml", None, True),
    ("genuine_mentions_our_auto_reply_zh.eml", None, True),
    ("genuine_outlook_new_mail_suppress.eml", None, False),
    ("genuine_subject_respuesta_automatica_es.eml", None, True),
]


def automatic(name: str) -> bytes:
    return (FIXTURES / "automatic" / name).read_bytes()


def test_the_corpus_on_disk_is_what_the_generator_writes_and_the_table_covers_it() -> None:
    files = {path.name for path in (FIXTURES / "automatic").glob("*.eml")}
    assert files == set(corpus())
    assert files == {name for name, _reason, _ack in CORPUS}
    held = [name for name, reason, _ack in CORPUS if reason]
    genuine = [name for name, reason, _ack in CORPUS if reason is None]
    assert len(held) >= 15
    assert len(genuine) >= 5


@pytest.mark.parametrize(("name", "reason", "acknowledged"), CORPUS)
def test_each_mail_gets_its_outcome(name: str, reason: str | None, acknowledged: bool) -> None:
    parsed = parse_mail(automatic(name))
    verdict = classify_automatic(parsed, our_addresses=OURS)
    if reason is None:
        assert verdict is None, verdict
        assert bool(should_auto_acknowledge(parsed, our_addresses=OURS)) == acknowledged
    else:
        assert verdict is not None
        assert verdict.reason == reason
        assert verdict.reason in REASONS
        assert verdict.explanation  # a sentence a person can read
        assert verdict.signals[0] == reason


def test_the_bare_japanese_groupware_notice_is_caught_by_its_words_and_our_id() -> None:
    parsed = parse_mail(automatic("groupware_fuzai_iso2022jp.eml"))
    assert parsed.subject == "不在のお知らせ"
    assert parsed.automation.auto_submitted is None
    assert not parsed.automation.autoreply_headers
    verdict = classify_automatic(parsed, our_addresses=OURS)
    assert verdict is not None
    assert "不在のお知らせ" in verdict.detail
    assert OUR_ACK in verdict.detail
    # The same words answering nobody's mail of ours still count (subject and body agree) …
    bare = automatic("groupware_fuzai_iso2022jp.eml").replace(
        f"In-Reply-To: {OUR_ACK}\r\n".encode(), b""
    )
    assert classify_automatic(parse_mail(bare), our_addresses=OURS) is not None
    # … but a subject alone does not.
    head = bare.split(b"\r\n\r\n")[0]
    subject_only = head + b"\r\n\r\n" + "ご注文の件です。".encode("iso-2022-jp")
    assert classify_automatic(parse_mail(subject_only), our_addresses=OURS) is None


def test_our_acknowledgement_known_by_id_gives_the_words_their_weight() -> None:
    raw = automatic("thunderbird_template_de.eml").replace(
        OUR_ACK.encode(), b"<ack-from-the-database@mail.shop.example>"
    )
    parsed = parse_mail(raw)
    body_and_subject = classify_automatic(parsed, our_addresses=OURS)
    assert body_and_subject is not None  # subject and body agree, without the id
    short = raw.replace("nicht im Büro".encode(), b"unterwegs")
    assert classify_automatic(parse_mail(short), our_addresses=OURS) is None
    verdict = classify_automatic(
        parse_mail(short),
        our_addresses=OURS,
        our_message_ids=["<ack-from-the-database@mail.shop.example>"],
    )
    assert verdict is not None
    assert verdict.reason == OUT_OF_OFFICE


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("auto_reply_auto_submitted.eml", AUTO_SUBMITTED),
        ("auto_reply_x_autoreply.eml", AUTOREPLY_HEADER),
        ("auto_reply_exchange_oof.eml", AUTO_RESPONSE_SUPPRESS),
        ("list_mail.eml", MAILING_LIST),
        ("x_loop_ours.eml", X_LOOP),
        ("from_our_address.eml", OUR_ADDRESS),
        ("read_receipt_mdn.eml", READ_RECEIPT),
    ],
)
def test_the_older_fixtures_of_automatic_mail_are_held(name: str, reason: str) -> None:
    verdict = classify_automatic(parse_mail(load(name)), our_addresses=OURS)
    assert verdict is not None
    assert verdict.reason == reason


AUTOMATIC_FIXTURES = {
    "auto_reply_auto_submitted.eml",
    "auto_reply_x_autoreply.eml",
    "auto_reply_exchange_oof.eml",
    "list_mail.eml",
    "x_loop_ours.eml",
    "from_our_address.eml",
    "read_receipt_mdn.eml",
}


def test_every_other_fixture_is_a_person_or_a_bounce() -> None:
    """The whole older corpus (charsets, clients, hostile input): none of it is held."""
    held = []
    for path in sorted(FIXTURES.glob("*.eml")):
        if path.name in AUTOMATIC_FIXTURES:
            continue
        parsed = parse_mail(path.read_bytes())
        if parsed.is_bounce:
            continue
        verdict = classify_automatic(parsed, our_addresses=OURS)
        if verdict is not None:
            held.append((path.name, verdict.reason))
    assert held == []


def person(headers: str, body: str = "Hello, where is my order A1031?") -> bytes:
    return (
        "From: Emily Carter <emily.carter@example.com>\r\n"
        f"To: {SUPPORT}\r\nSubject: Order A1031\r\nMessage-ID: <p.1@example.com>\r\n"
        f"{headers}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ("Auto-Submitted: auto-notified\r\n", AUTO_SUBMITTED),
        ("Auto-Submitted: no\r\n", None),
        ("Precedence: bulk\r\n", None),
        ("Precedence: junk\r\n", PRECEDENCE),
        ("Precedence: auto_reply\r\n", PRECEDENCE),
        ("List-Unsubscribe: <mailto:leave@example.com>\r\n", None),
        ("List-Help: <mailto:help@lists.example.org>\r\n", MAILING_LIST),
        ("X-Loop: <SUPPORT@sakura-tea.example.jp>\r\n", X_LOOP),
        ("X-Loop: someone-else@example.org\r\n", None),
        ("X-Autorespond: yes\r\n", AUTOREPLY_HEADER),
        ("X-Autoreply: no\r\n", None),
        ("X-Auto-Response-Suppress: All\r\n", None),  # not a reply: an Outlook user's mail
        (
            "X-Auto-Response-Suppress: All\r\nIn-Reply-To: <x@example.com>\r\n",
            AUTO_RESPONSE_SUPPRESS,
        ),
        ("Return-Path: <>\r\n", NULL_SENDER),
    ],
)
def test_header_signs(headers: str, reason: str | None) -> None:
    verdict = classify_automatic(parse_mail(person(headers)), our_addresses=OURS)
    assert (verdict.reason if verdict else None) == reason


@pytest.mark.parametrize(
    ("sender", "reason"),
    [
        ("MAILER-DAEMON@mx.example.net", ROBOT_SENDER),
        ("postmaster@example.org", ROBOT_SENDER),
        ("shop-owner@kimono.example.jp", None),  # a person, however the address reads
        ("noreply@marketplace.example.com", None),  # may forward a buyer's question
    ],
)
def test_mail_robots_but_not_people_with_robot_like_addresses(
    sender: str, reason: str | None
) -> None:
    raw = person("").replace(b"emily.carter@example.com", sender.encode())
    verdict = classify_automatic(parse_mail(raw), our_addresses=OURS)
    assert (verdict.reason if verdict else None) == reason


def test_mail_from_our_sending_address_is_ours_too() -> None:
    raw = person("").replace(b"emily.carter@example.com", b"noreply@mail.sakura-tea.example.jp")
    assert classify_automatic(parse_mail(raw), our_addresses=OURS) is None
    verdict = classify_automatic(
        parse_mail(raw), our_addresses=[*OURS, "NoReply@mail.sakura-tea.example.jp"]
    )
    assert verdict is not None
    assert verdict.reason == OUR_ADDRESS


@pytest.mark.parametrize(
    ("subject", "marker"),
    [
        ("Automatic reply: Order A1031", "Automatic reply"),
        ("Out of Office AutoReply: Order", "Out of Office AutoReply"),
        ("【不在のお知らせ】ご注文について", "不在のお知らせ"),
        ("自動返信：ご注文", "自動返信"),
        ("不在: 5/10まで", "不在"),
        ("Abwesenheitsnotiz: Bestellung", "Abwesenheitsnotiz"),
        ("Réponse automatique : Commande", "Réponse automatique"),
        ("自动回复：订单", "自动回复"),
        ("自動回覆：訂單", "自動回覆"),
        ("자동 응답: 주문", "자동 응답"),
        ("Respuesta automática: Pedido", "Respuesta automática"),
        ("Resposta automática: Pedido", "Resposta automática"),
        ("Risposta automatica: Ordine", "Risposta automatica"),
        ("Automatisch antwoord: Bestelling", "Automatisch antwoord"),
        ("Autosvar: Beställning", "Autosvar"),
        ("Automaattinen vastaus: Tilaus", "Automaattinen vastaus"),
        ("Автоответ: Заказ", "Автоответ"),
        ("Auto: Order A1031", "Auto"),
        ("不在のお知らせ （Re: ご注文について）", "不在のお知らせ"),
        ("Re: 不在のお知らせ", None),  # not opening the subject; the classifier also tries
        ("Re: Order A1031 [Out of Office]", "Out of Office"),
        ("ご注文について【自動返信】", "自動返信"),
        ("自動返信機能について教えてください", None),
        ("Out of office hours delivery?", None),
        ("Auto reply setting on the smart kettle?", None),
        ("不在票が入っていました", None),
        ("Re: Out of stock?", None),
        ("Automatic replies do not work in your app", None),
    ],
)
def test_out_of_office_subjects_in_many_languages(subject: str, marker: str | None) -> None:
    assert out_of_office_subject(subject) == marker


def test_groupware_answering_in_a_thread_is_caught_after_its_reply_prefix() -> None:
    raw = automatic("groupware_fuzai_iso2022jp.eml").replace(b"Subject: ", b"Subject: Re: ", 1)
    parsed = parse_mail(raw)
    assert parsed.subject == "Re: 不在のお知らせ"
    verdict = classify_automatic(parsed, our_addresses=OURS)
    assert verdict is not None
    assert verdict.reason == OUT_OF_OFFICE


def test_a_subject_with_odd_spacing_is_not_taken_for_a_reply() -> None:
    raw = person("X-Auto-Response-Suppress: All\r\n").replace(
        b"Subject: Order A1031", b"Subject: Order   A1031 "
    )
    assert classify_automatic(parse_mail(raw), our_addresses=OURS) is None


def test_only_our_form_of_message_id_in_our_domain_counts_as_ours() -> None:
    domains = ["sakura-tea.example.jp"]
    assert is_our_message_id(OUR_ACK, domains)
    assert not is_our_message_id("<CAHk7vXw0z9Qm@mail.gmail.example>", domains)
    assert not is_our_message_id("<buyer-wrote-this@sakura-tea.example.jp>", domains)
    assert not is_our_message_id(OUR_ACK, ["other.example"])


def test_a_question_in_a_short_reply_to_our_mail_keeps_it_a_persons() -> None:
    raw = automatic("genuine_reply_away_next_week.eml")
    assert classify_automatic(parse_mail(raw), our_addresses=OURS) is None
    statement = raw.replace(b" Could you ship the order after the 20th instead?", b"")
    verdict = classify_automatic(parse_mail(statement), our_addresses=OURS)
    assert verdict is not None  # "I'm away on holiday next week." alone, answering our mail
    assert verdict.reason == OUT_OF_OFFICE
