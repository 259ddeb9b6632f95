"""customers named by the hub's opaque ref; sale history indexes

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-05 08:05:00.000000

Issue 16 point 10: the hub names customers by an opaque UUID (hub migration 0014), so the till
stores that ref: ``sales.customer_ref`` and ``customer_cache.hub_ref``. ``sales.customer_id``
stays (plain nullable column, never written again): sales made before this revision keep the
integer they were sent with, and their events still queued are accepted by the hub as they are.
The cache is only a cache: rows the hub knew by an integer are dropped (the next look-up brings
them back with their ref); rows created here while offline (pending) are kept.

Issue 17 point 3: the sale-history screen pages a till's sales newest first and finds them by
receipt number, day or amount, over years of sales: indexes on (till_id, created_at) and
(total_minor).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: ``sales`` (which other tables reference) is not rebuilt.
    op.add_column("sales", sa.Column("customer_ref", sa.String(length=36), nullable=True))
    op.execute("DELETE FROM customer_cache WHERE hub_id IS NOT NULL")
    op.add_column("customer_cache", sa.Column("hub_ref", sa.String(length=36), nullable=True))
    op.drop_column("customer_cache", "hub_id")
    op.create_index("ix_sales_till_created", "sales", ["till_id", "created_at"])
    op.create_index("ix_sales_total", "sales", ["total_minor"])


def downgrade() -> None:
    op.drop_index("ix_sales_total", table_name="sales")
    op.drop_index("ix_sales_till_created", table_name="sales")
    op.add_column("customer_cache", sa.Column("hub_id", sa.Integer(), nullable=True))
    op.execute("DELETE FROM customer_cache WHERE hub_ref IS NOT NULL")
    op.drop_column("customer_cache", "hub_ref")
    op.drop_column("sales", "customer_ref")
