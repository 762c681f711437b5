"""Fixtures for the translation tests: the test Argos packages built by
scripts/build_test_model.py (they copy their input, shifting ASCII letters: see that script)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from translation.engine import TranslationEngine
from translation.packages import install_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "models"


def fixture_package(from_code: str, to_code: str) -> Path:
    return FIXTURES / f"translate-{from_code}_{to_code}-test.argosmodel"


def shift(text: str, by: int) -> str:
    """What the test packages do to a text: shift ASCII letters by ``by``."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isalpha():
            base = ord("a") if ch.islower() else ord("A")
            out.append(chr(base + (ord(ch) - base + by) % 26))
        else:
            out.append(ch)
    return "".join(out)


@pytest.fixture(scope="session")
def all_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models dir with every test package installed (read-only for tests)."""
    root = tmp_path_factory.mktemp("models")
    for archive in sorted(FIXTURES.glob("*.argosmodel")):
        install_file(archive, root)
    return root


@pytest.fixture(scope="session")
def engine(all_models_dir: Path) -> TranslationEngine:
    return TranslationEngine(all_models_dir, beam_size=2)


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    """An empty models dir a test may install into."""
    root = tmp_path / "models"
    root.mkdir()
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def package_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An Argos package index served on loopback offering en→ja; ARGOS_PACKAGE_INDEX set."""
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(fixture_package("en", "ja"), served / "translate-en_ja-1_0.argosmodel")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    (served / "index.json").write_text(
        '[{"package_version": "1.0", "argos_version": "1.9", "from_code": "en",'
        ' "from_name": "English", "to_code": "ja", "to_name": "Japanese", "type": "translate",'
        f' "links": ["{base}translate-en_ja-1_0.argosmodel"]}},'
        ' {"type": "sbd", "from_code": "en", "package_version": "1.0", "links": []}]',
        encoding="utf-8",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
