"""IMAP poller for shops whose support mailbox is hosted (Gmail, Microsoft 365, …).

Each poll fetches unseen messages without marking them (``BODY.PEEK[]``), hands each raw
message to ``store_raw`` and sets ``\\Seen`` only after it returned, i.e. after the gateway
committed. A crash in between leaves the message unseen and it is fetched again; the gateway's
one-message-per-Message-ID rule turns that second fetch into a no-op.
"""

from __future__ import annotations

import asyncio
import imaplib
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from mail.errors import ImapError
from mail.inbound_smtp import StoreRaw

log = logging.getLogger(__name__)

DEFAULT_BATCH = 50


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
        raise ImapError("KAKEHASHI_IMAP_URL must start with imaps:// (or imap:// on a trusted "
                        "network), e.g. imaps://user:password@imap.example.com/INBOX")
    if not parts.hostname or parts.username is None or parts.password is None:
        raise ImapError("KAKEHASHI_IMAP_URL needs user, password and host: "
                        "imaps://user:password@imap.example.com/INBOX")
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
        raise ImapError(f"IMAP server refused to {doing}: {data!r}")
    return data


def poll_once(settings: ImapSettings, store_raw: StoreRaw, *, batch: int = DEFAULT_BATCH,
              timeout: float = 60.0) -> int:
    """Fetch up to ``batch`` unseen messages, store each, then mark it seen. Returns how many
    were stored. A storage failure stops the poll (the message stays unseen) and raises."""
    client: imaplib.IMAP4
    try:
        if settings.ssl:
            client = imaplib.IMAP4_SSL(settings.host, settings.port, timeout=timeout)
        else:
            client = imaplib.IMAP4(settings.host, settings.port, timeout=timeout)
    except OSError as error:
        raise ImapError(f"cannot reach IMAP server {settings.host}:{settings.port}: "
                        f"{error}") from error
    stored = 0
    try:
        try:
            client.login(settings.username, settings.password)
        except imaplib.IMAP4.error as error:
            raise ImapError(f"IMAP login refused for {settings.username}: {error}; check "
                            "KAKEHASHI_IMAP_URL") from error
        _check(client.select(_quote(settings.mailbox)), f"open mailbox {settings.mailbox}")
        found = _check(client.uid("SEARCH", "UNSEEN"), "search unseen messages")
        uids = found[0].decode().split() if found and isinstance(found[0], bytes) else []
        for uid in uids[:batch]:
            data = _check(client.uid("FETCH", uid, "(BODY.PEEK[])"), "fetch a message")
            raw = next((item[1] for item in data
                        if isinstance(item, tuple) and isinstance(item[1], bytes)), None)
            if raw is None:
                continue
            store_raw(raw, _return_path(raw), [])
            _check(client.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "mark a message seen")
            stored += 1
    except (imaplib.IMAP4.error, OSError) as error:
        raise ImapError(f"IMAP error on {settings.host}: {error}") from error
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return stored


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _return_path(raw: bytes) -> str:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    match = re.search(rb"^Return-Path:\s*<([^<>\r\n]*)>", head, re.IGNORECASE | re.MULTILINE)
    return match.group(1).decode("ascii", "replace") if match else ""


async def run_poller(settings: ImapSettings, store_raw: StoreRaw, *, interval: float = 60.0,
                     stop: asyncio.Event) -> None:
    """Poll every ``interval`` seconds until ``stop`` is set; errors are logged, not fatal."""
    while not stop.is_set():
        try:
            count = await asyncio.to_thread(poll_once, settings, store_raw)
            if count:
                log.info("stored %d message(s) from IMAP %s", count, settings.host)
        except ImapError as error:
            log.warning("IMAP poll failed, will retry: %s", error)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass
