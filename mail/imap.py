"""IMAP poller for shops whose support mailbox is hosted (Gmail, Microsoft 365, …).

Each poll fetches unseen messages without marking them (``BODY.PEEK[]``), hands each raw
message to ``store_raw`` and sets ``\\Seen`` only after it returned, i.e. after the gateway
committed. A crash in between leaves the message unseen and it is fetched again; the gateway's
one-message-per-Message-ID rule turns that second fetch into a no-op.
"""

from __future__ import annotations

import base64
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from mail.errors import ImapError
from mail.inbound_smtp import StoreRaw

log = logging.getLogger(__name__)

DEFAULT_BATCH = 50
FAILURES_IN_A_ROW = 3


class StorageFailed(ImapError):
    """The mailbox was read, but the gateway could not store some messages (they stay unseen).
    Not the mail server's fault: no reason for the poller to wait longer before the next try."""

    def __init__(self, message: str, *, stored: int, failed: int) -> None:
        super().__init__(message)
        self.stored = stored
        self.failed = failed


@dataclass(frozen=True)
class ImapSettings:
    """Where and how to log in, from ``imaps://user:password@host:993/INBOX``."""

    host: str
    port: int
    username: str
    password: str
    mailbox: str = "INBOX"
    ssl: bool = True

    def __repr__(self) -> str:  # never print the password
        scheme = "imaps" if self.ssl else "imap"
        return f"ImapSettings({scheme}://{self.username}@{self.host}:{self.port}/{self.mailbox})"


def parse_imap_url(url: str) -> ImapSettings:
    """Settings from KAKEHASHI_IMAP_URL; user and password may be percent-encoded."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"imap", "imaps"}:
        raise ImapError(
            "KAKEHASHI_IMAP_URL must start with imaps:// (or imap:// on a trusted "
            "network), e.g. imaps://user:password@imap.example.com/INBOX"
        )
    if not parts.hostname or parts.username is None or parts.password is None:
        raise ImapError(
            "KAKEHASHI_IMAP_URL needs user, password and host: "
            "imaps://user:password@imap.example.com/INBOX"
        )
    try:
        port = parts.port
    except ValueError as error:
        raise ImapError(f"KAKEHASHI_IMAP_URL has a bad port: {error}") from error
    ssl = parts.scheme == "imaps"
    return ImapSettings(
        host=parts.hostname,
        port=port or (993 if ssl else 143),
        username=unquote(parts.username),
        password=unquote(parts.password),
        mailbox=unquote(parts.path.lstrip("/")) or "INBOX",
        ssl=ssl,
    )


def _check(response: tuple[str, list[Any]], doing: str) -> list[Any]:
    status, data = response
    if status != "OK":
        raise ImapError(f"IMAP server refused to {doing}: {_server_words(data)}")
    return data


def _server_words(data: Any) -> str:
    """What the server said, as text (imaplib hands over bytes, or lists of them)."""
    if isinstance(data, imaplib.IMAP4.error):
        data = list(data.args)
    items = data if isinstance(data, list | tuple) else [data]
    words = [
        item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
        for item in items
        if item is not None
    ]
    return " ".join(words).strip() or "no reason given"


def poll_once(
    settings: ImapSettings,
    store_raw: StoreRaw,
    *,
    batch: int = DEFAULT_BATCH,
    timeout: float = 60.0,
) -> int:
    """Fetch up to ``batch`` unseen messages, store each, then mark it seen. Returns how many
    were stored. A message ``store_raw`` fails on stays unseen, to be fetched by the next
    poll; the others are still stored, unless ``FAILURES_IN_A_ROW`` fail one after another
    (the store is down, not the message). Any failure ends in an ImapError."""
    client: imaplib.IMAP4
    try:
        if settings.ssl:
            # imaplib's own default context checks no certificate at all: anyone on the path
            # could collect the mailbox password. Verify against the system's CAs (or the
            # bundle SSL_CERT_FILE names), with the host name checked.
            client = imaplib.IMAP4_SSL(
                settings.host,
                settings.port,
                ssl_context=ssl.create_default_context(),
                timeout=timeout,
            )
        else:
            client = imaplib.IMAP4(settings.host, settings.port, timeout=timeout)
    except ssl.SSLCertVerificationError as error:
        raise ImapError(
            f"the IMAP server {settings.host}:{settings.port} did not prove who it is "
            f"({error.verify_message}); if it uses a private CA, point SSL_CERT_FILE at that "
            "CA's certificate"
        ) from error
    except (imaplib.IMAP4.error, OSError) as error:
        raise ImapError(
            f"cannot reach IMAP server {settings.host}:{settings.port}: {_server_words(error)}"
        ) from error
    stored = 0
    failures: list[tuple[str, Exception]] = []
    stored_since_failure = 0  # len(failures) when a message was last stored
    try:
        try:
            _login(client, settings)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as error:
            raise ImapError(
                f"IMAP login refused for {settings.username} on {settings.host}: "
                f"{_server_words(error)}; check the user and password in "
                "KAKEHASHI_IMAP_URL"
            ) from error
        _check(
            client.select(_quote(encode_mailbox_name(settings.mailbox))),
            f"open mailbox {settings.mailbox}",
        )
        found = _check(client.uid("SEARCH", "UNSEEN"), "search unseen messages")
        uids = found[0].decode().split() if found and isinstance(found[0], bytes) else []
        for uid in uids[:batch]:
            data = _check(client.uid("FETCH", uid, "(BODY.PEEK[])"), "fetch a message")
            raw = next(
                (
                    item[1]
                    for item in data
                    if isinstance(item, tuple) and isinstance(item[1], bytes)
                ),
                None,
            )
            if raw is None:  # expunged by someone else since the search
                continue
            try:
                store_raw(raw, _return_path(raw), [])
            except Exception as error:
                # Left unseen, so the next poll fetches it again. The messages after it are
                # still tried: one mail the gateway cannot take must not hold up the rest.
                failures.append((uid, error))
                if len(failures) - stored_since_failure >= FAILURES_IN_A_ROW:
                    break  # the store itself is down; no use trying every message
                continue
            _check(client.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "mark a message seen")
            stored += 1
            stored_since_failure = len(failures)
    except (imaplib.IMAP4.error, OSError) as error:
        raise ImapError(f"IMAP error on {settings.host}: {_server_words(error)}") from error
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    if failures:
        last_uid, last = failures[-1]
        raise StorageFailed(
            f"the gateway could not store {len(failures)} message(s) from {settings.host} "
            f"({stored} stored); they stay unseen and are fetched again by the next poll. "
            f"Last: UID {last_uid}: {type(last).__name__}: {last}",
            stored=stored,
            failed=len(failures),
        ) from last
    return stored


def _login(client: imaplib.IMAP4, settings: ImapSettings) -> None:
    if settings.username.isascii() and settings.password.isascii():
        client.login(settings.username, settings.password)
        return
    # imaplib sends LOGIN as ASCII only; SASL PLAIN carries UTF-8 (RFC 4616 §2), so a password
    # like "パスワード1" still works where the server offers it (Dovecot, Gmail, Microsoft 365).
    credentials = f"\0{settings.username}\0{settings.password}".encode()
    client.authenticate("PLAIN", lambda _challenge: credentials)


def encode_mailbox_name(name: str) -> str:
    """A mailbox name in IMAP's modified UTF-7 (RFC 3501 §5.1.3): printable ASCII stays as it
    is ("&" becomes "&-"), anything else goes as "&" + base64 of UTF-16BE ("," for "/") + "-"."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append(
                "&" + base64.b64encode(data).decode("ascii").rstrip("=").replace("/", ",") + "-"
            )
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _return_path(raw: bytes) -> str:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    match = re.search(rb"^Return-Path:\s*<([^<>\r\n]*)>", head, re.IGNORECASE | re.MULTILINE)
    return match.group(1).decode("ascii", "replace") if match else ""
