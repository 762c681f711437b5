"""Inbound mail throughput: our listener against a bare aiosmtpd handler, in the same run.

Run: ``.venv/bin/python bench/mail.py [--messages 2000] [--connections 4]``. Loopback only.

* bare: an aiosmtpd handler that writes each message's bytes to a file and answers 250;
* ours: :func:`mail.inbound_smtp.start_listener` with a ``store_raw`` that writes the file
  (RCPT filtering, trace headers, storage thread pool), then a pipeline thread that runs
  :func:`mail.parse.parse_mail` and language detection on ``new_text``. The clock stops when
  the last message is stored, parsed and detected (not merely when the last 250 was sent).

Both runs get the same messages (the committed .eml corpus, repeated) from the same clients
(``--connections`` smtplib connections on threads, one connection each for its share).
Printed: messages per second for each and ours / bare.
"""

from __future__ import annotations

import argparse
import queue
import smtplib
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mail.inbound_smtp import start_listener  # noqa: E402
from mail.parse import parse_mail  # noqa: E402
from tests.mail.conftest import free_port  # noqa: E402

SUPPORT = "support@sakura-tea.example.jp"
FIXTURES = ROOT / "tests" / "mail" / "fixtures"


def load_detector() -> Callable[[str], Any] | None:
    try:
        from translation.detect import detect_language
    except ImportError:
        print("note: translation.detect is not available; measuring without detection")
        return None
    return detect_language


def messages(count: int) -> list[bytes]:
    corpus = [p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))]
    corpus = [raw for raw in corpus if b"\x00" not in raw]  # keep the clients' work equal
    return [corpus[i % len(corpus)] for i in range(count)]


def deliver(port: int, mails: list[bytes], connections: int) -> None:
    def client(share: list[bytes]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            for raw in share:
                smtp.sendmail("buyer@example.com", [SUPPORT], raw)

    threads = [
        threading.Thread(target=client, args=(mails[i::connections],)) for i in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class BareHandler:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        (self.directory / f"{self.count}.eml").write_bytes(envelope.original_content)
        return "250 OK"


def run_bare(mails: list[bytes], connections: int, directory: Path) -> float:
    port = free_port()
    handler = BareHandler(directory)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        start = time.perf_counter()
        deliver(port, mails, connections)
        elapsed = time.perf_counter() - start
    finally:
        controller.stop()
    assert handler.count == len(mails), handler.count
    return len(mails) / elapsed


def run_ours(
    mails: list[bytes], connections: int, directory: Path, detect: Callable[[str], Any] | None
) -> tuple[float, int]:
    pending: queue.Queue[Path | None] = queue.Queue()
    counter = iter(range(10**9))
    lock = threading.Lock()

    def store_raw(raw: bytes, mail_from: str, rcpt_tos: list[str]) -> None:
        with lock:
            number = next(counter)
        path = directory / f"{number}.eml"
        path.write_bytes(raw)
        pending.put(path)

    done = 0
    detected = 0

    def pipeline() -> None:
        nonlocal done, detected
        while (path := pending.get()) is not None:
            parsed = parse_mail(path.read_bytes())
            if detect is not None and parsed.new_text.strip():
                detect(parsed.new_text[:2000])
                detected += 1
            done += 1

    worker = threading.Thread(target=pipeline)
    worker.start()
    listener = start_listener("127.0.0.1", 0, support_addresses=[SUPPORT], store_raw=store_raw)
    try:
        start = time.perf_counter()
        deliver(listener.port, mails, connections)
        pending.put(None)
        worker.join()
        elapsed = time.perf_counter() - start
    finally:
        listener.stop()
    assert done == len(mails), done
    return len(mails) / elapsed, detected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    detect = load_detector()
    if detect is not None:
        detect("warm-up: 您好")
    mails = messages(args.messages)
    size = sum(len(m) for m in mails)
    print(f"{len(mails)} messages, {size / 1e6:.1f} MB, {args.connections} connections, loopback")
    with tempfile.TemporaryDirectory() as bare_dir, tempfile.TemporaryDirectory() as our_dir:
        bare = run_bare(mails, args.connections, Path(bare_dir))
        ours, detected = run_ours(mails, args.connections, Path(our_dir), detect)
    print(f"bare aiosmtpd (write bytes only):        {bare:8.1f} msg/s")
    print(f"ours (stored, parsed, {detected} detected): {ours:8.1f} msg/s")
    print(f"ratio ours / bare: {ours / bare:.2f}")


if __name__ == "__main__":
    main()
