"""Customers at the till: a bounded cache of recent customers, and the customer of a sale.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 18:40:00.000000

``customer_cache`` answers customer look-ups while the hub is away (the most recently seen
few hundred customers). ``sales.customer_id`` / ``customer_email`` name the customer attached to
a sale. Both columns are nullable and added with a plain ALTER TABLE ADD COLUMN, so ``sales``
(which other tables reference) is not rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_cache",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("loyalty_card", sa.String(length=32), nullable=True),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("seen_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_index("ix_customer_cache_seen_at", "customer_cache", ["seen_at"])
    op.create_index("ix_customer_cache_phone", "customer_cache", ["phone"])
    op.create_index("ix_customer_cache_loyalty_card", "customer_cache", ["loyalty_card"])
    op.add_column("sales", sa.Column("customer_id", sa.Integer(), nullable=True))
    op.add_column("sales", sa.Column("customer_email", sa.String(length=254), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of ``sales`` would break its references.
    op.drop_column("sales", "customer_email")
    op.drop_column("sales", "customer_id")
    op.drop_index("ix_customer_cache_loyalty_card", table_name="customer_cache")
    op.drop_index("ix_customer_cache_phone", table_name="customer_cache")
    op.drop_index("ix_customer_cache_seen_at", table_name="customer_cache")
    op.drop_table("customer_cache")
