"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL:
Alembic's autogenerate, run against a migrated database, finds nothing to add."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from gateway.models import Base


def test_autogenerate_finds_no_difference_between_models_and_migrations(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "compare_server_default": connection.dialect.name == "postgresql",
                    "target_metadata": Base.metadata,
                },
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == [], "models and migrations differ; write a migration for: " + repr(
        differences
    )
