"""one stock truth: locations, safety stock, reservations, web-store stock pushes

Revision ID: 0019
Revises: 0013
Create Date: 2026-12-05 08:00:00

Available-to-sell per location is on hand − reserved − safety stock (sync/hub/stock_truth.py).
New tables only: nothing existing changes. Orders already open when this runs hold nothing
until their next step (their goods are counted as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "stock_locations",
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("safety_milli", sa.BigInteger(), nullable=False),
        sa.Column("hold_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("store_id"),
    )
    op.create_table(
        "safety_stock",
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("store_id", "sku"),
    )
    op.create_table(
        "stock_reservations",
        sa.Column("id", _ID, nullable=False),
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("updated_at", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_number", "sku", name="uq_stock_reservations_order_sku"),
    )
    op.create_index(
        "ix_stock_reservations_held", "stock_reservations", ["store_id", "sku", "state"]
    )
    op.create_table(
        "shopify_publish",
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("access_token", sa.String(length=255), nullable=False),
        sa.Column("endpoint", sa.String(length=500), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(["shop_domain"], ["shopify_shops.shop_domain"]),
        sa.PrimaryKeyConstraint("shop_domain"),
    )
    op.create_table(
        "shopify_locations",
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("location_gid", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["shop_domain"], ["shopify_publish.shop_domain"]),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("shop_domain", "store_id"),
    )
    op.create_index("ix_shopify_locations_store", "shopify_locations", ["store_id"])
    op.create_table(
        "shopify_items",
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("inventory_item_gid", sa.String(length=100), nullable=True),
        sa.Column("checked_at", _WHEN, nullable=False),
        sa.PrimaryKeyConstraint("shop_domain", "sku"),
    )
    op.create_table(
        "stock_pushes",
        sa.Column("id", _ID, nullable=False),
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("sent_version", sa.BigInteger(), nullable=False),
        sa.Column("sent_level", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("changed_at", _WHEN, nullable=False),
        sa.Column("due_at", _WHEN, nullable=False),
        sa.Column("sent_at", _WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("shop_domain", "store_id", "sku", name="uq_stock_pushes_item"),
    )
    op.create_index("ix_stock_pushes_due", "stock_pushes", ["status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_stock_pushes_due", table_name="stock_pushes")
    op.drop_table("stock_pushes")
    op.drop_table("shopify_items")
    op.drop_index("ix_shopify_locations_store", table_name="shopify_locations")
    op.drop_table("shopify_locations")
    op.drop_table("shopify_publish")
    op.drop_index("ix_stock_reservations_held", table_name="stock_reservations")
    op.drop_table("stock_reservations")
    op.drop_table("safety_stock")
    op.drop_table("stock_locations")
