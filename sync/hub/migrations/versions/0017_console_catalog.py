"""console catalog and reports: daily sales rollup, stock adjustments, product search indexes

Revision ID: 0017
Revises: 0013
Create Date: 2026-12-05 08:00:00

``sales_daily`` sums till sales per day × store × channel × tender × department, written in the
ingest transaction (sync/hub/sales_rollup.py), so the dashboard and the reports stop summing
every sale line. ``stock_adjustments`` keeps head office's stock changes with their reasons.
On PostgreSQL the product search gets pg_trgm GIN indexes (name and barcodes, for "contains"
as you type) and a text_pattern_ops index on the SKU (prefix); SQLite has neither and uses
the primary key for SKU prefixes (sync/hub/console/catalog.py). Sales ingested before this
revision come into the rollup with ``omnitill hub rebuild-sales-rollup``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sales_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("tender", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("sales", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "store_id", "channel", "tender", "department"),
    )
    op.create_index("ix_sales_daily_store_day", "sales_daily", ["store_id", "day"])
    op.create_table(
        "stock_adjustments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("delta_milli", sa.BigInteger(), nullable=False),
        sa.Column("level_milli", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_stock_adjustments_store_sku", "stock_adjustments", ["store_id", "sku", "id"]
    )
    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_products_name_trgm ON products USING gin (name gin_trgm_ops)")
        op.execute(
            "CREATE INDEX ix_products_barcodes_trgm ON products USING gin (barcodes gin_trgm_ops)"
        )
        op.execute("CREATE INDEX ix_products_sku_prefix ON products (sku text_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("ix_products_sku_prefix", "ix_products_barcodes_trgm",
                     "ix_products_name_trgm"):  # fmt: skip
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_stock_adjustments_store_sku", table_name="stock_adjustments")
    op.drop_table("stock_adjustments")
    op.drop_index("ix_sales_daily_store_day", table_name="sales_daily")
    op.drop_table("sales_daily")
