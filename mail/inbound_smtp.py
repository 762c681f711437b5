"""The inbound SMTP listener: accept mail for our support addresses and store it durably.

Nothing is parsed here. At RCPT time only support addresses are accepted (550 5.1.1 for the
rest, so we are never an open relay). After DATA the raw bytes go to ``store_raw`` (run in a
worker thread, so it may commit to a database) and only when it returns do we answer 250: if
we crash before that, the sending MTA still has the mail and retries. A storage failure is
answered 451 4.3.0 so the sender retries later (RFC 5321 §4.2.5); a mail over the size limit
552 5.3.4 (RFC 3463).

As the final delivery agent we prepend ``Return-Path`` (RFC 5321 §4.4) and a ``Received``
line, so that the envelope sender (``<>`` for bounces) is part of the stored message.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from aiosmtpd.smtp import SMTP

from mail.errors import ListenerError

log = logging.getLogger(__name__)

StoreRaw = Callable[[bytes, str, list[str]], None]
"""``store_raw(raw, mail_from, rcpt_tos)``: store durably and return, or raise."""

DEFAULT_MAX_SIZE = 25 * 1024 * 1024
MAX_RECIPIENTS = 50
# RFC 5321 §4.5.3.1.6 says 1000; real mail (a 500 KB single-line HTML body) ignores it, and
# refusing it would lose a buyer's mail, so lines are only limited by the size limit.
MAX_LINE = 8 * 1024 * 1024


def parse_listen_address(value: str) -> tuple[str, int]:
    """``"127.0.0.1:2525"`` / ``"[::1]:2525"`` / ``":2525"`` → (host, port)."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ListenerError(
            f"KAKEHASHI_SMTP_LISTEN={value!r} is not host:port, e.g. 127.0.0.1:2525"
        )
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - ":2525" means all interfaces


def parse_support_addresses(value: str | Iterable[str]) -> frozenset[str]:
    """Support addresses from the comma-separated setting, lowercased."""
    items = value.split(",") if isinstance(value, str) else list(value)
    addresses = frozenset(item.strip().lower() for item in items if item.strip())
    bad = sorted(address for address in addresses if address.count("@") != 1)
    if bad:
        raise ListenerError(
            f"KAKEHASHI_SUPPORT_ADDRESSES has entries that are not addresses: {', '.join(bad)}"
        )
    return addresses


def _domain_only(address: str) -> str:
    """Addresses are personal data: logs get the domain only."""
    return "<>" if not address else "*@" + address.rsplit("@", 1)[-1]


class _SupportSMTP(SMTP):
    line_length_limit = MAX_LINE

    async def push(self, status: str | bytes) -> None:
        # aiosmtpd answers size problems without the enhanced status code (RFC 3463).
        if isinstance(status, bytes):
            status = status.decode("utf-8", "replace")
        if status.startswith("552 Error"):
            status = "552 5.3.4 Message too big for this system"
        await super().push(status)


class SupportMailHandler:
    """aiosmtpd handler: RCPT filtering, then store the raw bytes before answering 250."""

    def __init__(
        self,
        *,
        support_addresses: Iterable[str],
        store_raw: StoreRaw,
        max_size: int = DEFAULT_MAX_SIZE,
        hostname: str | None = None,
        executor: ThreadPoolExecutor | None = None,
    ) -> None:
        self.support_addresses = parse_support_addresses(support_addresses)
        if not self.support_addresses:
            raise ListenerError("no support addresses: set KAKEHASHI_SUPPORT_ADDRESSES")
        self.store_raw = store_raw
        self.max_size = max_size
        self.hostname = hostname or socket.getfqdn()
        self.executor = executor

    def accepts(self, address: str) -> bool:
        """Whether mail to ``address`` is ours (subaddresses like support+tw@ included)."""
        address = address.strip().strip("<>").lower()
        if address in self.support_addresses:
            return True
        local, _, domain = address.rpartition("@")
        return "+" in local and f"{local.split('+', 1)[0]}@{domain}" in self.support_addresses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if not self.accepts(address):
            log.info("refused RCPT to %s", _domain_only(address))
            return "550 5.1.1 Recipient address rejected: no such mailbox here"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address.strip().strip("<>").lower())
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        if len(content) > self.max_size:
            return "552 5.3.4 Message too big for this system"
        mail_from = envelope.mail_from or ""
        raw = self._trace(mail_from, session) + content
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                self.executor, self.store_raw, raw, mail_from, list(envelope.rcpt_tos)
            )
        except Exception:
            log.exception(
                "could not store mail from %s; answered 451 so the sender retries",
                _domain_only(mail_from),
            )
            return "451 4.3.0 Temporary failure storing the message, please try again later"
        return "250 2.0.0 Message accepted"

    def _trace(self, mail_from: str, session: Any) -> bytes:
        helo = "".join(ch for ch in str(session.host_name or "unknown") if ch.isprintable())
        peer = session.peer[0] if isinstance(session.peer, tuple) else "unknown"
        received = (
            f"Received: from {helo[:100]} ([{peer}])\r\n"
            f"\tby {self.hostname} (kakehashi) with ESMTP;\r\n"
            f"\t{format_datetime(datetime.now(UTC))}\r\n"
        )
        clean_from = "".join(ch for ch in mail_from if ch.isprintable() and ch not in "<>\r\n")
        return f"Return-Path: <{clean_from}>\r\n{received}".encode("utf-8", "replace")


async def serve_smtp(handler: SupportMailHandler, host: str, port: int) -> asyncio.Server:
    """Serve ``handler`` on the running event loop (for a process that already has one)."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.create_server(
            lambda: _SupportSMTP(
                handler,
                data_size_limit=handler.max_size,
                loop=loop,
                hostname=handler.hostname,
                ident="kakehashi ESMTP",
            ),
            host,
            port,
        )
    except OSError as error:
        raise ListenerError(
            f"cannot listen for SMTP on {host}:{port}: {error}; check KAKEHASHI_SMTP_LISTEN"
        ) from error


class SmtpListener:
    """A listener running on its own thread and event loop; :meth:`stop` shuts it down."""

    def __init__(self, handler: SupportMailHandler, host: str, port: int) -> None:
        self.handler = handler
        self.host = host
        self.port = port
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kakehashi-smtp", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._server = self._loop.run_until_complete(
                serve_smtp(self.handler, self.host, self.port)
            )
            self.port = self._server.sockets[0].getsockname()[1]
        except BaseException as error:  # reported to the thread that called start()
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        self._loop.close()

    def start(self) -> SmtpListener:
        self._thread.start()
        self._ready.wait(timeout=30)
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
                await asyncio.wait_for(self._server.wait_closed(), timeout=5)

        if self._thread.is_alive():
            future = asyncio.run_coroutine_threadsafe(close(), self._loop)
            try:
                future.result(timeout=10)
            except Exception:  # stopping must not fail; open sessions are dropped
                log.warning("SMTP listener did not close cleanly")
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
        if self.handler.executor is not None:
            self.handler.executor.shutdown(wait=True)


def start_listener(
    host: str,
    port: int,
    *,
    support_addresses: Iterable[str],
    store_raw: StoreRaw,
    max_size: int = DEFAULT_MAX_SIZE,
    storage_threads: int = 4,
) -> SmtpListener:
    """Start listening on ``host:port`` (port 0 picks a free port: read ``.port``).

    ``store_raw`` runs on a pool of ``storage_threads`` threads, which bounds the database
    connections the listener uses.
    """
    executor = ThreadPoolExecutor(
        max_workers=storage_threads, thread_name_prefix="kakehashi-smtp-store"
    )
    handler = SupportMailHandler(
        support_addresses=support_addresses,
        store_raw=store_raw,
        max_size=max_size,
        executor=executor,
    )
    return SmtpListener(handler, host, port).start()
