"""Shopify webhooks: the shops head office connected, each delivery once, what needs a person

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-04 17:15:00

``shopify_shops`` holds each shop's webhook signing secret (in clear: an HMAC needs it; the
database is head office's, like the SMTP password) and the store its local pickups go to.
``shopify_deliveries`` records every X-Shopify-Webhook-Id once: a repeated delivery is answered
200 without being applied again. ``shopify_flags`` keeps an order the hub could not take as
sent (an unknown SKU, another currency, amounts that do not add up …) with the reason, for head
office. ``shopify_refunds`` records what Shopify paid back, exactly, per refund.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shopify_shops",
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("webhook_secret", sa.String(length=255), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("shop_domain"),
    )
    op.create_table(
        "shopify_deliveries",
        sa.Column("webhook_id", sa.String(length=100), nullable=False),
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=500), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("webhook_id"),
    )
    op.create_table(
        "shopify_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=False),
        sa.Column("webhook_id", sa.String(length=100), nullable=False),
        sa.Column("shopify_id", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "shopify_refunds",
        sa.Column("refund_id", sa.String(length=32), nullable=False),
        sa.Column("shop_domain", sa.String(length=255), nullable=False),
        sa.Column("order_external_id", sa.String(length=100), nullable=False),
        sa.Column("order_number", sa.String(length=64), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("quantities", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("refund_id"),
    )


def downgrade() -> None:
    op.drop_table("shopify_refunds")
    op.drop_table("shopify_flags")
    op.drop_table("shopify_deliveries")
    op.drop_table("shopify_shops")
