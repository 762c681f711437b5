"""Installing, listing and removing Argos packages, from a file or a loopback package index,
and the `kakehashi models` / `kakehashi translate` commands."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli import main
from tests.translation.conftest import fixture_package, shift
from translation.errors import IndexUnavailableError, PackageError, PackageNotFoundError
from translation.packages import (
    AvailablePackage,
    fetch_index,
    find_available,
    install_file,
    install_from_index,
    list_installed,
    remove,
)

# The operator's locale decides the CLI's language; these tests read the English messages.
ENGLISH = {"LC_ALL": "C.UTF-8", "LC_MESSAGES": None, "LANG": None}
ROOT = Path(__file__).resolve().parents[2]


def test_install_from_file_then_list_and_remove(models_dir: Path) -> None:
    package = install_file(fixture_package("zt", "en"), models_dir)
    assert (package.source, package.target, package.version) == ("zh-Hant", "en", "1.0")
    assert package.model_id == "argos:zt-en@1.0"
    [listed] = list_installed(models_dir)
    assert listed.path == package.path
    assert listed.size_bytes > 100_000
    remove("zh-Hant", "en", models_dir)
    assert list_installed(models_dir) == []
    assert list(models_dir.iterdir()) == []


def test_reinstalling_replaces_the_installed_package(models_dir: Path) -> None:
    install_file(fixture_package("en", "ja"), models_dir)
    install_file(fixture_package("en", "ja"), models_dir)
    assert [p.path.name for p in list_installed(models_dir)] == ["translate-en_ja-1_0"]
    assert [p.name for p in models_dir.iterdir()] == ["translate-en_ja-1_0"]


def _rewrite(source: Path, target: Path, *, drop: str = "", corrupt: str = "") -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            if drop and item.filename.endswith(drop):
                continue
            data = zin.read(item)
            if corrupt and item.filename.endswith(corrupt):
                data = b"\x00garbage" * 100
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"not a zip at all"), "zip archive"),
        (lambda p: p.write_bytes(fixture_package("en", "ja").read_bytes()[:50_000]), "archive"),
        (
            lambda p: _rewrite(fixture_package("en", "ja"), p, drop="model.bin"),
            "model/model.bin is missing",
        ),
        (
            lambda p: _rewrite(fixture_package("en", "ja"), p, drop="sentencepiece.model"),
            "sentencepiece.model is missing",
        ),
        (
            lambda p: _rewrite(fixture_package("en", "ja"), p, drop="metadata.json"),
            "no metadata.json",
        ),
        (
            lambda p: _rewrite(fixture_package("en", "ja"), p, corrupt="model.bin"),
            "CTranslate2 model cannot be loaded",
        ),
        (
            lambda p: _rewrite(fixture_package("en", "ja"), p, corrupt="sentencepiece.model"),
            "tokenizer cannot be loaded",
        ),
    ],
)
def test_corrupt_package_is_refused_and_nothing_is_half_installed(
    models_dir: Path,
    tmp_path: Path,
    make: object,
    reason: str,
) -> None:
    install_file(fixture_package("ko", "ja"), models_dir)
    before = sorted(p.name for p in models_dir.iterdir())
    archive = tmp_path / "broken.argosmodel"
    make(archive)  # type: ignore[operator]
    with pytest.raises(PackageError, match=reason):
        install_file(archive, models_dir)
    assert sorted(p.name for p in models_dir.iterdir()) == before


def test_install_from_loopback_index_with_progress(models_dir: Path, package_index: str) -> None:
    offered = fetch_index()
    assert [(p.source, p.target) for p in offered] == [("en", "ja")]
    seen: list[tuple[int, int | None]] = []
    package = install_from_index("en", "ja", models_dir, progress=lambda r, t: seen.append((r, t)))
    assert package.model_id == "argos:en-ja@1.0"
    size = fixture_package("en", "ja").stat().st_size
    assert seen[-1] == (size, size)
    assert [p.name for p in models_dir.iterdir()] == ["translate-en_ja-1_0"]
    with pytest.raises(PackageNotFoundError, match="models available"):
        install_from_index("fr", "ja", models_dir)


def test_unreachable_index_says_how_to_install_offline(
    models_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    with pytest.raises(IndexUnavailableError, match=r"models install --file"):
        install_from_index("en", "ja", models_dir)


def test_cli_models_install_list_remove(models_dir: Path, package_index: str) -> None:
    runner = CliRunner(env=ENGLISH)
    args = ["--models-dir", str(models_dir)]
    result = runner.invoke(main, ["models", "list", *args])
    assert "No models installed" in result.output
    result = runner.invoke(main, ["models", "install", "en", "ja", *args])
    assert result.exit_code == 0, result.output
    assert "Installed en → ja 1.0" in result.output
    result = runner.invoke(
        main, ["models", "install", "--file", str(fixture_package("zt", "en")), *args]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["models", "list", *args])
    assert "zh-Hant → en" in result.output
    assert "en → ja" in result.output
    assert "MB" in result.output
    result = runner.invoke(main, ["models", "available"])
    assert "en → ja" in result.output
    result = runner.invoke(main, ["models", "remove", "zh-Hant", "en", *args])
    assert result.exit_code == 0
    assert "Removed zh-Hant → en" in result.output
    result = runner.invoke(main, ["models", "remove", "zh-Hant", "en", *args])
    assert result.exit_code == 1
    assert "no installed package" in result.output


def test_cli_install_corrupt_file_fails_with_reason(models_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "translate-zh_en.argosmodel"
    bad.write_bytes(b"oops")
    result = CliRunner(env=ENGLISH).invoke(
        main, ["models", "install", "--file", str(bad), "--models-dir", str(models_dir)]
    )
    assert result.exit_code == 1
    assert "not an Argos package" in result.output


def test_cli_translate(all_models_dir: Path) -> None:
    runner = CliRunner(env=ENGLISH)
    result = runner.invoke(
        main,
        [
            "translate",
            "--source",
            "zh-Hant",
            "--target",
            "ja",
            "--models-dir",
            str(all_models_dir),
            "訂單 #A-1001 hello",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"訂單 #A-1001 {shift('hello', 2)}\n"
    result = runner.invoke(
        main, ["translate", "-s", "th", "-t", "ja", "--models-dir", str(all_models_dir), "สวัสดี"]
    )
    assert result.exit_code == 1
    assert "kakehashi models install th ja" in result.output


def _run_on_a_terminal(args: list[str], *, timeout: float = 60.0) -> str:
    """Run the CLI with its output on a pseudo-terminal, as a person at a shell sees it."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8", "COLUMNS": "120"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", *args],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env,
    )
    os.close(secondary)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                data = os.read(primary, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(primary)
        process.wait(timeout=30)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_install_on_a_terminal_shows_a_bar_with_size_speed_and_time_left(
    models_dir: Path, package_index: str
) -> None:
    shown = _run_on_a_terminal(["models", "install", "en", "ja", "--models-dir", str(models_dir)])
    size_kib = fixture_package("en", "ja").stat().st_size / 1024
    # tqdm's line: "Downloading en → ja: 100%|█████| 352k/352k [00:00<00:00, 9.10MB/s]"
    bar = re.search(
        r"Downloading en → ja: 100%\|.+\| ([\d.]+)k/([\d.]+)k "
        r"\[\d\d:\d\d<(\d\d:\d\d), +[\d.]+[kMG]?B/s\]",
        shown,
    )
    assert bar, shown
    assert float(bar.group(2)) == pytest.approx(size_kib, abs=1)
    assert "Installed en → ja 1.0" in shown


def test_install_into_a_log_writes_plain_progress_lines(
    models_dir: Path, package_index: str
) -> None:
    result = CliRunner(env=ENGLISH).invoke(
        main, ["models", "install", "en", "ja", "--models-dir", str(models_dir)]
    )
    assert result.exit_code == 0, result.output
    size_mb = fixture_package("en", "ja").stat().st_size / 1024**2
    assert "\r" not in result.stderr
    assert re.search(
        rf"^Downloading en → ja: {size_mb:.1f} MB of {size_mb:.1f} MB \(100%\), "
        r"[\d.]+ MB/s, 0 s left$",
        result.stderr,
        re.MULTILINE,
    ), result.stderr


def test_install_accepts_argos_codes(models_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner(env=ENGLISH)
    result = runner.invoke(
        main,
        [
            "models",
            "install",
            "--file",
            str(fixture_package("en", "zt")),
            "--models-dir",
            str(models_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    for source, target in (("en", "zt"), ("en", "zh-TW"), ("EN", "zh-Hant")):
        assert [(p.from_code, p.to_code) for p in list_installed(models_dir)] == [("en", "zt")]
        assert (
            find_available(source, target, [AvailablePackage("en", "zt", "1.0", ())]).to_code
            == "zt"
        )
    for code in ("pb", "nb", "hmn", "eo"):
        offered = [AvailablePackage(code, "en", "1.0", ())]
        assert find_available(code, "en", offered).from_code == code
    result = runner.invoke(main, ["models", "remove", "en", "zt", "--models-dir", str(models_dir)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["models", "remove", "en", "x-1", "--models-dir", str(models_dir)])
    assert result.exit_code == 1
    assert "not a language tag" in result.output


def test_cli_translate_takes_argos_codes_and_names_an_unknown_language(
    all_models_dir: Path,
) -> None:
    """The README's `--source zt` works; a language nobody knows is not "install a model"."""
    runner = CliRunner(env=ENGLISH)
    models = ["--models-dir", str(all_models_dir)]
    argos = runner.invoke(main, ["translate", "-s", "zt", "-t", "ja", *models, "hello"])
    assert argos.exit_code == 0, argos.output
    assert argos.output == f"{shift('hello', 2)}\n"
    unknown = runner.invoke(main, ["translate", "-s", "xx", "-t", "ja", *models, "hello"])
    assert unknown.exit_code == 2
    assert "unknown language 'xx'" in unknown.output
    assert "models install" not in unknown.output
