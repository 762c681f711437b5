"""``kakehashi backup --out FILE`` and ``kakehashi restore FILE`` for the embedded SQLite database.

The backup uses SQLite's online backup API in one step: it reads one consistent snapshot while
``serve`` keeps writing (WAL readers do not block writers). PostgreSQL has its own tools
(pg_dump / pg_restore, see docs/deployment.md).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from gateway.i18n import _
from gateway.settings import get_settings

SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's unix VFS: every connection to a WAL database holds a read lock on this byte of the
# "-shm" file for as long as it is open (the "dead-man switch", UNIX_SHM_DMS in os_unix.c).
SHM_DMS_OFFSET = 128
# Tables every Kakehashi database has since its first migration.
KAKEHASHI_TABLES = frozenset({"alembic_version", "conversations", "messages", "work_items"})
BUSY_TIMEOUT_SECONDS = 15.0


class BackupError(click.ClickException):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _sqlite_path() -> Path:
    """The configured SQLite file; a clear refusal for PostgreSQL and in-memory databases."""
    url_text = get_settings().database_url
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise BackupError(
            _("KAKEHASHI_DATABASE_URL is not a database URL: %(url)s") % {"url": url_text}
        ) from exc
    if url.get_backend_name() == "postgresql":
        raise BackupError(
            _(
                "The database is PostgreSQL: back it up with pg_dump and restore it with "
                "pg_restore (see “Backups” in docs/deployment.md). "
                "kakehashi backup and restore handle SQLite only."
            )
        )
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            _("Only a SQLite database file can be backed up or restored here (%(url)s).")
            % {"url": url.render_as_string()}
        )
    return Path(url.database).resolve()


@contextlib.contextmanager
def _connect(path: Path | str, *, uri: bool = False) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, uri=uri, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def _schema_revision(connection: sqlite3.Connection, name: str) -> str:
    """The Alembic revision of a Kakehashi database; refuses anything else."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        revision = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if KAKEHASHI_TABLES <= tables
            else None
        )
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("%(file)s is not a Kakehashi database: %(reason)s") % {"file": name, "reason": exc}
        ) from exc
    if revision is None:
        raise BackupError(
            _("%(file)s is not a Kakehashi database (its tables are not Kakehashi's).")
            % {"file": name}
        )
    return str(revision[0])


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from gateway.migrate import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


@click.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The backup file to write (replaced if it exists).",
)
def backup(out: Path) -> None:
    """Copy the SQLite database to FILE while Kakehashi keeps running."""
    source = _sqlite_path()
    if not source.is_file():
        raise BackupError(_("There is no database at %(path)s to back up.") % {"path": source})
    target = out.resolve()
    if target == source:
        raise BackupError(_("The backup cannot replace the database itself; choose another file."))
    if not target.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": target.parent})
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with _connect(source) as live, _connect(partial) as copy:
            revision = _schema_revision(live, str(source))
            # One step (pages=-1): a single read transaction, so one consistent snapshot.
            live.backup(copy, pages=-1)
            # A self-contained file: no -wal or -shm beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            if copy.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupError(_("The copy failed its integrity check; nothing was written."))
            conversations = copy.execute("SELECT count(*) FROM conversations").fetchone()[0]
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(_("The backup failed: %(reason)s") % {"reason": exc}) from exc
    finally:
        partial.unlink(missing_ok=True)
    click.echo(
        _(
            "Backup written to %(file)s (%(size)s bytes, %(conversations)s conversation(s), "
            "schema revision %(revision)s)."
        )
        % {
            "file": target,
            "size": target.stat().st_size,
            "conversations": conversations,
            "revision": revision,
        }
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the current database without asking.")
def restore(file: Path, yes: bool) -> None:
    """Replace the SQLite database with the backup FILE (stop every Kakehashi process first)."""
    target = _sqlite_path()
    backup_file = file.resolve()
    if not backup_file.is_file():
        raise BackupError(_("There is no file at %(file)s.") % {"file": backup_file})
    if backup_file == target:
        raise BackupError(_("%(file)s is the database itself.") % {"file": backup_file})
    with backup_file.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(
                _("%(file)s is not a Kakehashi database (not an SQLite file).")
                % {"file": backup_file}
            )
    # immutable: read the file as it is, creating no lock or -shm file beside it.
    with _connect(f"{backup_file.as_uri()}?mode=ro&immutable=1", uri=True) as source:
        revision = _schema_revision(source, str(backup_file))
        if not _known_revision(revision):
            raise BackupError(
                _(
                    "%(file)s comes from a newer Kakehashi (schema revision %(revision)s); "
                    "upgrade Kakehashi before restoring it."
                )
                % {"file": backup_file, "revision": revision}
            )
        if source.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise BackupError(
                _("%(file)s is damaged (integrity check failed).") % {"file": backup_file}
            )
        if target.exists() and not yes:
            click.confirm(
                _("Replace the database %(path)s with %(file)s?")
                % {"path": target, "file": backup_file},
                abort=True,
            )
        if not target.parent.is_dir():
            raise BackupError(
                _("The folder %(folder)s does not exist.") % {"folder": target.parent}
            )
        _restore_into(source, target)
    click.echo(
        _(
            "Restored %(file)s into %(path)s (schema revision %(revision)s). Newer migrations, "
            "if any, are applied by kakehashi db upgrade or at the next start."
        )
        % {"file": backup_file, "path": target, "revision": revision}
    )


def _open_elsewhere(database: Path) -> bool:
    """Whether another process has ``database`` open (idle connections included).

    Probes the lock every open WAL connection holds; our own process holds none at this point
    (closing the probe would otherwise drop them: POSIX locks belong to the process).
    """
    shm = database.with_name(database.name + "-shm")
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, SHM_DMS_OFFSET, os.SEEK_SET)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return True
        raise
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, SHM_DMS_OFFSET, os.SEEK_SET)
        return False
    finally:
        os.close(fd)


def _in_use(target: Path) -> BackupError:
    return BackupError(
        _(
            "The database %(path)s is in use: stop every kakehashi serve and worker "
            "process using it, then run restore again. Nothing was changed."
        )
        % {"path": target}
    )


def _restore_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy ``source`` over ``target`` while holding it exclusively; refuse if it is in use."""
    try:
        elsewhere = _open_elsewhere(target)
    except OSError as exc:
        raise BackupError(_("The restore failed: %(reason)s") % {"reason": exc}) from exc
    if elsewhere:
        raise _in_use(target)
    with _connect(target) as live:
        live.execute("PRAGMA busy_timeout=1000")  # in use means in use: answer in a second
        try:
            # Out of WAL mode and locked exclusively until we close: no process can open the
            # file while its pages are replaced.
            live.execute("PRAGMA locking_mode=EXCLUSIVE")
            mode = live.execute("PRAGMA journal_mode=DELETE").fetchone()
            live.execute("BEGIN EXCLUSIVE")
            live.execute("COMMIT")
        except sqlite3.OperationalError:
            mode = None
        if mode is None or str(mode[0]).lower() != "delete":
            raise _in_use(target)
        try:
            source.backup(live, pages=-1)
            live.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            raise BackupError(_("The restore failed: %(reason)s") % {"reason": exc}) from exc
