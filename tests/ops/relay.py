"""A real SMTP relay on loopback (aiosmtpd) that can be down (421) or hang, and counts what it
accepted by Message-ID."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from typing import Any

from aiosmtpd.controller import Controller

from tests.ops.cluster import free_port

DOWN = "421 4.3.2 Service not available, closing transmission channel"


class Relay:
    """``down``: every transaction is answered 421, alternately at RCPT and at end of DATA
    (RFC 5321 §3.8), and nothing is kept. ``hang``: RCPT gets no answer until ``hang`` is
    cleared, then 421. Otherwise each mail is accepted and its Message-ID counted."""

    def __init__(self) -> None:
        self.down = False
        self.hang = False
        self.accepted: Counter[str] = Counter()
        self.recipients: Counter[str] = Counter()
        self.refused = 0
        self.hanging = 0
        self._transactions = 0
        self._lock = threading.Lock()

    def _refuse(self) -> str:
        with self._lock:
            self.refused += 1
        return DOWN

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.hang:
            with self._lock:
                self.hanging += 1
            while self.hang:
                await asyncio.sleep(0.05)
            return self._refuse()
        with self._lock:
            self._transactions += 1
            at_rcpt = self._transactions % 2 == 0
        if self.down and at_rcpt:
            return self._refuse()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.down:
            return self._refuse()
        mail = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.accepted[str(mail["Message-ID"])] += 1
            self.recipients.update(envelope.rcpt_tos)
        return "250 2.0.0 OK"


@contextmanager
def running_relay() -> Iterator[tuple[Relay, int]]:
    relay = Relay()
    port = free_port()
    controller = Controller(relay, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield relay, port
    finally:
        relay.hang = False
        controller.stop()
