"""held_mails: automatic mail held for review

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 09:29:26.428615
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.models.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "held_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbound_mail_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("sender_name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("preview", sa.Text(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("held_at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("restored_at", gateway.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("restored_by_id", sa.Integer(), nullable=True),
        sa.Column("restored_conversation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_held_mails_conversation_id_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["inbound_mail_id"],
            ["inbound_mails.id"],
            name=op.f("fk_held_mails_inbound_mail_id_inbound_mails"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["restored_by_id"], ["agents.id"], name=op.f("fk_held_mails_restored_by_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["restored_conversation_id"],
            ["conversations.id"],
            name=op.f("fk_held_mails_restored_conversation_id_conversations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_mails")),
        sa.UniqueConstraint("inbound_mail_id", name=op.f("uq_held_mails_inbound_mail_id")),
    )
    with op.batch_alter_table("held_mails", schema=None) as batch_op:
        batch_op.create_index("ix_held_mails_conversation", ["conversation_id"], unique=False)
        batch_op.create_index("ix_held_mails_listing", ["restored_at", "held_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("held_mails", schema=None) as batch_op:
        batch_op.drop_index("ix_held_mails_listing")
        batch_op.drop_index("ix_held_mails_conversation")

    op.drop_table("held_mails")
