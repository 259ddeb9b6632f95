"""sales_by_department: the daily rollup summed over tender, for the reports by department

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05 21:00:00

A quarter's report by department (and its CSV export) summed every tender row of
``sales_daily``; ``sales_by_department`` holds those rows already summed over tender, keyed
day × store × department × channel, and the rollup upsert keeps it in the same transaction
(sync/hub/sales_rollup.py). Backfilled here from ``sales_daily`` (the per-sale total rows,
tender ``*``, are not department rows) and analysed, so the planner knows its size at once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sales_by_department",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sales", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "store_id", "department", "channel"),
    )
    op.create_index("ix_sales_by_department_store_day", "sales_by_department", ["store_id", "day"])
    op.execute(
        "INSERT INTO sales_by_department (day, store_id, department, channel, sales, "
        "amount_minor) SELECT day, store_id, department, channel, SUM(sales), SUM(amount_minor) "
        "FROM sales_daily WHERE tender <> '*' GROUP BY day, store_id, department, channel"
    )
    op.execute("ANALYZE sales_by_department")


def downgrade() -> None:
    op.drop_index("ix_sales_by_department_store_day", table_name="sales_by_department")
    op.drop_table("sales_by_department")
