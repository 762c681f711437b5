"""The automatic-mail corpus: ``python -m tests.mail.make_automatic_fixtures`` rewrites
``tests/mail/fixtures/automatic/``.

Out-of-office replies, list digests and loops as mail clients and servers really send them
(Outlook/Exchange, Gmail's vacation responder, Thunderbird, Japanese groupware, QQ Mail, Naver,
Yandex, a list manager, a buyer's auto-forwarder), and genuine inquiries that only look
automatic. ``OUR_ACK`` stands for an acknowledgement we sent; the SMTP tests put the real one
in its place. ``test_automatic.py`` holds the outcome each one must get.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.mail.make_fixtures import DATE, SUPPORT, b64, mail, received, word

OUT = Path(__file__).resolve().parent / "fixtures" / "automatic"
#: The Message-ID of an acknowledgement of ours (the form mail.compose.make_message_id writes).
OUR_ACK = "<1714521600.4f2a9c0e7b1d5a3c9e8d7c6b@sakura-tea.example.jp>"
ACK_SUBJECT = "We have received your message: Order A1031"


def jis(text: str) -> bytes:
    return text.encode("iso-2022-jp")


def corpus() -> dict[str, bytes]:
    c: dict[str, bytes] = {}

    # --- the six cases of issue 16 -------------------------------------------------------------
    c["gmail_vacation_auto_submitted.eml"] = mail(
        [
            received("mail-sor-f41.google.com"),
            "From: Emily Carter <emily.carter@gmail.example>",
            f"To: {SUPPORT}",
            "Subject: Away until May 10",
            f"Date: {DATE}",
            "Message-ID: <CAHk7vXw0z9Qm=vacation@mail.gmail.example>",
            f"In-Reply-To: {OUR_ACK}",
            f"References: {OUR_ACK}",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="UTF-8"',
        ],
        "Hi, thanks for your email. I'm travelling until May 10 and will reply when I'm back.\n",
    )
    c["vacation_x_autoreply_es.eml"] = mail(
        [
            received("smtp.correo.example.es"),
            f"From: {word('Lucía Fernández')} <lucia.fernandez@correo.example.es>",
            f"To: {SUPPORT}",
            f"Subject: {word('Respuesta automática')}",
            f"Date: {DATE}",
            "Message-ID: <auto.5521@correo.example.es>",
            "X-Autoreply: yes",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        "Gracias por su mensaje. Estoy de vacaciones hasta el 12 de mayo.\n",
    )
    c["groupware_fuzai_iso2022jp.eml"] = mail(
        [
            received("mx.groupware.example.co.jp"),
            f"From: {word('佐藤 美咲', 'iso-2022-jp')} <misaki.sato@example.co.jp>",
            f"To: {SUPPORT}",
            f"Subject: {word('不在のお知らせ', 'iso-2022-jp')}",
            f"Date: {DATE}",
            "Message-ID: <20240501182205.GW1234@groupware.example.co.jp>",
            f"In-Reply-To: {OUR_ACK}",
            "X-Mailer: Desknets NEO Mail",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="ISO-2022-JP"',
            "Content-Transfer-Encoding: 7bit",
        ],
        jis("佐藤は5月7日まで不在にしております。\r\nお急ぎの場合は営業部までご連絡ください。\r\n"),
    )
    c["mailing_list_digest.eml"] = mail(
        [
            received("lists.example.org"),
            "From: tea-lovers-request@lists.example.org",
            f"To: {SUPPORT}",
            "Subject: Tea-lovers Digest, Vol 12, Issue 3",
            f"Date: {DATE}",
            "Message-ID: <mailman.12.1714558925.tea-lovers@lists.example.org>",
            "List-Id: Tea Lovers <tea-lovers.lists.example.org>",
            "List-Unsubscribe: <https://lists.example.org/leave>, "
            "<mailto:tea-lovers-request@lists.example.org?subject=unsubscribe>",
            "List-Post: <mailto:tea-lovers@lists.example.org>",
            "Precedence: list",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="===digest=="',
        ],
        "--===digest==\nContent-Type: text/plain; charset=us-ascii\n\n"
        "Today's Topics:\n\n   1. Best oolong for cold brew? (Mark)\n\n"
        '--===digest==\nContent-Type: multipart/digest; boundary="===inner=="\n\n'
        "--===inner==\nContent-Type: message/rfc822\n\n"
        "From: Mark <mark@example.net>\nSubject: Best oolong for cold brew?\n\nAnyone?\n"
        "--===inner==--\n--===digest==--\n",
    )
    c["our_ack_forwarded_back.eml"] = mail(
        [
            received("mx.buyer-isp.example.net"),
            f"From: Sakura Tea <{SUPPORT}>",
            f"To: {SUPPORT}",
            f"Subject: {ACK_SUBJECT}",
            f"Date: {DATE}",
            "Message-ID: <fwd.7731@buyer-isp.example.net>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Dear Emily Carter,\n\nThank you for contacting Sakura Tea. We have received your "
        "message, and our team will read it and reply to you personally.\n\nWe aim to reply "
        "within 24 hours.\n\nBest regards,\nThe Sakura Tea support team\n\n-- \nThis email was "
        "sent automatically to confirm that we received your message.\n",
    )
    c["x_loop_auto_forwarder.eml"] = mail(
        [
            received("relay.forward.example.com"),
            "From: Olivia Brown <olivia.brown@forward.example.com>",
            f"To: {SUPPORT}",
            f"Subject: Fwd: {ACK_SUBJECT}",
            f"Date: {DATE}",
            "Message-ID: <fwd-rule.88@forward.example.com>",
            f"X-Loop: {SUPPORT}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "---------- Forwarded message ---------\nFrom: Sakura Tea <" + SUPPORT + ">\n\n"
        "Thank you for contacting Sakura Tea. We have received your message.\n",
    )

    # --- more automatic mail, other clients and languages ---------------------------------------
    c["exchange_oof_auto_generated.eml"] = mail(
        [
            received("EUR05-VI1-obe.outbound.protection.outlook.example"),
            "From: Sophie Martin <sophie.martin@contoso.example.fr>",
            f"To: {SUPPORT}",
            "Subject: =?iso-8859-1?Q?R=E9ponse_automatique=A0:_Order_A1031?=",
            f"Date: {DATE}",
            "Message-ID: <AM0PR04MB6434C1B2@AM0PR04MB6434.eurprd04.prod.outlook.example>",
            f"In-Reply-To: {OUR_ACK}",
            f"References: {OUR_ACK}",
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
            "X-MS-Exchange-Inbox-Rules-Loop: sophie.martin@contoso.example.fr",
            "Thread-Topic: Order A1031",
            "Content-Language: fr-FR",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="iso-8859-1"',
            "Content-Transfer-Encoding: quoted-printable",
        ],
        "Bonjour,\n\nJe suis absente du bureau jusqu'au 13 mai.\n",
    )
    c["exchange_oof_suppress_only_nl.eml"] = mail(
        [
            received("mail.bedrijf.example.nl"),
            "From: Daan de Vries <daan@bedrijf.example.nl>",
            f"To: {SUPPORT}",
            "Subject: Automatisch antwoord: Bestelling A1040",
            f"Date: {DATE}",
            "Message-ID: <5f1c2a@bedrijf.example.nl>",
            "X-Auto-Response-Suppress: All",
            "X-Mailer: Microsoft Exchange Server 2016",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Ik ben afwezig tot en met 14 mei.\n",
    )
    c["outlook_jidou_outou_ja.eml"] = mail(
        [
            received("mail.kaisha.example.co.jp"),
            f"From: {word('高橋 健', 'iso-2022-jp')} <ken.takahashi@kaisha.example.co.jp>",
            f"To: {SUPPORT}",
            f"Subject: {word('自動応答: ご注文について', 'iso-2022-jp')}",
            f"Date: {DATE}",
            "Message-ID: <OS3PR01MB5831@kaisha.example.co.jp>",
            "X-Auto-Response-Suppress: All",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="iso-2022-jp"',
        ],
        jis("高橋は出張中のため、5月8日以降に返信いたします。\r\n"),
    )
    c["thunderbird_template_de.eml"] = mail(
        [
            received("mail.example.de"),
            "From: Jonas Weber <jonas.weber@example.de>",
            f"To: {SUPPORT}",
            "Subject: Abwesenheitsnotiz: Ihre Bestellung A1031",
            f"Date: {DATE}",
            "Message-ID: <3b1f0c2e-7a55-4e0b-9a7e@example.de>",
            f"In-Reply-To: {OUR_ACK}",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Thunderbird/115.10.1",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8; format=flowed",
        ],
        "Vielen Dank für Ihre Nachricht. Ich bin bis zum 12. Mai nicht im Büro.\n",
    )
    c["sieve_auto_prefix_fi.eml"] = mail(
        [
            received("mail.example.fi"),
            "From: Aino Virtanen <aino.virtanen@example.fi>",
            f"To: {SUPPORT}",
            "Subject: Automaattinen vastaus: Tilaus A1050",
            f"Date: {DATE}",
            "Message-ID: <sieve.1714558925@example.fi>",
            "X-Autorespond: Automaattinen vastaus",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Olen lomalla 20.5. asti.\n",
    )
    c["qq_zidong_huifu_zh.eml"] = mail(
        [
            received("smtpbgsg1.qq.example.com"),
            f"From: {word('王芳')} <wangfang@qq.example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('自动回复: 关于订单A1033')}",
            f"Date: {DATE}",
            "Message-ID: <tencent_9E8F@qq.example.com>",
            f"In-Reply-To: {OUR_ACK}",
            "X-QQ-mid: bizesmtp91t1714558925",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: base64",
        ],
        b64("这是一封自动回复邮件。您好，我正在休假，回来后尽快回复您。\n", "utf-8"),
    )
    c["precedence_auto_reply_zh_hant.eml"] = mail(
        [
            received("mail.example.com.tw"),
            f"From: {word('陳怡君', 'big5')} <yijun.chen@example.com.tw>",
            f"To: {SUPPORT}",
            f"Subject: {word('自動回覆：訂單查詢', 'big5')}",
            f"Date: {DATE}",
            "Message-ID: <autoreply.tw.77@example.com.tw>",
            "Precedence: auto_reply",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="big5"',
            "Content-Transfer-Encoding: base64",
        ],
        b64("您好，我目前休假中，五月十日後回覆。\n", "big5"),
    )
    c["naver_jadong_eungdap_ko.eml"] = mail(
        [
            received("cvsmtppost.naver.example.com"),
            f"From: {word('김민지')} <minji.kim@naver.example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('자동 응답: 주문 문의')}",
            f"Date: {DATE}",
            "Message-ID: <a1b2c3.naver@naver.example.com>",
            f"References: {OUR_ACK}",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: base64",
        ],
        b64("이 메일은 자동 응답 메일입니다. 현재 휴가 중입니다.\n", "utf-8"),
    )
    c["italian_x_autorespond.eml"] = mail(
        [
            received("smtp.example.it"),
            "From: Giulia Rossi <giulia.rossi@example.it>",
            f"To: {SUPPORT}",
            "Subject: Risposta automatica: Ordine A1061",
            f"Date: {DATE}",
            "Message-ID: <ar.4410@example.it>",
            "X-Autorespond: Giulia Rossi",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Sono fuori ufficio fino al 15 maggio.\n",
    )
    c["portuguese_auto_submitted.eml"] = mail(
        [
            received("smtp.example.com.br"),
            f"From: {word('João Silva')} <joao.silva@example.com.br>",
            f"To: {SUPPORT}",
            f"Subject: {word('Resposta automática: Pedido A1070')}",
            f"Date: {DATE}",
            "Message-ID: <pt.auto.9@example.com.br>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Estou de férias até 20 de maio.\n",
    )
    c["yandex_avtootvet_ru.eml"] = mail(
        [
            received("forward101.mail.yandex.example"),
            f"From: {word('Анна Иванова')} <anna.ivanova@yandex.example>",
            f"To: {SUPPORT}",
            f"Subject: {word('Автоответ: Заказ A1080')}",
            f"Date: {DATE}",
            "Message-ID: <1714558925.yandex.31@yandex.example>",
            f"In-Reply-To: {OUR_ACK}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        "Это автоматический ответ. Я в отпуске до 15 мая.\n",
    )
    c["mailer_daemon_warning.eml"] = mail(
        [
            received("mx.example.net"),
            "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>",
            f"To: {SUPPORT}",
            "Subject: Warning: could not send message for past 4 hours",
            f"Date: {DATE}",
            "Message-ID: <202405011022.warn@mx.example.net>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
        ],
        "This is a warning message only. YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n",
    )

    # --- genuine inquiries that only look automatic ---------------------------------------------
    c["genuine_subject_auto_reply_product.eml"] = mail(
        [
            received("mail-oi1-f170.google.com"),
            "From: Mark Davis <mark.davis@gmail.example>",
            f"To: {SUPPORT}",
            "Subject: Auto reply setting on the smart kettle?",
            f"Date: {DATE}",
            "Message-ID: <CAM3kettle001@mail.gmail.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
        ],
        "Hello, does the smart kettle have an auto reply or notification setting on the app? "
        "I'd like to know before I order.\n",
    )
    c["genuine_mail_merge_bulk.eml"] = mail(
        [
            received("mail-yamm.example.com"),
            "From: Claire Dubois <claire@cafe-lyon.example.fr>",
            f"To: {SUPPORT}",
            f"Subject: {word('Wholesale inquiry: matcha for our café in Lyon')}",
            f"Date: {DATE}",
            "Message-ID: <merge.2024.0501.17@cafe-lyon.example.fr>",
            "Precedence: bulk",
            "List-Unsubscribe: <mailto:unsubscribe@cafe-lyon.example.fr>",
            "X-Mailer: YAMM (Yet Another Mail Merge)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Dear Sakura Tea team,\n\nI run a small café in Lyon and would like to order ceremonial "
        "matcha in bulk (5 kg per month). Could you send me your wholesale prices?\n\nClaire\n",
    )
    c["genuine_fuzaihyou_ja.eml"] = mail(
        [
            received("mail.example.ne.jp"),
            f"From: {word('山田 花子', 'iso-2022-jp')} <hanako.yamada@example.ne.jp>",
            f"To: {SUPPORT}",
            f"Subject: {word('不在票が入っていました', 'iso-2022-jp')}",
            f"Date: {DATE}",
            "Message-ID: <fuzaihyou.1@example.ne.jp>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="ISO-2022-JP"',
        ],
        jis("不在票が入っていました。再配達は土曜日の午前中にお願いできますか？\r\n"),
    )
    c["genuine_reply_away_next_week.eml"] = mail(
        [
            received("mail-wm1-f52.google.com"),
            "From: Emily Carter <emily.carter@gmail.example>",
            f"To: {SUPPORT}",
            f"Subject: Re: {ACK_SUBJECT}",
            f"Date: {DATE}",
            "Message-ID: <CAHk7vXw0z9Qm=reply2@mail.gmail.example>",
            f"In-Reply-To: {OUR_ACK}",
            f"References: {OUR_ACK}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
        ],
        "I'm away on holiday next week. Could you ship the order after the 20th instead?\n\n"
        "On Wed, May 1, 2024 at 6:00 PM Sakura Tea <" + SUPPORT + "> wrote:\n"
        "> Thank you for contacting Sakura Tea.\n",
    )
    c["genuine_mentions_our_auto_reply_zh.eml"] = mail(
        [
            received("smtp.163.example.com"),
            f"From: {word('李娜')} <lina@163.example.com>",
            f"To: {SUPPORT}",
            f"Subject: {word('回复：已收到您的留言')}",
            f"Date: {DATE}",
            "Message-ID: <5e1f.lina@163.example.com>",
            f"In-Reply-To: {OUR_ACK}",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: base64",
        ],
        b64(
            "我收到了你们的自动回复，但是两天了还没有人回答我的问题。请问订单什么时候发货？\n",
            "utf-8",
        ),
    )
    c["genuine_outlook_new_mail_suppress.eml"] = mail(
        [
            received("mail.firma.example.de"),
            "From: Lukas Becker <lukas.becker@firma.example.de>",
            f"To: {SUPPORT}",
            "Subject: Frage zur Lieferung nach Deutschland",
            f"Date: {DATE}",
            "Message-ID: <FR2P281MB1234@firma.example.de>",
            "X-Auto-Response-Suppress: All",
            "X-Mailer: Microsoft Outlook 16.0",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Guten Tag, liefern Sie auch nach Deutschland, und wie hoch sind die Versandkosten?\n",
    )
    c["genuine_subject_respuesta_automatica_es.eml"] = mail(
        [
            received("smtp.example.mx"),
            f"From: {word('Carlos Pérez')} <carlos.perez@example.mx>",
            f"To: {SUPPORT}",
            f"Subject: {word('Respuesta automática no recibida – pedido A1090')}",
            f"Date: {DATE}",
            "Message-ID: <mx.carlos.3@example.mx>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ],
        "Hola, envié un mensaje ayer y no recibí ninguna respuesta automática. "
        "¿Recibieron mi pedido A1090?\n",
    )
    return c


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in corpus().items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(corpus())} files to {OUT}")  # noqa: T201 - a developer script
    return 0


if __name__ == "__main__":
    sys.exit(main())
