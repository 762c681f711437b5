"""A small HTTP listener for ``kakehashi worker``: ``/healthz``, ``/readyz`` and ``/metrics``.

Worker processes have no web app, yet their translation and mail figures are counted per
process, so each worker serves them itself (``KAKEHASHI_METRICS_LISTEN``).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from gateway.ops.health import database_problem
from gateway.ops.metrics import exposition


class OperationsError(ValueError):
    """The listen address cannot be used; the message says what to write instead."""


def parse_listen(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:9100`` for IPv6) → ``(host, port)``."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise OperationsError(f"{value!r}: write the address as HOST:PORT, e.g. 0.0.0.0:9100")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104  (a container listens on all)


class _Handler(BaseHTTPRequestHandler):
    server_version = "kakehashi-worker"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/metrics":
            self._answer(200, *exposition(self.headers.get("Accept")))
        elif path == "/healthz":
            self._json(200, {"status": "ok"})
        elif path == "/readyz":
            problem = database_problem()
            if problem is None:
                self._json(200, {"status": "ok"})
            else:
                self._json(503, {"status": "unavailable", "reason": problem})
        else:
            self._json(404, {"status": "not found"})

    def _json(self, status: int, body: dict[str, str]) -> None:
        self._answer(status, json.dumps(body).encode(), "application/json")

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Scrapes and probes every few seconds would drown the worker's own log lines."""


class OperationsServer:
    """The listener, served from a daemon thread until :meth:`stop`."""

    def __init__(self, listen: str) -> None:
        host, port = parse_listen(listen)
        self._server = ThreadingHTTPServer((host, port), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="kakehashi-operations", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> OperationsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
