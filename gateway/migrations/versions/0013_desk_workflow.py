"""desk workflow: tags, priority, escalation, orders, satisfaction surveys

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-03 09:26:31.554192
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import gateway.models.base

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=50), nullable=False),
        sa.Column("created_at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_tags_conversation_id_conversations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_tags")),
        sa.UniqueConstraint("conversation_id", "tag", name="uq_conversation_tags_key"),
    )
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_tags_tag", ["tag", "conversation_id"], unique=False)

    op.create_table(
        "desk_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_desk_events_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_desk_events_conversation_id_conversations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_events")),
    )
    with op.batch_alter_table("desk_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_desk_events_conversation", ["conversation_id", "at"], unique=False
        )

    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("order_number", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=100), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("total", sa.JSON(), nullable=True),
        sa.Column("placed_at", gateway.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("created_at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_orders_conversation_id_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_orders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("customer_id", "order_number", name="uq_orders_customer_number"),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index("ix_orders_order_number", ["order_number"], unique=False)

    op.create_table(
        "csat_surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", gateway.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=True),
        sa.Column("answered_at", gateway.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("commented_at", gateway.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("comment_ja", sa.Text(), nullable=True),
        sa.Column("comment_translation_state", sa.String(length=20), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_csat_surveys_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_csat_surveys_conversation_id_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_csat_surveys_message_id_messages")
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["language_queues.id"],
            name=op.f("fk_csat_surveys_queue_id_language_queues"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csat_surveys")),
        sa.UniqueConstraint("conversation_id", name="uq_csat_surveys_conversation"),
    )
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("escalation_group", sa.Boolean(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(
            sa.Column("escalated_at", gateway.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("escalation_reason", sa.Text(), nullable=True))

    with op.batch_alter_table("language_queues", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority_target_hours", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("csat_survey", sa.Boolean(), server_default="1", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("language_queues", schema=None) as batch_op:
        batch_op.drop_column("csat_survey")
        batch_op.drop_column("priority_target_hours")

    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("escalation_reason")
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("priority")

    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_column("escalation_group")

    op.drop_table("csat_surveys")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_order_number")

    op.drop_table("orders")
    with op.batch_alter_table("desk_events", schema=None) as batch_op:
        batch_op.drop_index("ix_desk_events_conversation")

    op.drop_table("desk_events")
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_tags_tag")

    op.drop_table("conversation_tags")
