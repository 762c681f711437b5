"""Write a new Alembic revision from the models: ``python scripts/new_migration.py "message"``.

Autogenerates against a scratch SQLite database migrated to head, then formats the file.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from gateway.db import Database
from gateway.migrate import MIGRATIONS_DIR, alembic_config, upgrade


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'scratch.db'}"
        database = Database(url)
        upgrade(database.engine)
        database.dispose()
        existing = {p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")}
        number = f"{len(existing) + 1:04d}"
        command.revision(alembic_config(url), message=message, autogenerate=True, rev_id=number)
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "-q", str(MIGRATIONS_DIR / "versions")], check=True)
    subprocess.run(
        [str(ruff), "check", "-q", "--fix", str(MIGRATIONS_DIR / "versions")], check=False
    )


if __name__ == "__main__":
    main()
