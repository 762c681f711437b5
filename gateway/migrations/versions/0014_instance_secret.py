"""instance_secrets: the secret key lives in the database when KAKEHASHI_SECRET_KEY is unset

Every process of a PostgreSQL fleet reads the same key, and a SQLite install keeps its key
across restarts. The key is generated here, at migration time, so no process has to write it
while serving (a lost row is recreated on first use; see gateway.auth.secret).

Revision ID: 0014
Revises: 0013
"""

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import gateway.models.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "instance_secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("created_at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_instance_secrets")),
    )
    op.bulk_insert(
        table,
        [
            {
                "name": "secret_key",
                "value": secrets.token_urlsafe(48),
                "created_at": datetime.now(UTC),
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("instance_secrets")
