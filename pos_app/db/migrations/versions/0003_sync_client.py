"""sync client: feed cursor, hub stock levels, promotions, web orders

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_cursor", sa.Integer(), nullable=False),
        sa.Column("feed_updated_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "hub_stock_levels",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.Column("feed_position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sku"),
    )
    op.create_table(
        "promotions",
        sa.Column("promo_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=True),
        sa.Column("starts_at", sa.String(length=32), nullable=True),
        sa.Column("ends_at", sa.String(length=32), nullable=True),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("feed_position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("promo_id"),
    )
    op.create_table(
        "web_orders",
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("payment_status", sa.String(length=32), nullable=False),
        sa.Column("pickup_code", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total_minor", sa.Integer(), nullable=False),
        sa.Column("customer_email", sa.String(length=254), nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=False),
        sa.Column("customer_phone", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("feed_position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("number"),
    )
    with op.batch_alter_table("web_orders", schema=None) as batch_op:
        batch_op.create_index("ix_web_orders_pickup_code", ["pickup_code"], unique=False)
        batch_op.create_index("ix_web_orders_customer_email", ["customer_email"], unique=False)
        batch_op.create_index("ix_web_orders_status", ["status"], unique=False)
    op.create_table(
        "web_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.Column("unit_price_minor", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_number"], ["web_orders.number"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_number", "line_no", name="uq_web_order_lines_order_line"),
    )


def downgrade() -> None:
    op.drop_table("web_order_lines")
    with op.batch_alter_table("web_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_web_orders_status")
        batch_op.drop_index("ix_web_orders_customer_email")
        batch_op.drop_index("ix_web_orders_pickup_code")
    op.drop_table("web_orders")
    op.drop_table("promotions")
    op.drop_table("hub_stock_levels")
    op.drop_table("sync_state")
