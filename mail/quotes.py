"""Separating the buyer's new words from the quoted thread and the signature.

Works on plain text (HTML bodies are converted first, blockquotes becoming ``>`` lines). The
result keeps every line: ``new_text`` + ``quoted_text`` + ``signature`` is the whole body, so
nothing a buyer wrote is lost when the heuristics are wrong; the full body stays on the message.

Recognised: ``>``-quoted lines (RFC 3676 §4.5), attribution lines of Gmail, Apple Mail,
Thunderbird and Outlook in the languages our buyers write, Outlook's unprefixed
"-----Original Message-----" / "From: … Sent: …" blocks, the "-- " signature separator
(RFC 3676 §4.3) and "Sent from my iPhone"-style mobile footers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that introduces a quoted message. Everything below it is the old thread.
_ATTRIBUTION = re.compile(
    r"""^\s*(?:
        (?:On|Am|Le|El|Em|Il|Op|Pada|Vào|Lúc|เมื่อ)\s.{4,300}?
            (?:wrote|schrieb|a\s+écrit|escribió|escreveu|ha\s+scritto|schreef|menulis|
               đã\s+viết|viết|เขียนว่า)\s*[:：]?
      | .{0,300}?(?:さんは書きました|は書きました|wrote|のメール|のメッセージ|
                    からのメール)\s*[:：]\s*
      | (?:在|於|于).{4,300}?(?:写道|寫道)\s*[:：]?
      | .{4,300}?(?:님이\s*작성|작성)\s*[:：]
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# Separator lines that Outlook, Yahoo, QQ Mail, Naver and others put above the old message.
_SEPARATOR = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:Original\s+Message|Mensaje\s+original|Message\s+d'origine|Ursprüngliche\s+
            Nachricht|Mensagem\s+original|Pesan\s+Asli|元のメッセージ|原始邮件|原始郵件|
            原始信件|원본\s*메시지|Thư\s+gốc)\s*-{2,}
      | -{5,}\s*(?:原始邮件|原始郵件|Original)\s*-{5,}
      | _{20,}
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# Outlook's header block: "From: …" followed within a few lines by "Sent: …" or "Date: …".
_HEADER_FROM = re.compile(
    r"^\s*\**(?:From|De|Von|Da|差出人|发件人|發件人|寄件者|보낸\s*사람|Dari|Từ|จาก)\s*\**\s*[:：]",
    re.IGNORECASE,
)
_HEADER_SENT = re.compile(
    r"^\s*\**(?:Sent|Date|Enviado|Envoyé|Gesendet|Data|Inviato|送信日時|日付|发送时间|發送時間|"
    r"时间|時間|日期|보낸\s*날짜|Tanggal|Dikirim|Ngày\s+gửi|Đã\s+gửi|วันที่|ส่ง)\s*\**\s*[:：]",
    re.IGNORECASE,
)
# Weaker attribution shapes (Gmail in Japanese: "2024年5月1日(水) 10:00 山田 <y@x.jp>:"), trusted
# only when a ">" block follows.
_LOOSE_ATTRIBUTION = re.compile(r"(?:<[^<>@\s]+@[^<>\s]+>|\d{1,2}[:：]\d{2}.{0,80})\s*[:：]\s*$")
_SIGNATURE_MARK = re.compile(r"^--\s?$")
_MOBILE_FOOTER = re.compile(
    r"""^\s*(?:
        Sent\s+from\s+my\s+\S.{0,40} | Sent\s+from\s+(?:Outlook|Mail|Yahoo|Gmail)\b.{0,40}
      | Get\s+Outlook\s+for\s+\S+ | Sent\s+via\s+.{1,40}
      | Envoyé\s+de\s+mon\s+.{1,40} | Von\s+meinem\s+.{1,40}\s+gesendet
      | Enviado\s+(?:desde\s+mi|do\s+meu|de\s+meu)\s+.{1,40}
      | Dikirim\s+dari\s+.{1,40} | Được\s+gửi\s+từ\s+.{1,40} | ส่งจาก.{1,40}
      | .{1,40}から送信 | (?:从我的|從我的|发自我的|發自我的|寄自我的).{1,40}
      | 내\s+.{1,40}에서\s+보냄
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class ReplyParts:
    """A body split into what the sender wrote now, what they quoted and their signature."""

    new_text: str
    quoted_text: str
    signature: str


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith((">", "＞"))


def _attribution_at(lines: list[str], i: int) -> int:
    """Number of lines (1 or 2) forming an attribution starting at ``i``; 0 when none.

    Gmail wraps long attributions ("On Tue, … Shop Support <\\nsupport@shop.jp> wrote:").
    """
    line = lines[i]
    if not line.strip() or _is_quoted(line):
        return 0
    if _ATTRIBUTION.match(line) or _SEPARATOR.match(line):
        return 1
    if i + 1 < len(lines) and lines[i + 1].strip() and not _is_quoted(lines[i + 1]):
        joined = line.rstrip() + " " + lines[i + 1].strip()
        if len(line) > 20 and _ATTRIBUTION.match(joined):
            return 2
    if _LOOSE_ATTRIBUTION.search(line):
        following = [other for other in lines[i + 1 : i + 3] if other.strip()]
        if following and _is_quoted(following[0]):
            return 1
    if _HEADER_FROM.match(line):
        window = lines[i + 1 : i + 6]
        if any(_HEADER_SENT.match(other) for other in window):
            return 1
    return 0


def split_reply(text: str) -> ReplyParts:
    """Split a plain-text body into new text, quoted thread and signature. Never raises."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    new: list[str] = []
    quoted: list[str] = []
    i = 0
    while i < len(lines):
        span = _attribution_at(lines, i)
        if span:
            rest = lines[i + span :]
            following = [line for line in rest if line.strip()]
            if following and _is_quoted(following[0]):
                # Attribution above a ">" block: fold the block; text after it is an inline answer.
                quoted.extend(lines[i : i + span])
                i += span
                continue
            # Unprefixed old message (Outlook top-posting): everything below is the thread.
            quoted.extend(lines[i:])
            break
        line = lines[i]
        if _is_quoted(line):
            quoted.append(line)
        else:
            new.append(line)
        i += 1

    body, signature = _split_signature(new)
    new_text = "\n".join(body).strip("\n")
    return ReplyParts(
        new_text=new_text,
        quoted_text="\n".join(quoted).strip("\n"),
        signature="\n".join(signature).strip("\n"),
    )


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    # RFC 3676 §4.3: "-- " on its own line starts the signature; take the last one.
    for i in range(len(lines) - 1, -1, -1):
        if _SIGNATURE_MARK.match(lines[i]) and i > 0:
            return lines[:i], lines[i:]
    # Mobile footers sit in the last few non-empty lines.
    content = [i for i, line in enumerate(lines) if line.strip()]
    for i in content[-3:]:
        if _MOBILE_FOOTER.match(lines[i]) and i != content[0]:
            return lines[:i], lines[i:]
    return lines, []
