"""``kakehashi backup`` and ``kakehashi restore`` as an operator runs them (real subprocesses on
a real SQLite file), with a writer active during the backup."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gateway.db import Database
from gateway.models import WorkItem
from gateway.workers import queue

KIND = "test.pair"


def kakehashi(
    *args: str, database_url: str, stdin: str = "", lang: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KAKEHASHI_DATABASE_URL": database_url,
        "LANG": lang,
        "LC_ALL": "",
        "LC_MESSAGES": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def database_file(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "live" / "kakehashi.db"
    path.parent.mkdir()
    shutil.copy(sqlite_template, path)
    return path


def url(path: Path) -> str:
    return f"sqlite:///{path}"


class Writer:
    """Writes pairs of work items, one pair per transaction, until stopped (like intake under
    load: every committed transaction leaves an even number of rows)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.pairs = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                with self.database.session() as session:
                    queue.enqueue(session, KIND, 2 * self.pairs)
                    queue.enqueue(session, KIND, 2 * self.pairs + 1)
                self.pairs += 1
        except BaseException as exc:
            self.error = exc

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def count_rows(path: Path) -> int:
    # closing(): a sqlite3 connection lives in a reference cycle, and one left open would
    # count as a process using the database.
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return int(
            connection.execute(
                "SELECT count(*) FROM work_items WHERE kind = ?", (KIND,)
            ).fetchone()[0]
        )


@pytest.fixture
def live(database_file: Path) -> Iterator[Database]:
    database = Database(url(database_file))
    yield database
    database.dispose()


def test_a_backup_taken_while_writing_is_consistent_and_restores(
    database_file: Path, live: Database, tmp_path: Path
) -> None:
    out = tmp_path / "backups" / "kakehashi-2026-12-01.db"
    out.parent.mkdir()
    with Writer(live) as writer:
        while writer.pairs < 20 and writer.error is None:
            threading.Event().wait(0.01)
        result = kakehashi("backup", "--out", str(out), database_url=url(database_file))
        pairs_at_backup_end = writer.pairs
        threading.Event().wait(0.3)  # the writer goes on after the backup
    assert writer.error is None
    assert result.returncode == 0, result.stderr
    assert f"Backup written to {out}" in result.stdout

    with closing(sqlite3.connect(out)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not Path(f"{out}-wal").exists()
    saved = count_rows(out)
    assert saved % 2 == 0  # no transaction cut in half
    assert 40 <= saved <= 2 * pairs_at_backup_end + 2
    assert count_rows(database_file) > saved  # serve kept writing during and after

    # Kakehashi still has the database open (an idle serve): restore refuses, changing nothing.
    with live.session() as session:
        session.scalar(select(func.count(WorkItem.id)))
    written = count_rows(database_file)
    refused = kakehashi("restore", "--yes", str(out), database_url=url(database_file))
    assert refused.returncode != 0
    assert "is in use" in refused.stderr
    assert "Nothing was changed" in refused.stderr
    assert count_rows(database_file) == written

    live.dispose()  # every Kakehashi process stopped
    restored = kakehashi("restore", "--yes", str(out), database_url=url(database_file))
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert count_rows(database_file) == saved

    # Kakehashi starts on the restored file and works on it.
    again = Database(url(database_file))
    try:
        with again.session() as session:
            queue.enqueue(session, KIND, 10**6)
        with again.session() as session:
            assert session.scalar(select(func.count(WorkItem.id))) == saved + 1
            mode = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
            assert mode == "wal"
    finally:
        again.dispose()


def test_restore_asks_before_replacing_the_database(
    database_file: Path, tmp_path: Path, sqlite_template: Path
) -> None:
    backup_file = tmp_path / "old.db"
    assert (
        kakehashi("backup", "--out", str(backup_file), database_url=url(database_file)).returncode
        == 0
    )
    declined = kakehashi("restore", str(backup_file), database_url=url(database_file), stdin="n\n")
    assert declined.returncode != 0
    assert "Aborted" in declined.stderr
    accepted = kakehashi("restore", str(backup_file), database_url=url(database_file), stdin="y\n")
    assert accepted.returncode == 0, accepted.stderr


def test_restore_onto_a_new_machine_creates_the_database(
    database_file: Path, tmp_path: Path
) -> None:
    backup_file = tmp_path / "kakehashi.backup"
    assert (
        kakehashi("backup", "--out", str(backup_file), database_url=url(database_file)).returncode
        == 0
    )
    fresh = tmp_path / "new-machine" / "kakehashi.db"
    fresh.parent.mkdir()
    result = kakehashi("restore", str(backup_file), database_url=url(fresh))
    assert result.returncode == 0, result.stderr
    upgraded = kakehashi("db", "upgrade", database_url=url(fresh))
    assert upgraded.returncode == 0, upgraded.stderr


def test_restore_refuses_what_is_not_a_kakehashi_database(
    database_file: Path, tmp_path: Path
) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n")
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
        connection.commit()
    before = database_file.read_bytes()
    for candidate in (text_file, other):
        result = kakehashi("restore", "--yes", str(candidate), database_url=url(database_file))
        assert result.returncode != 0
        assert f"{candidate} is not a Kakehashi database" in result.stderr
    missing = kakehashi(
        "restore", "--yes", str(tmp_path / "nope.db"), database_url=url(database_file)
    )
    assert missing.returncode != 0
    assert "There is no file at" in missing.stderr
    assert database_file.read_bytes() == before


def test_postgresql_is_pointed_to_pg_dump_and_pg_restore(tmp_path: Path) -> None:
    postgres = "postgresql+psycopg://kakehashi@127.0.0.1:5432/kakehashi"
    for args in (("backup", "--out", str(tmp_path / "x.db")), ("restore", "--yes", "x.dump")):
        result = kakehashi(*args, database_url=postgres)
        assert result.returncode != 0
        assert "pg_dump" in result.stderr
        assert "pg_restore" in result.stderr
        assert "docs/deployment.md" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_messages_follow_a_japanese_locale(database_file: Path, tmp_path: Path) -> None:
    result = kakehashi(
        "backup",
        "--out",
        str(tmp_path / "b.db"),
        database_url=url(database_file),
        lang="ja_JP.UTF-8",
    )
    assert result.returncode == 0, result.stderr
    assert "バックアップ" in result.stdout
    refused = kakehashi(
        "backup",
        "--out",
        str(tmp_path / "c.db"),
        database_url="postgresql+psycopg://kakehashi@127.0.0.1/kakehashi",
        lang="ja_JP.UTF-8",
    )
    assert "pg_dump" in refused.stderr
    assert "PostgreSQL" in refused.stderr
    assert "docs/deployment.md" in refused.stderr
    assert any("\u3040" <= ch <= "\u30ff" for ch in refused.stderr)  # written in Japanese
