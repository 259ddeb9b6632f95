"""endless aisle: orders sold at a till and fulfilled by another store or the warehouse

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-05 08:10:00

A new table: the order itself is a web order (sync/hub/endless_aisle.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "aisle_orders",
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("sold_at_store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=80), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("delivery_address", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_number"),
        sa.UniqueConstraint("sale_uuid"),
    )


def downgrade() -> None:
    op.drop_table("aisle_orders")
