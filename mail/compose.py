"""Building outbound mail: replies to buyers and acknowledgements.

Nothing a buyer typed can become a header: names and subjects are reduced to one line with
control characters removed (CR, LF, NUL, Unicode line separators), addresses and Message-IDs
are validated, and the ``email`` package (policy.SMTP) folds and RFC 2047-encodes the rest.
"""

from __future__ import annotations

import html
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from mail.errors import ComposeError
from mail.headers import one_line
from mail.loops import LOOP_MARK
from mail.parse import clean_subject

_MESSAGE_ID = re.compile(r"<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,200}@[A-Za-z0-9.\-\[\]:]{1,200}>")
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*$"
)
_ADDRESS = re.compile(r"^[^\s@<>()\[\]\\,;:\"]{1,64}@[A-Za-z0-9.\-]{1,253}$")
MAX_REFERENCES = 20
MAX_SUBJECT = 200


def make_message_id(domain: str) -> str:
    """A new globally unique Message-ID (RFC 5322 §3.6.4), fixed when a reply is queued."""
    if not _DOMAIN.match(domain):
        raise ComposeError(
            f"{domain!r} is not a domain name for Message-IDs; set the domain "
            "of KAKEHASHI_MAIL_FROM to a real host name"
        )
    return f"<{int(time.time())}.{secrets.token_hex(12)}@{domain.lower()}>"


def check_message_id(value: str) -> str:
    """``value`` when it is a well-formed ``<id@domain>``; ComposeError otherwise."""
    if not _MESSAGE_ID.fullmatch(value):
        raise ComposeError(f"{value!r} is not a Message-ID of the form <local@domain>")
    return value


def mailbox(address: str, name: str = "") -> Address:
    """A header-safe mailbox; ComposeError when the address is not a plain addr-spec."""
    address = address.strip()
    if not _ADDRESS.match(address) or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in address):
        raise ComposeError(f"{address!r} is not an e-mail address we can send to")
    local, domain = address.rsplit("@", 1)
    return Address(display_name=one_line(name)[:100], username=local, domain=domain)


def reply_subject(buyer_subject: str, *, tag: str | None = None) -> str:
    """``Re: <buyer's subject>`` without stacked prefixes, with our thread tag appended."""
    subject = clean_subject(buyer_subject)[:MAX_SUBJECT] or "(no subject)"
    line = f"Re: {subject}"
    return one_line(f"{line} {tag}" if tag else line)


@dataclass(frozen=True)
class OutgoingMail:
    """A rendered mail ready for the relay: the exact bytes plus the SMTP envelope.

    Store this (bytes and envelope) on the outbox row when the reply is queued; every send
    attempt then transmits the identical mail with the identical Message-ID and Date.
    """

    message_id: str
    mail_from: str
    recipients: tuple[str, ...]
    data: bytes

    @classmethod
    def from_message(cls, message: EmailMessage, *, mail_from: str | None = None) -> OutgoingMail:
        from_header = message["From"]
        sender = mail_from
        if sender is None and from_header is not None and from_header.addresses:
            sender = from_header.addresses[0].addr_spec
        recipients: list[str] = []
        for name in ("To", "Cc", "Bcc"):
            header = message[name]
            if header is not None:
                recipients += [address.addr_spec for address in header.addresses]
        del message["Bcc"]
        if not sender or not recipients:
            raise ComposeError("a mail needs a sender and at least one recipient")
        return cls(
            message_id=check_message_id(str(message["Message-ID"])),
            mail_from=sender,
            recipients=tuple(recipients),
            data=message.as_bytes(policy=policy.SMTP),
        )


def build_reply(
    *,
    from_address: str,
    from_name: str,
    to_address: str,
    to_name: str = "",
    subject: str,
    text: str,
    message_id: str,
    html_body: str | None = None,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    language: str | None = None,
    date: datetime | None = None,
    acknowledgement: bool = False,
    reply_to: str | None = None,
) -> EmailMessage:
    """A reply (or, with ``acknowledgement=True``, an automatic acknowledgement) to a buyer.

    ``subject`` is used as given after making it one line (use :func:`reply_subject` for
    "Re: …"). ``references`` is the buyer mail's References; the buyer's Message-ID
    (``in_reply_to``) is appended so the reply threads under it in every client (RFC 5322
    §3.6.4). ``date`` should be fixed at queue time with the Message-ID.
    """
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = mailbox(from_address, from_name)
    message["To"] = mailbox(to_address, to_name)
    if reply_to:
        message["Reply-To"] = mailbox(reply_to)
    message["Subject"] = one_line(subject)[: MAX_SUBJECT + 40] or "(no subject)"
    message["Date"] = format_datetime((date or datetime.now(UTC)).astimezone(UTC))
    message["Message-ID"] = check_message_id(message_id)
    chain = [ref for ref in references if _MESSAGE_ID.fullmatch(ref)]
    if in_reply_to:
        message["In-Reply-To"] = check_message_id(in_reply_to)
        chain = [ref for ref in chain if ref != in_reply_to] + [in_reply_to]
    if chain:
        # Keep the thread root and the newest ids when a long thread must be shortened.
        if len(chain) > MAX_REFERENCES:
            chain = chain[:1] + chain[-(MAX_REFERENCES - 1) :]
        message["References"] = " ".join(chain)
    if acknowledgement:
        message["Auto-Submitted"] = "auto-replied"  # RFC 3834 §5
        message["Precedence"] = "auto_reply"
    message["X-Loop"] = LOOP_MARK
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        html_body if html_body is not None else text_to_html(text),
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    # Set after the body: set_content() and add_alternative() move Content-* headers away.
    if language and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", language):
        message["Content-Language"] = language
    return message


def text_to_html(text: str) -> str:
    """A minimal HTML rendering of plain text: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return f'<!DOCTYPE html>\n<html><body style="font-family:sans-serif">\n{body}\n</body></html>\n'
