"""Real `kakehashi` processes on a PostgreSQL database of their own, for the fault tests.

Each test gets a fresh database (``kakehashi_fault_<random>``) on the server the rest of the
suite uses, migrated with ``kakehashi db upgrade`` and dropped afterwards.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import FIXTURES, scratch_postgres
from translation.packages import install_file

MODELS = FIXTURES / "models"
# The engine logs this line before it records the result (tests count engine runs with it).
TRANSLATED = re.compile(r"translated \d+ message\(s\) \S+: ([\d,]+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database; dropped (connections cut) afterwards."""
    with scratch_postgres(f"kakehashi_fault_{secrets.token_hex(4)}") as url:
        yield url


def named(url: str, application_name: str) -> str:
    """``url`` with a libpq application name, so the test can find a process's connections."""
    return (
        make_url(url)
        .update_query_dict({"application_name": application_name})
        .render_as_string(hide_password=False)
    )


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    port: int | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
        return self.popen.wait(timeout)


@dataclass
class Cluster:
    """Web and worker processes sharing one database; every process is stopped at the end."""

    database_url: str
    workdir: Path
    env: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)

    @property
    def models_dir(self) -> Path:
        return self.workdir / "models"

    def install_models(self, *pairs: str) -> None:
        for pair in pairs:
            install_file(MODELS / f"translate-{pair}-test.argosmodel", self.models_dir)

    def _env(self, application_name: str, extra: dict[str, str] | None) -> dict[str, str]:
        return {
            **os.environ,
            "KAKEHASHI_DATABASE_URL": named(self.database_url, application_name),
            "KAKEHASHI_MODELS_DIR": str(self.models_dir),
            "KAKEHASHI_LOG_LEVEL": "INFO",  # the tests read the workers' INFO lines
            **self.env,
            **(extra or {}),
        }

    def cli(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "gateway", *args],
            env=self._env("kakehashi-cli", None),
            cwd=self.workdir,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout.strip()

    def _spawn(
        self, name: str, args: Sequence[str], extra: dict[str, str] | None, port: int | None
    ) -> Process:
        log = self.workdir / f"{name}.log"
        with log.open("wb") as out:
            popen = subprocess.Popen(
                [sys.executable, "-m", "gateway", *args],
                env=self._env(name, extra),
                cwd=self.workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        process = Process(name, popen, log, port)
        self.processes.append(process)
        return process

    def web(
        self, name: str, extra: dict[str, str] | None = None, *, workers: bool = False
    ) -> Process:
        """``kakehashi serve --no-workers`` (or with workers) on a free port, once it answers
        /healthz."""
        port = free_port()
        flag = "--workers" if workers else "--no-workers"
        process = self._spawn(name, ["serve", flag, "--port", str(port)], extra, port)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.popen.poll() is None, process.output()
            with suppress(httpx.HTTPError):
                if httpx.get(f"{process.base_url}/healthz", timeout=1).status_code == 200:
                    return process
            time.sleep(0.2)
        raise AssertionError(f"{name} did not answer /healthz within 60 s:\n{process.output()}")

    def worker(self, name: str, extra: dict[str, str] | None = None) -> Process:
        return self._spawn(name, ["worker"], extra, None)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.popen.poll() is None:
                process.popen.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.popen.wait(30)
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait(10)


@contextmanager
def cluster(workdir: Path, env: dict[str, str] | None = None) -> Iterator[tuple[Cluster, Engine]]:
    """A migrated fresh database, a :class:`Cluster` on it and an engine for the test's own
    queries (named ``kakehashi-test`` so it is never among the connections a test cuts)."""
    with fresh_database() as url:
        running = Cluster(url, workdir, dict(env or {}))
        running.models_dir.mkdir(parents=True, exist_ok=True)
        running.cli("db", "upgrade")
        engine = create_engine(named(url, "kakehashi-test"))
        try:
            yield running, engine
        finally:
            running.stop_all()
            engine.dispose()


def backend_pids(engine: Engine, application_name: str) -> list[int]:
    with engine.connect() as conn:
        return list(
            conn.scalars(
                text(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = :name"
                ),
                {"name": application_name},
            )
        )


def cut_connections(engine: Engine, application_name: str) -> int:
    """Terminate every server connection of one process, as a database restart would."""
    with engine.connect() as conn:
        cut = conn.scalars(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = :name"
            ),
            {"name": application_name},
        ).all()
    return sum(1 for ok in cut if ok)
