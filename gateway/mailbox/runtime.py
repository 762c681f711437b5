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
from mail.imap import parse_imap_url, poll_once
from mail.inbound_smtp import SmtpListener, parse_listen_address, start_listener

log = logging.getLogger(__name__)


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
    if settings.imap_url:
        imap = parse_imap_url(settings.imap_url)

        def poll() -> None:
            while not services._stop.is_set():
                try:
                    poll_once(imap, store)
                except ImapError as exc:
                    log.warning("IMAP poll failed: %s", exc)
                services._stop.wait(settings.imap_poll_seconds)

        services._poller = threading.Thread(target=poll, name="kakehashi-imap", daemon=True)
        services._poller.start()
    return services


def _store(database: Database, raw: bytes, mail_from: str, rcpt_tos: Sequence[str]) -> None:
    store_inbound(database, raw, mail_from, rcpt_tos)
