"""Parsing a stored raw message into a :class:`~mail.parsed.ParsedMail`: pure, never raises.

The raw bytes are stored before anything here runs (see :mod:`mail.inbound_smtp`), so a mail
that defeats every rule below still reaches an agent: :func:`parse_mail` then returns the best
text it can find with a problem noted, and the gateway attaches the raw source.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from datetime import UTC, datetime
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from mail.attachments import sniff_type
from mail.charsets import decode_bytes
from mail.headers import (
    decode_header_text,
    decode_rfc2231,
    first_header,
    one_line,
    parse_addresses,
    raw_headers,
)
from mail.html import html_to_text, sanitize_html
from mail.loops import read_automation, read_bounce
from mail.parsed import Attachment, Automation, ParsedMail
from mail.quotes import split_reply
from mail.threading import strip_tokens

DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024
MAX_DEPTH = 64  # MIME nesting followed; deeper parts are noted, not read
MAX_PARTS = 1000
HASH_ID_DOMAIN = "hash.kakehashi.invalid"

_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
#: Longer ids are ignored (the mail gets a hashed id instead): real ones are far shorter, and
#: an id is stored and compared whole (cutting it could make two mails one).
MAX_MESSAGE_ID_LENGTH = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Reply and forward prefixes in the languages our buyers' clients use, with optional counters
# ("Re[2]:", "RE(3):") and full-width colons.
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|enc|res|r|antw|odp|ynt|"
    r"回复|回覆|答复|答覆|转发|轉寄|转寄|轉發|返信|転送|회신|답장|전달|"
    r"trả\s*lời|tl|chuyển\s*tiếp|balas|ตอบกลับ|ส่งต่อ)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*",
    re.IGNORECASE,
)
# Trace fields that relays add on the way; left out of the hash of a mail without Message-ID
# so the same mail delivered twice by different routes hashes the same.
_TRACE_FIELDS = frozenset(
    {
        "received",
        "return-path",
        "delivered-to",
        "x-original-to",
        "x-received",
        "authentication-results",
        "arc-seal",
        "arc-message-signature",
        "arc-authentication-results",
        "received-spf",
        "x-spam-status",
        "x-spam-score",
        "x-spam-flag",
        "x-virus-scanned",
    }
)


def parse_mail(raw: bytes, *, attachment_limit: int = DEFAULT_ATTACHMENT_LIMIT) -> ParsedMail:
    """Parse stored raw bytes. Never raises: garbage gives the best text with problems noted."""
    try:
        return _parse(raw, attachment_limit)
    except Exception as exc:  # any input must still become a conversation
        return _fallback(
            raw, f"message could not be parsed ({type(exc).__name__}); showing the raw text"
        )


def clean_subject(subject: str) -> str:
    """The subject without reply/forward prefixes and our tokens ("Re: AW: 回复：x" → "x")."""
    text = strip_tokens(one_line(subject))
    while True:
        stripped = _SUBJECT_PREFIX.sub("", text, count=1)
        if stripped == text:
            return text.strip()
        text = stripped


def stable_message_id(raw: bytes) -> str:
    """A Message-ID for a mail that has none: a hash of its content without trace fields, so
    the same mail stored twice (a relay retrying, an IMAP re-fetch) is recognised."""
    head, _, body = _split_head(raw)
    digest = hashlib.sha256()
    for line in re.split(rb"\r?\n(?![ \t])", head):
        name = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
        if name and name not in _TRACE_FIELDS:
            digest.update(b" ".join(line.split()) + b"\n")
    digest.update(b"\n")
    digest.update(b"\n".join(part.rstrip() for part in body.splitlines()))
    return f"<{digest.hexdigest()[:40]}@{HASH_ID_DOMAIN}>"


def normalise_message_id(value: str | None) -> str | None:
    """``<local@domain>`` from a header value (first id, brackets added when a client forgot)."""
    if not value:
        return None
    ids = message_ids(value)
    if ids:
        return ids[0]
    token = one_line(value).strip("<> ")
    if "@" in token and " " not in token and len(token) <= MAX_MESSAGE_ID_LENGTH:
        return f"<{token}>"
    return None


def message_ids(value: str) -> tuple[str, ...]:
    """Every ``<id>`` in a References / In-Reply-To value, in order, duplicates removed."""
    found = (
        f"<{match}>"
        for match in _MESSAGE_ID.findall(value)
        if "@" in match and len(match) <= MAX_MESSAGE_ID_LENGTH
    )
    return tuple(dict.fromkeys(found))


def _split_head(raw: bytes) -> tuple[bytes, bytes, bytes]:
    match = re.search(rb"\r?\n\r?\n", raw)
    if match is None:
        return raw, b"", b""
    return raw[: match.start()], raw[match.start() : match.end()], raw[match.end() :]


class _Body:
    """What the MIME walk collects."""

    def __init__(self) -> None:
        self.plain: list[str] = []
        self.html: list[str] = []
        self.attachments: list[Attachment] = []
        self.charsets: list[str] = []
        self.problems: list[str] = []


def _parse(raw: bytes, limit: int) -> ParsedMail:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    body = _walk(msg, limit)
    hint = body.charsets[0] if body.charsets else None
    problems = body.problems

    subject = first_header(msg, "Subject", hint=hint) or ""
    senders = parse_addresses(raw_headers(msg, "From"), hint=hint) or parse_addresses(
        raw_headers(msg, "Sender"), hint=hint
    )
    automation = read_automation(msg)
    sender_name, sender_address = senders[0] if senders else ("", "")
    if not sender_address:
        problems.append("no sender address in From")
        if automation.return_path:
            sender_address = automation.return_path

    message_id = normalise_message_id(first_header(msg, "Message-ID"))
    generated = message_id is None
    if message_id is None:
        message_id = stable_message_id(raw)

    full_text, html_source = _choose_text(body)
    parts = split_reply(full_text)
    new_text = parts.new_text
    if not new_text.strip() and full_text.strip():
        new_text = full_text.strip()
        problems.append("no new text found outside quotes; the whole body is shown")

    recipients = parse_addresses(raw_headers(msg, "To") + raw_headers(msg, "Cc"), hint=hint)
    reply_to = parse_addresses(raw_headers(msg, "Reply-To"), hint=hint)
    return ParsedMail(
        message_id=message_id,
        message_id_generated=generated,
        subject=subject,
        clean_subject=clean_subject(subject),
        sender_address=sender_address,
        sender_name=sender_name,
        new_text=new_text,
        full_text=full_text,
        in_reply_to=message_ids(" ".join(raw_headers(msg, "In-Reply-To")))[:5],
        references=message_ids(" ".join(raw_headers(msg, "References")))[-50:],
        reply_to=tuple(address for _, address in reply_to),
        recipients=tuple(dict.fromkeys(address for _, address in recipients)),
        date=_date(first_header(msg, "Date"), problems),
        content_language=_language(first_header(msg, "Content-Language")),
        quoted_text=parts.quoted_text,
        signature=parts.signature,
        html_sanitized=sanitize_html(html_source) if html_source is not None else None,
        attachments=tuple(body.attachments),
        automation=automation,
        bounce=read_bounce(msg, automation=automation, subject=subject, sender=sender_address),
        parse_problems=tuple(dict.fromkeys(problems + _defects(msg))),
    )


def _choose_text(body: _Body) -> tuple[str, str | None]:
    html_source = "\n".join(body.html) if body.html else None
    plain = "\n\n".join(text for text in body.plain if text.strip())
    if plain.strip():
        return plain, html_source
    if html_source is not None:
        return html_to_text(html_source), html_source
    return "", None


def _walk(msg: Message, limit: int) -> _Body:
    body = _Body()
    stack: list[tuple[Message, int, bool]] = [(msg, 0, False)]
    seen = 0
    while stack:
        part, depth, in_report = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            body.problems.append(f"more than {MAX_PARTS} MIME parts; the rest were not read")
            break
        content_type = part.get_content_type()
        if content_type.startswith("multipart/") and not part.is_multipart():
            # A multipart whose boundary never appears: its whole payload is the text we have.
            body.plain.append(_part_text(part, body))
            continue
        if part.is_multipart():
            if depth >= MAX_DEPTH:
                body.problems.append(f"MIME nesting deeper than {MAX_DEPTH} levels was not read")
                continue
            children = part.get_payload()
            report = in_report or content_type == "multipart/report"
            if isinstance(children, list) and content_type != "message/rfc822":
                for child in reversed(children):
                    if isinstance(child, Message):
                        stack.append((child, depth + 1, report))
                continue
        if content_type in {
            "message/delivery-status",
            "message/global-delivery-status",
            "text/rfc822-headers",
            "message/disposition-notification",
        }:
            continue
        disposition = (part.get_content_disposition() or "").lower()
        filename = _filename(part)
        is_body = (
            content_type in {"text/plain", "text/html"}
            and disposition != "attachment"
            and not filename
        )
        if is_body:
            text = _part_text(part, body)
            (body.plain if content_type == "text/plain" else body.html).append(text)
        elif not (in_report and content_type in {"message/rfc822", "message/global"}):
            body.attachments.append(_attachment(part, filename, disposition, limit, body))
    return body


def _part_bytes(part: Message) -> bytes:
    if part.get_content_type() in {"message/rfc822", "message/global"}:
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if isinstance(inner, Message):
            try:
                return inner.as_bytes(policy=policy.SMTP)
            except Exception:  # fall back to the bytes as they came
                return inner.as_string(policy=policy.compat32).encode("utf-8", "surrogateescape")
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    return payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""


def _part_text(part: Message, body: _Body) -> str:
    charset = part.get_content_charset()
    if charset:
        body.charsets.append(charset)
    decoded = decode_bytes(_part_bytes(part), charset)
    if decoded.lossy:
        body.problems.append(
            f"some bytes of a text part could not be decoded as "
            f"{charset or 'any known charset'} and were replaced"
        )
    return clean_text(decoded.text)


def clean_text(text: str) -> str:
    """Text with ``\n`` line ends and no control characters but tab (NUL cannot be stored in
    PostgreSQL text, and the others only confuse display and translation)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _filename(part: Message) -> str:
    value = part.get_param("filename", header="content-disposition")
    if value is None:
        value = part.get_param("name")
    if value is None or isinstance(value, bool):
        return ""
    try:
        name = decode_rfc2231(value)
    except Exception:  # a broken name must not lose the file
        return ""
    name = one_line(name).replace("\\", "/").rsplit("/", 1)[-1].strip(" .")
    return name[:255]


def _attachment(
    part: Message, filename: str, disposition: str, limit: int, body: _Body
) -> Attachment:
    data = _part_bytes(part)
    sniffed = sniff_type(data)
    declared = part.get_content_type()
    if not filename:
        extension = mimetypes.guess_extension(sniffed) or ".bin"
        if declared in {"message/rfc822", "message/global"}:
            extension = ".eml"
        filename = f"attachment-{len(body.attachments) + 1}{extension}"
    over = len(data) > limit
    if over:
        body.problems.append(
            f"attachment {filename!r} is {len(data)} bytes, over the "
            f"{limit}-byte limit; it is kept only in the raw message"
        )
    content_id = first_header(part, "Content-ID")
    return Attachment(
        filename=filename,
        declared_type=declared,
        sniffed_type=sniffed,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=None if over else data,
        over_limit=over,
        inline=disposition == "inline" or (disposition == "" and content_id is not None),
        content_id=content_id.strip("<> ") if content_id else None,
    )


def _date(value: str | None, problems: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        problems.append("Date header could not be read")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # RFC 5322 §3.3: "-0000" means zone unknown
    return parsed.astimezone(UTC)


def _language(value: str | None) -> str | None:
    if not value:
        return None
    tag = value.split(",")[0].strip()
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", tag) else None


def _defects(msg: Message) -> list[str]:
    names: list[str] = []
    for part in msg.walk():
        names += [type(defect).__name__ for defect in getattr(part, "defects", [])]
    return [f"MIME defect: {name}" for name in dict.fromkeys(names)]


def _fallback(raw: bytes, problem: str) -> ParsedMail:
    head, _, body_bytes = _split_head(raw)
    head_text = decode_bytes(head).text
    subject_match = re.search(r"^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)", head_text, re.I | re.M)
    from_match = re.search(r"^From:[ \t]*(.*)", head_text, re.I | re.M)
    id_match = re.search(r"^Message-ID:[ \t]*(.*)", head_text, re.I | re.M)
    subject = one_line(decode_header_text(subject_match.group(1))) if subject_match else ""
    senders = parse_addresses([from_match.group(1)]) if from_match else []
    text = clean_text(decode_bytes(body_bytes or raw).text)
    message_id = normalise_message_id(id_match.group(1) if id_match else None)
    return ParsedMail(
        message_id=message_id or stable_message_id(raw),
        message_id_generated=message_id is None,
        subject=subject,
        clean_subject=clean_subject(subject),
        sender_address=senders[0][1] if senders else "",
        sender_name=senders[0][0] if senders else "",
        new_text=text.strip(),
        full_text=text,
        automation=Automation(),
        parse_problems=(problem,),
    )
