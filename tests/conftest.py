"""Shared fixtures: real SQLite and real PostgreSQL, a fresh database for each test.

PostgreSQL runs at 127.0.0.1:5432 (trust auth) on developer machines and in CI; the suite makes
its own database there (``kakehashi_test_<pid>``) so it never touches others' data. Set
``KAKEHASHI_TEST_POSTGRES_URL`` to point elsewhere. Outside CI, an unreachable server skips the
PostgreSQL half; in CI (``CI`` set) it fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gateway.db import Database, set_database
from gateway.migrate import upgrade
from gateway.models import Base
from gateway.settings import Settings, set_settings
from tests.skips import pytest_runtest_logreport, pytest_sessionfinish  # noqa: F401  (CI hooks)

POSTGRES_ADMIN_URL = os.environ.get(
    "KAKEHASHI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy (much faster than migrating each time)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    database = Database(f"sqlite:///{path}")
    upgrade(database.engine)
    database.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@contextmanager
def scratch_postgres(name: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database ``name`` (a leftover of that name is
    replaced); afterwards its connections are cut and it is dropped."""
    admin_url = make_url(POSTGRES_ADMIN_URL)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A migrated PostgreSQL database of our own for this test session."""
    with scratch_postgres(f"kakehashi_test_{os.getpid()}") as url:
        database = Database(url)
        upgrade(database.engine)
        database.dispose()
        yield url


def _truncate_all(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database: SQLite and PostgreSQL in turn."""
    if request.param == "sqlite":
        path = tmp_path / "kakehashi.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    return url


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    path = tmp_path / "models"
    path.mkdir()
    return path


@pytest.fixture
def settings(database_url: str, models_dir: Path) -> Iterator[Settings]:
    value = Settings(
        database_url=database_url,
        models_dir=models_dir,
        worker_poll_seconds=0.2,
        lease_seconds=30,
        _env_file=None,  # type: ignore[call-arg]
    )
    set_settings(value)
    yield value
    set_settings(None)


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    value = Database(settings.database_url)
    set_database(value)
    yield value
    set_database(None)
    value.dispose()
