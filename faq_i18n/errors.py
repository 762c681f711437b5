"""Errors of the FAQ package; each message says what to fix."""

from __future__ import annotations


class FaqError(Exception):
    """Base class for FAQ errors."""


class FaqFormatError(FaqError):
    """An import file that cannot be read; the message names the file part at fault."""


class UnknownLocaleError(FaqError):
    """A locale the FAQ is not published in."""
