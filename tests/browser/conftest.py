"""A real browser against a real server: Debian's chromium driven by Playwright, the app served
by uvicorn on loopback, workers running in threads, a local SMTP relay (aiosmtpd).

Screenshots go to test-output/screenshots/ (git-ignored) so people can look at the pages.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect, sync_playwright

from gateway.app import create_app
from gateway.db import Database
from gateway.settings import Settings, set_settings
from gateway.translations.engine import set_engine
from gateway.wiring import all_jobs
from gateway.workers.runner import WorkerPool
from translation.packages import install_file

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "tests" / "fixtures" / "models"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SUPPORT = "support@shop.example"
# Translation and sending run in worker threads on a shared, slow CI machine: wait long enough.
expect.set_options(timeout=30_000)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def database_url(sqlite_template: Path, tmp_path: Path) -> str:
    """SQLite only: the browser checks the pages; both databases are covered below them."""
    path = tmp_path / "kakehashi.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


class Relay:
    """A local SMTP relay that keeps every mail it accepts."""

    def __init__(self) -> None:
        self.received: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(parsed)
        return "250 OK"


@pytest.fixture
def relay() -> Iterator[tuple[Relay, int]]:
    handler = Relay()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def shop_settings(settings: Settings, relay: tuple[Relay, int]) -> Iterator[Settings]:
    value = settings.model_copy(
        update={
            "support_addresses": [SUPPORT],
            "smtp_host": "127.0.0.1",
            "smtp_port": relay[1],
            "smtp_starttls": False,
            "mail_from": SUPPORT,
            "shop_name": "さくら着物店",
        }
    )
    set_settings(value)
    for pair in ("zt_en", "en_ja", "ja_en", "en_zt"):
        install_file(MODELS / f"translate-{pair}-test.argosmodel", value.resolved_models_dir)
    set_engine(None)
    yield value
    set_engine(None)


@pytest.fixture
def workers(database: Database, shop_settings: Settings) -> Iterator[WorkerPool]:
    pool = WorkerPool(database, shop_settings, all_jobs(shop_settings))
    pool.start()
    yield pool
    pool.stop(timeout=10)


class LiveServer:
    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                create_app(),
                host="127.0.0.1",
                port=port,
                log_level="warning",
                lifespan="off",
                timeout_graceful_shutdown=1,
            )
        )
        self.thread = threading.Thread(target=self.server.run, name="live-server", daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def live_server(database: Database, shop_settings: Settings) -> Iterator[LiveServer]:
    server = LiveServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Module scope: Playwright's sync API keeps an event loop running in this thread while it
    # is open, and code under test elsewhere calls asyncio.run(), which refuses to nest.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="ja-JP",
        timezone_id="Asia/Tokyo",
        viewport={"width": 1440, "height": 900},
        device_scale_factor=1,
    )
    context.set_default_timeout(30_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def shoot() -> Any:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Page, name: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
