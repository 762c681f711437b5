"""What parsing a stored raw message produces: plain frozen values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mail.attachments import types_agree


@dataclass(frozen=True)
class Attachment:
    """A file the sender attached. ``content`` is None when the file was over the size limit:
    such a file is flagged, never silently dropped; its bytes stay in the stored raw message."""

    filename: str
    declared_type: str
    sniffed_type: str
    size: int
    sha256: str
    content: bytes | None
    over_limit: bool = False
    inline: bool = False
    content_id: str | None = None

    @property
    def type_mismatch(self) -> bool:
        """True when the file is not what its Content-Type says (an .exe sent as image/jpeg)."""
        return not types_agree(self.declared_type, self.sniffed_type)


@dataclass(frozen=True)
class Automation:
    """Header signals that a program, not a person, sent the mail (RFC 3834 and common practice)."""

    auto_submitted: str | None = None
    precedence: str | None = None
    list_id: str | None = None
    x_loop: tuple[str, ...] = ()
    autoreply_headers: tuple[str, ...] = ()
    suppress_auto_response: bool = False
    return_path: str | None = None
    #: RFC 2369 list headers present (List-Post, List-Help, …; List-Id is ``list_id``).
    list_headers: tuple[str, ...] = ()
    #: The body is a multipart/digest (RFC 2046 §5.1.5): a list's digest of several mails.
    digest: bool = False
    #: report-type of a multipart/report (RFC 6522): delivery-status, disposition-notification…
    report_type: str | None = None

    @property
    def null_return_path(self) -> bool:
        """``Return-Path: <>``: the sender asked that nothing be sent back (RFC 5321 §4.5.5)."""
        return self.return_path == ""


@dataclass(frozen=True)
class BounceInfo:
    """A delivery status notification about one of our outbound mails (RFC 3464)."""

    action: str
    reported_message_ids: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    status: str | None = None
    diagnostic: str | None = None

    @property
    def is_failure(self) -> bool:
        """True when the report says the mail was not delivered (not merely delayed)."""
        return self.action == "failed"


@dataclass(frozen=True)
class ParsedMail:
    """Everything the gateway needs from one inbound message. ``full_text`` is the whole body;
    ``new_text`` is what the sender wrote this time, quotes and signature folded away."""

    message_id: str
    message_id_generated: bool
    subject: str
    clean_subject: str
    sender_address: str
    sender_name: str
    new_text: str
    full_text: str
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    reply_to: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    date: datetime | None = None
    content_language: str | None = None
    quoted_text: str = ""
    signature: str = ""
    html_sanitized: str | None = None
    attachments: tuple[Attachment, ...] = ()
    automation: Automation = field(default_factory=Automation)
    bounce: BounceInfo | None = None
    parse_problems: tuple[str, ...] = ()

    @property
    def is_bounce(self) -> bool:
        return self.bounce is not None

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """Message-IDs this mail answers, most specific first: In-Reply-To, then References
        from the newest back (RFC 5322 §3.6.4)."""
        seen: dict[str, None] = {}
        for message_id in (*self.in_reply_to, *reversed(self.references)):
            seen.setdefault(message_id, None)
        return tuple(seen)
