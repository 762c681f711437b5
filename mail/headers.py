"""Header decoding: RFC 2047 encoded words, RFC 2231 parameters and raw 8-bit headers.

Python's ``email`` package gives up (U+FFFD) on raw 8-bit headers and on charsets it does not
know (``ks_c_5601-1987`` in an encoded word). These helpers read the raw header text the parser
kept and decode it with :mod:`mail.charsets`, so a Big5 subject written by Outlook, or an
ISO-2022-JP one split across two encoded words, comes out right.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from email.message import Message
from email.utils import getaddresses, unquote

from mail.charsets import decode_bytes

_ENCODED_WORD = re.compile(r"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"^[ \t\r\n]*$")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]")


def raw_to_bytes(raw: str) -> bytes:
    """The original bytes of a header value the parser kept (8-bit bytes as surrogates)."""
    return raw.encode("utf-8", "surrogateescape")


def decode_header_text(raw: str, *, hint: str | None = None) -> str:
    """A header value as text: unfolded, 8-bit bytes decoded, encoded words decoded.

    Adjacent encoded words in the same charset are joined before decoding, since clients split
    a multibyte character (or an ISO-2022-JP escape sequence) across them; whitespace between
    adjacent encoded words is dropped (RFC 2047 §6.2).
    """
    text = header_text(raw, hint=hint)
    if "=?" in text:
        text = _decode_encoded_words(text)
    return text


def _decode_encoded_words(text: str) -> str:
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset: str | None = None
    position = 0

    def flush() -> None:
        nonlocal pending, pending_charset
        if pending:
            out.append(decode_bytes(b"".join(pending), pending_charset).text)
        pending = []
        pending_charset = None

    for match in _ENCODED_WORD.finditer(text):
        gap = text[position : match.start()]
        if not (pending and _BETWEEN_WORDS.match(gap)):
            flush()
            out.append(gap)
        charset, encoding, payload = match.group(1), match.group(2).upper(), match.group(3)
        data = _word_bytes(encoding, payload)
        if data is None:
            flush()
            out.append(match.group(0))
        else:
            if pending and charset.lower() != (pending_charset or "").lower():
                flush()
            pending.append(data)
            pending_charset = charset
        position = match.end()
    flush()
    out.append(text[position:])
    return "".join(out)


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    if encoding == "B":
        try:
            return base64.b64decode(payload + "=" * (-len(payload) % 4))
        except (binascii.Error, ValueError):
            return None
    return quopri.decodestring(payload.replace("_", " ").encode("ascii", "replace"), header=True)


def one_line(text: str) -> str:
    """Header text safe to store and to reuse in a header: control characters become spaces."""
    return " ".join(_CONTROL.sub(" ", text).split())


#: RFC 5321 §4.5.3.1: 64 octets of local part, "@", 255 of domain. Longer is not an address.
MAX_ADDRESS_LENGTH = 320
_NOT_IN_ADDRESS = re.compile(r"[\s<>\x00-\x1f\x7f\u0085\u2028\u2029]")


def parse_addresses(raw_values: list[str], *, hint: str | None = None) -> list[tuple[str, str]]:
    """(display name, lowercased address) pairs from raw To/From/Cc values; junk is skipped.

    The address is the one in angle brackets whenever there is one (RFC 5322 ``name-addr``),
    never one read out of the display name: ``victim@victim.example <attacker@evil.example>``
    is from the attacker, as DMARC sees it. Encoded words are decoded only in display names,
    after the split, so nothing they decode to (an address, a CRLF) can reach an address.
    """
    pairs: list[tuple[str, str]] = []
    for value in raw_values:
        for name, address in mailboxes(header_text(value, hint=hint)):
            address = address.strip()
            if (
                "@" not in address
                or len(address) > MAX_ADDRESS_LENGTH
                or _NOT_IN_ADDRESS.search(address)
            ):
                continue
            pairs.append((one_line(decode_header_text(name, hint=hint)), address.lower()))
    return pairs


_ADDRESS_LIKE = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")


def other_address_in_name(name: str, address: str) -> str | None:
    """An address written in the display name that is not the sender's own, if any: a name
    like ``victim@victim.example`` on mail from ``attacker@evil.example`` pretends to be
    someone else, and the person reading the inbox must be told."""
    for found in _ADDRESS_LIKE.findall(name):
        candidate = str(found).strip(".").lower()
        if candidate != address.lower():
            return candidate
    return None


def mailboxes(text: str) -> list[tuple[str, str]]:
    """Split an address header into (raw display name, address) pairs.

    ``<...>`` outside quotes is an address, and the text before it (back to an unquoted comma)
    its display name; what stands outside any ``name <address>`` is read by
    :func:`email.utils.getaddresses` (bare addresses, groups).
    """
    found: list[tuple[str, str]] = []
    pending: list[str] = []  # text since the last mailbox
    comma = -1  # where in ``pending`` the last comma outside quotes is
    quoted = escaped = False
    index = 0
    while index < len(text):
        char = text[index]
        if escaped:
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif not quoted and char == ",":
            comma = len(pending)
        elif not quoted and char == "<":
            end = text.find(">", index)
            if end < 0:
                break
            before = "".join(pending[: max(comma, 0)])
            if before.strip():
                found.extend(getaddresses([before]))
            name = "".join(pending[comma + 1 :])
            found.append((unquote(name.strip()), text[index + 1 : end]))
            pending, comma = [], -1
            index = end + 1
            continue
        pending.append(char)
        index += 1
    rest = "".join(pending) + text[index:]
    if rest.strip(" \t,;"):
        found.extend(getaddresses([rest]))
    return found


def header_text(raw: str, *, hint: str | None = None) -> str:
    """A header value unfolded and its 8-bit bytes decoded; encoded words left as they are."""
    text = _FOLD.sub("", raw)
    if "\x1b" in text or any("\udc80" <= ch <= "\udcff" for ch in text):
        return decode_bytes(raw_to_bytes(text), None, hint=hint).text
    if not text.isascii():
        return decode_bytes(raw_to_bytes(text), "utf-8", hint=hint).text
    return text


def decode_rfc2231(value: str | tuple[str | None, str | None, str]) -> str:
    """A parameter value as ``email`` returns it: plain, or an RFC 2231 (charset, lang, value)."""
    if isinstance(value, tuple):
        charset, _language, encoded = value
        # email has already percent-decoded the value into latin-1 code points.
        try:
            data = encoded.encode("latin-1")
        except UnicodeEncodeError:
            data = raw_to_bytes(encoded)
        return decode_bytes(data, charset or "utf-8").text
    return decode_header_text(value)


def raw_headers(msg: Message, name: str) -> list[str]:
    """Every raw value of header ``name`` as the parser kept it (no header-object parsing,
    which can fail on hostile input)."""
    wanted = name.lower()
    return [str(value) for key, value in msg.raw_items() if key.lower() == wanted]


def first_header(msg: Message, name: str, *, hint: str | None = None) -> str | None:
    """The first value of header ``name``, decoded to one line of text; None when absent."""
    values = raw_headers(msg, name)
    return one_line(decode_header_text(values[0], hint=hint)) if values else None
