"""Errors raised by the mail package: one base class, each with a message a person can act on."""

from __future__ import annotations


class MailError(Exception):
    """Base class for every error the mail package raises on purpose."""


class ComposeError(MailError):
    """An outbound mail cannot be built from the given values (bad address, bad Message-ID)."""


class ListenerError(MailError):
    """The inbound SMTP listener cannot start (bad address, port in use)."""


class ImapError(MailError):
    """The IMAP poller cannot reach or read the mailbox (bad URL, login refused, server error)."""


class AcknowledgementError(MailError):
    """An acknowledgement cannot be rendered (missing catalog, bad time zone)."""
