"""Start ``kakehashi serve`` in a subprocess for benchmarks, on a fresh SQLite file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Running:
    base: str  # http://127.0.0.1:PORT
    work: Path  # the server's working directory (database, models)
    pid: int
    database_url: str


@contextmanager
def running(extra_env: dict[str, str] | None = None) -> Iterator[Running]:
    """A ``kakehashi serve`` on a fresh SQLite file, answering /healthz; stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="kakehashi-bench-") as scratch:
        work = Path(scratch)
        port = free_port()
        database_url = f"sqlite:///{work / 'bench.db'}"
        env = {
            **os.environ,
            "KAKEHASHI_DATABASE_URL": database_url,
            "KAKEHASHI_MODELS_DIR": str(work / "models"),
            **(extra_env or {}),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway", "serve", "--port", str(port)],
            env=env,
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise RuntimeError("kakehashi serve exited at start")
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1).close()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError("kakehashi serve did not start within 60 s")
            yield Running(base, work, process.pid, database_url)
        finally:
            process.terminate()
            process.wait(30)


@contextmanager
def serve(extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, Path]]:
    """Yields (base URL, working dir) of a running server; stops it afterwards."""
    with running(extra_env) as server:
        yield server.base, server.work


def token(work: Path, database_url: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gateway", "token", "create", "--name", "bench"],
        env={**os.environ, "KAKEHASHI_DATABASE_URL": database_url},
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
