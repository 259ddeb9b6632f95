"""click-and-collect at the store: local pick progress and hand-over state

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collection_orders",
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("local_status", sa.String(length=32), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("bag_count", sa.Integer(), nullable=False),
        sa.Column("identity_note", sa.Text(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("sale_uuid", sa.String(length=36), nullable=True),
        sa.Column("offline_handover", sa.Boolean(), nullable=False),
        sa.Column("stock_held", sa.Boolean(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("review_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_outbox_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_number"], ["web_orders.number"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_number"),
    )
    with op.batch_alter_table("collection_orders", schema=None) as batch_op:
        batch_op.create_index("ix_collection_orders_local_status", ["local_status"], unique=False)
    op.create_table(
        "collection_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("picked_milli", sa.Integer(), nullable=False),
        sa.Column("short_milli", sa.Integer(), nullable=False),
        sa.Column("collected_milli", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_number"], ["collection_orders.order_number"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_number", "line_no", name="uq_collection_lines_order_line"),
    )


def downgrade() -> None:
    op.drop_table("collection_lines")
    with op.batch_alter_table("collection_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_collection_orders_local_status")
    op.drop_table("collection_orders")
