"""Structured logs: what an operator reads in ``docker logs`` or a log pipeline."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.logs import configure_logging, log_context, mask_addresses


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """Everything logged during the test, as ``kakehashi serve`` writes it (JSON lines)."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("json", "DEBUG", stream=stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from taro@example.com", "from t***@example.com"),
        ("To: 林雅婷 <Lin.Ya+tw@mail.example.tw>", "To: 林雅婷 <L***@mail.example.tw>"),
        ("GET /api/v1/conversations?q=lin%40example.tw&limit=5", None),
        ("several: a@x.example, bob@y.example", "several: a***@x.example, b***@y.example"),
        ("no address at all, version 1.2@3", "no address at all, version 1.2@3"),
    ],
)
def test_addresses_are_masked_keeping_the_domain(text: str, expected: str | None) -> None:
    masked = mask_addresses(text)
    if expected is None:
        assert "lin%40" not in masked
        assert "l***%40example.tw" in masked
        assert masked.endswith("&limit=5")
    else:
        assert masked == expected
    assert mask_addresses(masked) == masked


def test_a_log_line_is_one_json_object_with_utc_time_ids_and_no_address(
    log_stream: io.StringIO,
) -> None:
    log = logging.getLogger("gateway.test")
    with log_context(conversation_id=42):
        log.info("ack sent to %s", "lin@example.tw", extra={"recipient": "lin@example.tw"})
        try:
            raise ValueError("relay refused lin@example.tw")
        except ValueError:
            log.exception("send failed")
    log.warning("outside any conversation")

    first, second, third = lines(log_stream)
    assert first["level"] == "INFO"
    assert first["logger"] == "gateway.test"
    assert first["message"] == "ack sent to l***@example.tw"
    assert first["recipient"] == "l***@example.tw"
    assert first["conversation_id"] == 42
    moment = datetime.fromisoformat(first["time"])
    assert moment.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - moment).total_seconds()) < 60
    assert second["level"] == "ERROR"
    assert "ValueError: relay refused l***@example.tw" in second["exception"]
    assert "conversation_id" not in third
    assert "lin@example.tw" not in log_stream.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "looks_like_json"),
    [(_Terminal(), False), (io.StringIO(), True)],
    ids=["terminal-gets-text", "pipe-gets-json"],
)
def test_auto_format_reads_by_eye_on_a_terminal_and_json_elsewhere(
    stream: io.StringIO, looks_like_json: bool
) -> None:
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("auto", "INFO", stream=stream)
    try:
        logging.getLogger("gateway.test").info("hello")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert stream.getvalue().startswith("{") is looks_like_json


def test_text_format_is_masked_too() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("text", "INFO", stream=stream)
    try:
        with log_context(conversation_id=7):
            logging.getLogger("gateway.test").info("from %s", "emily@example.com")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    line = stream.getvalue().strip()
    assert line.endswith("INFO gateway.test [conversation_id=7]: from e***@example.com")
    stamp = line.split(" ", 1)[0]
    assert stamp.endswith("Z")
    assert datetime.fromisoformat(stamp).utcoffset() == UTC.utcoffset(None)


def test_each_request_gets_an_id_returned_in_the_response_and_on_its_log_lines(
    log_stream: io.StringIO,
) -> None:
    app = create_app()

    @app.get("/test/conversations/{conversation_id}")
    def _look(conversation_id: int) -> dict[str, int]:
        logging.getLogger("gateway.test").info("opened by %s", "agent@shop.example")
        return {"id": conversation_id}

    client = TestClient(app)
    given = client.get("/test/conversations/31", headers={"X-Request-ID": "lb-7f3a:01"})
    assert given.headers["X-Request-ID"] == "lb-7f3a:01"
    fresh = client.get("/test/conversations/32")
    hostile = client.get("/test/conversations/33", headers={"X-Request-ID": "a b\tc" + "x" * 300})
    assert len(fresh.headers["X-Request-ID"]) == 32
    assert hostile.headers["X-Request-ID"] not in ("", "a b\tc" + "x" * 300)
    assert len(hostile.headers["X-Request-ID"]) == 32
    assert fresh.headers["X-Request-ID"] != hostile.headers["X-Request-ID"]
    assert client.get("/healthz").headers["X-Request-ID"]

    ours = [line for line in lines(log_stream) if line["logger"] == "gateway.test"]
    assert [(line["request_id"], line["conversation_id"]) for line in ours] == [
        ("lb-7f3a:01", 31),
        (fresh.headers["X-Request-ID"], 32),
        (hostile.headers["X-Request-ID"], 33),
    ]
    assert all(line["message"] == "opened by a***@shop.example" for line in ours)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KAKEHASHI_DATABASE_URL": f"sqlite:///{tmp_path / 'kakehashi.db'}",
        "KAKEHASHI_MODELS_DIR": str(tmp_path / "models"),
        "KAKEHASHI_LOG_FORMAT": "json",
        "KAKEHASHI_LOG_LEVEL": "info",
    }


def _wait_until_answering(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within 60 s")


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
    return process.returncode, err


@pytest.mark.slow
def test_serve_writes_json_lines_with_the_request_id_and_no_address(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", "--port", str(port), "--no-workers"],
        env=_environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_answering(f"{base}/healthz", process)
        answer = httpx.get(
            f"{base}/api/v1/conversations",
            params={"q": "lin@example.tw"},
            headers={"X-Request-ID": "edge-5150"},
            timeout=10,
        )
        assert answer.status_code == 401
        assert answer.headers["X-Request-ID"] == "edge-5150"
    finally:
        _returncode, err = _stop(process)

    records = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert {"uvicorn.error", "uvicorn.access"} <= {r["logger"] for r in records}
    assert not any("\x1b" in str(v) for r in records for v in r.values())  # no colour codes
    [access] = [r for r in records if r.get("request_id") == "edge-5150"]
    assert access["logger"] == "uvicorn.access"
    assert "l***%40example.tw" in access["message"]
    assert "401" in access["message"]
    assert "lin%40example.tw" not in err
    assert "lin@example.tw" not in err


@pytest.mark.slow
def test_worker_serves_health_and_metrics_and_logs_json(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gateway",
            "worker",
            "--concurrency",
            "2",
            "--metrics-listen",
            f"127.0.0.1:{port}",
        ],
        env=_environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_answering(f"{base}/healthz", process)
        assert httpx.get(f"{base}/readyz", timeout=5).json() == {"status": "ok"}
        scrape = httpx.get(f"{base}/metrics", timeout=5)
        assert scrape.status_code == 200
        assert scrape.headers["content-type"].startswith("text/plain")
        assert "kakehashi_database_up 1.0" in scrape.text
        assert 'kakehashi_mail_sends_total{result="sent"} 0.0' in scrape.text
        assert httpx.get(f"{base}/nothing-here", timeout=5).status_code == 404
    finally:
        returncode, err = _stop(process)
    assert returncode == 0, err
    records = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert records, "the worker logged nothing"
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)


def test_worker_refuses_a_listen_address_it_cannot_use(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gateway", "worker", "--metrics-listen", "9100"],
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "HOST:PORT" in result.stderr
