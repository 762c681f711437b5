from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mail.parse import clean_subject, parse_mail, stable_message_id
from tests.mail.conftest import FIXTURES, load
from tests.mail.make_fixtures import (
    big_attachment_mail,
    corpus,
    long_line_mail,
    nested_mail,
)


def test_committed_corpus_matches_generator_and_has_at_least_40_mails() -> None:
    generated = corpus()
    on_disk = {path.name: path.read_bytes() for path in FIXTURES.glob("*.eml")}
    assert len(on_disk) >= 40
    assert on_disk == generated


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.eml")), ids=lambda p: p.name)
def test_every_fixture_parses_into_something_an_agent_can_read(path: object) -> None:
    parsed = parse_mail(load(path.name))  # type: ignore[attr-defined]
    assert parsed.message_id.startswith("<")
    assert parsed.message_id.endswith(">")
    assert parsed.new_text.strip() or parsed.full_text.strip()
    assert "\x00" not in parsed.full_text
    assert "\n" not in parsed.subject
    assert "\r" not in parsed.subject
    assert parsed.date is None or parsed.date.tzinfo is not None


@pytest.mark.parametrize(
    ("name", "subject", "sender_name", "text"),
    [
        ("big5_outlook.eml", "訂單 #A1029 還沒有收到", "陳大文", "請問什麼時候會寄出？"),
        ("big5_hkscs_hongkong.eml", "查詢運費", "Wong Ka Yan", "係幾多㗎？啲茶葉"),
        ("iso2022jp_no_charset.eml", "注文の件", "Tanaka Hanako", "抹茶が届きません"),
        ("iso2022jp_no_mime.eml", "配送について", "", "まだ間に合いますか"),
        ("shift_jis_cp932.eml", "返品について①", "鈴木 一郎", "①茶碗が割れていました"),
        ("gb2312_foxmail.eml", "关于发货时间", "王喆", "朱镕基同款茶杯"),
        ("ks_c_5601_outlook.eml", "주문 취소 요청", "김민준", "똠얌 맛 과자도"),
        ("euc_kr_naver.eml", "배송 문의", "Lee Seoyeon", "배송이 언제"),
        ("raw_8bit_headers_utf8.eml", "Đơn hàng chưa đến", "Nguyễn Văn An", "vẫn chưa đến"),
        ("raw_8bit_headers_big5.eml", "請問有沒有折扣", "林小美", "買兩盒有折扣嗎"),
        ("rfc2047_split_multibyte.eml", "抹茶のお届け日について", "Ken", "よろしく"),
        ("latin1_cp1252_spanish.eml", "Devolución", "José Pérez", "25 € por el té"),
        ("thai_tis620.eml", "สอบถามการจัดส่ง", "Somchai", "สินค้าจะมาถึง"),
        ("vietnamese_qp.eml", "Hỏi về sản phẩm", "Trần Thị Mai", "Hà Nội"),
        ("mislabelled_ascii_utf8.eml", "envio", "Ana", "¿Hacen envíos a México?"),
        ("unknown_charset.eml", "unknown charset", "Odd Client", "Österreich"),
        ("html_only.eml", "Question sur le thé", "Marie Dubois", "Le thé sencha est-il bio"),
    ],
)
def test_text_is_decoded_whatever_the_charset_label_says(
    name: str, subject: str, sender_name: str, text: str
) -> None:
    parsed = parse_mail(load(name))
    assert parsed.subject == subject
    assert parsed.sender_name == sender_name
    assert text in parsed.new_text
    assert "\ufffd" not in parsed.full_text + parsed.subject + parsed.sender_name


@pytest.mark.parametrize(
    ("name", "new_text", "quoted"),
    [
        (
            "gmail_reply_quoted.eml",
            "Hi,\n\nI still haven't received the tracking number. Could you check again?\n\n"
            "Thanks,\nEmily",
            "Your order has shipped.",
        ),
        (
            "gmail_html_only_reply.eml",
            "Hi,\n\nI still haven't received the tracking number. Could you check again?\n\n"
            "Thanks,\nEmily",
            "Your order has shipped.",
        ),
        (
            "outlook_reply.eml",
            "Bonjour,\n\nLe colis est arrivé mais il manque la théière.\n\nCordialement,\nSophie",
            "Votre commande est partie.",
        ),
        (
            "outlook_original_message.eml",
            "Hola, ¿me pueden enviar la factura?\n\nGracias.",
            "su pedido ha salido",
        ),
        (
            "japanese_thunderbird_reply.eml",
            "ご連絡ありがとうございます。\n届いたら改めて連絡します。",
            "本日発送いたしました",
        ),
        (
            "japanese_gmail_reply.eml",
            "承知しました。返送用の住所を教えてください。",
            "返品を承りました",
        ),
        ("chinese_qq_reply.eml", "收到了，谢谢！", "您的订单已发货"),
        ("chinese_netease_reply.eml", "请问退款什么时候到账？", "退款已处理"),
        ("korean_naver_reply.eml", "잘 받았습니다. 감사합니다!", "상품이 발송되었습니다"),
        ("apple_mail_reply.eml", "Obrigado! Vou aguardar.", "seu pedido saiu"),
    ],
)
def test_quoted_thread_is_folded_away_and_kept(name: str, new_text: str, quoted: str) -> None:
    parsed = parse_mail(load(name))
    assert parsed.new_text == new_text
    assert quoted in parsed.quoted_text
    assert quoted in parsed.full_text


@pytest.mark.parametrize(
    ("name", "signature"),
    [
        ("iphone_signature.eml", "Sent from my iPhone"),
        ("signature_dashdash.eml", "-- \nBudi Santoso\nPT Contoh Makmur | +62 21 555 0100"),
        ("apple_mail_reply.eml", "Enviado do meu iPhone"),
    ],
)
def test_signatures_are_separated(name: str, signature: str) -> None:
    parsed = parse_mail(load(name))
    assert parsed.signature == signature
    assert signature.splitlines()[-1] not in parsed.new_text


def test_hostile_html_keeps_the_words_and_loses_every_script() -> None:
    parsed = parse_mail(load("hostile_html.eml"))
    assert parsed.new_text.startswith("Hello, I want a refund.")
    assert "alert" not in parsed.full_text
    safe = parsed.html_sanitized
    assert safe is not None
    assert "refund" in safe
    lowered = safe.lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<svg",
        "<iframe",
        "<form",
        "tracker.example",
        "ascript:",
    ):
        assert bad not in lowered, bad


def test_attachment_with_lying_type_is_flagged_with_its_real_type() -> None:
    exe = parse_mail(load("attachment_exe_as_jpeg.eml")).attachments[0]
    assert exe.filename == "damage.jpg"
    assert exe.declared_type == "image/jpeg"
    assert exe.sniffed_type == "application/x-msdownload"
    assert exe.type_mismatch
    svg = parse_mail(load("hostile_svg_attachment.eml")).attachments[0]
    assert svg.sniffed_type == "image/svg+xml"
    assert svg.type_mismatch


def test_rfc2231_and_rfc2047_filenames_are_decoded() -> None:
    pdf = parse_mail(load("rfc2231_filename.eml")).attachments[0]
    assert pdf.filename == "Rechnung für 注文.pdf"
    assert pdf.sniffed_type == "application/pdf"
    png = parse_mail(load("rfc2047_filename_outlook.eml")).attachments[0]
    assert png.filename == "破損写真.png"


def test_inline_image_and_pdf_are_both_kept() -> None:
    parsed = parse_mail(load("attachment_pdf_inline_image.eml"))
    by_type = {a.sniffed_type: a for a in parsed.attachments}
    assert by_type["image/png"].inline
    assert by_type["image/png"].content_id == "logo1"
    assert not by_type["application/pdf"].inline
    assert parsed.html_sanitized is not None
    assert 'src="cid:logo1"' in parsed.html_sanitized


def test_header_injection_attempts_stay_one_harmless_line() -> None:
    subject = parse_mail(load("header_injection_subject.eml"))
    assert subject.subject == "Order question Bcc: victim@example.org Hi"
    name = parse_mail(load("header_injection_name.eml"))
    assert name.sender_address == "eve@example.com"
    assert "\n" not in name.sender_name
    assert "\r" not in name.sender_name


def test_same_mail_without_message_id_by_two_routes_gets_one_stable_id() -> None:
    first = parse_mail(load("missing_message_id.eml"))
    second = parse_mail(load("missing_message_id_other_route.eml"))
    assert first.message_id_generated
    assert first.message_id == second.message_id
    assert first.message_id == stable_message_id(load("missing_message_id.eml"))
    empty = parse_mail(load("empty_message_id.eml"))
    assert empty.message_id_generated
    assert empty.message_id != first.message_id


def test_second_delivery_of_a_mail_has_the_same_message_id() -> None:
    first = parse_mail(load("big5_outlook.eml"))
    again = parse_mail(load("duplicate_second_delivery.eml"))
    assert not first.message_id_generated
    assert first.message_id == again.message_id


def test_threading_headers_and_date() -> None:
    parsed = parse_mail(load("gmail_reply_quoted.eml"))
    ours = "<1714521600.4f2a9c0e7b1d5a3c@sakura-tea.example.jp>"
    assert parsed.in_reply_to == (ours,)
    assert parsed.references == ("<CAF3x9+first@mail.example.com>", ours)
    assert parsed.thread_ids[0] == ours
    assert parsed.date == datetime(2024, 5, 1, 10, 22, 5, tzinfo=UTC)
    assert parse_mail(load("big5_outlook.eml")).content_language == "zh-tw"


def test_broken_mime_still_gives_the_text_and_notes_the_problem() -> None:
    no_end = parse_mail(load("broken_mime_no_end.eml"))
    assert no_end.new_text == "My order never arrived."
    assert any("CloseBoundaryNotFound" in p for p in no_end.parse_problems)
    wrong = parse_mail(load("broken_mime_wrong_boundary.eml"))
    assert "Where is my parcel?" in wrong.full_text
    assert wrong.parse_problems
    garbage = parse_mail(load("garbage_binary.eml"))
    assert garbage.parse_problems
    assert parse_mail(b"").parse_problems


def test_parser_never_raises_on_mangled_input() -> None:
    raw = load("gmail_reply_quoted.eml")
    for cut in range(0, len(raw), 97):
        mangled = raw[:cut] + b"\xff\x00=?utf-8?B?@@@?=" + raw[cut + 5 :]
        assert parse_mail(mangled).message_id


def test_12_mb_attachment_is_flagged_over_limit_not_dropped() -> None:
    parsed = parse_mail(big_attachment_mail())
    (scan,) = parsed.attachments
    assert scan.filename == "scan.pdf"
    assert scan.size == 12 * 1024 * 1024
    assert scan.over_limit
    assert scan.content is None
    assert scan.sniffed_type == "application/pdf"
    assert any("scan.pdf" in problem for problem in parsed.parse_problems)
    assert parsed.new_text == "The scan is attached."


def test_500_kb_single_line_body_is_read_whole() -> None:
    parsed = parse_mail(long_line_mail())
    assert len(parsed.new_text) == 500 * 1024
    assert parsed.new_text.startswith("I ordered the matcha set")


def test_multipart_nested_30_deep_reaches_the_text() -> None:
    parsed = parse_mail(nested_mail(30))
    assert parsed.new_text == "Deep inside: where is my order?"
    assert not any("nesting" in problem for problem in parsed.parse_problems)


@pytest.mark.parametrize(
    ("subject", "clean"),
    [
        ("Re: Re: Your order", "Your order"),
        ("回复: RE: AW: 答复：Fwd: 退款进度", "退款进度"),
        ("RE[2]: 注文", "注文"),
        ("Re: [#KH-7Q2M4XKDAA] Your order", "Your order"),
        ("Trả lời: Đơn hàng", "Đơn hàng"),
        ("Réponse attendue", "Réponse attendue"),
    ],
)
def test_clean_subject_removes_reply_prefixes_in_many_languages(subject: str, clean: str) -> None:
    assert clean_subject(subject) == clean
