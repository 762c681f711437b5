"""Inbound mail services started by ``kakehashi serve``: the SMTP listener and the IMAP poller."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from functools import partial

from gateway.db import Database
from gateway.mailbox.inbound import store_inbound
from gateway.settings import Settings
from mail.errors import ImapError
from mail.imap import DEFAULT_BATCH, ImapSettings, StorageFailed, parse_imap_url, poll_once
from mail.inbound_smtp import SmtpListener, StoreRaw, parse_listen_address, start_listener

log = logging.getLogger(__name__)

MAX_BACKOFF = 10
"""After failures in a row the poller waits up to this many poll intervals (10 min at 60 s)."""


class MailServices:
    def __init__(self) -> None:
        self.listener: SmtpListener | None = None
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None

    def stop(self) -> None:
        self._stop.set()
        if self.listener is not None:
            self.listener.stop()
        if self._poller is not None:
            self._poller.join(10)


def start_mail_services(database: Database, settings: Settings) -> MailServices:
    services = MailServices()
    store = partial(_store, database)
    # a bad KAKEHASHI_IMAP_URL fails before anything is started
    imap = parse_imap_url(settings.imap_url) if settings.imap_url else None
    if settings.smtp_listen:
        host, port = parse_listen_address(settings.smtp_listen)
        if not settings.support_addresses:
            raise ValueError(
                "KAKEHASHI_SMTP_LISTEN is set but KAKEHASHI_SUPPORT_ADDRESSES is empty: "
                "list the addresses mail is accepted for"
            )
        services.listener = start_listener(
            host,
            port,
            support_addresses=settings.support_addresses,
            store_raw=store,
            max_size=settings.mail_max_bytes,
        )
        log.info("SMTP listener on %s:%d", host, services.listener.port)
    if imap is not None:
        services._poller = threading.Thread(
            target=_poll_imap,
            args=(imap, store, settings.imap_poll_seconds, services._stop),
            name="kakehashi-imap",
            daemon=True,
        )
        services._poller.start()
    return services


def _poll_imap(imap: ImapSettings, store: StoreRaw, interval: float, stop: threading.Event) -> None:
    """Poll until stopped. No failure ends the thread: each is logged and retried. After mail
    server failures in a row (a wrong password, the server down) it waits longer each time, up
    to ``MAX_BACKOFF`` intervals, so as not to hammer the shop's mail server; a full batch is
    followed at once by the next."""
    failures = 0  # mail server failures in a row
    storing_failed = False
    while not stop.is_set():
        try:
            count = poll_once(imap, store, batch=DEFAULT_BATCH)
        except StorageFailed as exc:
            # The mail server answered; our side could not take some mail. Waiting longer
            # would only delay the buyers' other mail, so the next poll comes as usual.
            log.warning("IMAP poll: %s", exc)
            failures, storing_failed = 0, True
            if exc.stored:
                log.info("stored %d message(s) from IMAP %r", exc.stored, imap)
            stop.wait(interval)
            continue
        except Exception as exc:
            failures += 1
            wait = interval * min(2 ** (failures - 1), MAX_BACKOFF)
            # an ImapError says what to do; anything else is a bug, logged with its traceback,
            # and must not end polling for the life of the process either
            log.warning(
                "IMAP poll failed (%d in a row), next try in %g s: %s",
                failures,
                wait,
                exc,
                exc_info=not isinstance(exc, ImapError),
            )
            stop.wait(wait)
            continue
        if failures or storing_failed:
            log.info("IMAP poll of %r works again", imap)
        failures, storing_failed = 0, False
        if count:
            log.info("stored %d message(s) from IMAP %r", count, imap)
        if count < DEFAULT_BATCH:  # a full batch means more are waiting: fetch them at once
            stop.wait(interval)


def _store(database: Database, raw: bytes, mail_from: str, rcpt_tos: Sequence[str]) -> None:
    store_inbound(database, raw, mail_from, rcpt_tos)
