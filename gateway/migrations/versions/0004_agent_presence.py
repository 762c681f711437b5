"""agents: last_seen_at, so the chat can tell buyers whether anyone is at work

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:58:37.683099
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.models.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_seen_at", gateway.models.base.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
