"""coupons: redeemed single-use codes, and second uses flagged for head office

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 18:30:00

``coupon_redemptions`` holds the first sale that used each single-use code (unique on code, so
two tills racing cannot both be first). A later sale with the same code (tills that were
offline) is still a sale: it is accepted and recorded in ``coupon_double_uses`` for review.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coupon_redemptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("promo_id", sa.String(length=64), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "coupon_double_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("promo_id", sa.String(length=64), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("first_sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code", "sale_uuid", name="uq_coupon_double_use"),
    )


def downgrade() -> None:
    op.drop_table("coupon_double_uses")
    op.drop_table("coupon_redemptions")
