from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUPPORT = "support@sakura-tea.example.jp"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class CapturingRelay:
    """An aiosmtpd relay that keeps what it receives; ``script`` lists replies to give to
    DATA before accepting (e.g. ["421 4.3.2 Service shutting down"])."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    script: list[str] = field(default_factory=list)
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.script:
                return self.script.pop(0)
            self.received.append(
                (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 2.0.0 Ok: queued"


@pytest.fixture
def relay() -> Iterator[tuple[CapturingRelay, int]]:
    handler = CapturingRelay()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
