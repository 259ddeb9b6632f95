"""customer look-ups: who (till and signed-in staff) looked which customers up, and when

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 17:40:00

The chain-wide customer view lets any till find any customer; each look-up is logged so head
office can see who looked at whom. A new table: nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_lookups",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("caller", sa.String(length=100), nullable=False),
        sa.Column("staff_code", sa.String(length=64), nullable=True),
        sa.Column("query", sa.String(length=16), nullable=False),
        sa.Column("customer_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_customer_lookups_at", "customer_lookups", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_customer_lookups_at", table_name="customer_lookups")
    op.drop_table("customer_lookups")
