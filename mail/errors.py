"""Errors raised by the mail package: one base class, each with a message a person can act on."""

from __future__ import annotations


class MailError(Exception):
    """Base class for every error the mail package raises on purpose."""


class ComposeError(MailError):
    """An outbound mail cannot be built from the given values (bad address, bad Message-ID)."""


class SendError(MailError):
    """Sending to the outbound relay failed; ``temporary`` says whether to retry."""

    def __init__(self, message: str, *, temporary: bool, code: int | None = None) -> None:
        super().__init__(message)
        self.temporary = temporary
        self.code = code


class ListenerError(MailError):
    """The inbound SMTP listener cannot start (bad address, port in use)."""


class ImapError(MailError):
    """The IMAP poller cannot reach or read the mailbox (bad URL, login refused, server error)."""


class AcknowledgementError(MailError):
    """An acknowledgement cannot be rendered (missing catalog, bad time zone)."""
