"""store days: each till's Z report (shift.closed) kept for head office and accounting

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:05:00

One row per closed shift, keyed by the event that brought it; a till's Z number is unique per
till, so the same Z sent under another event id is kept once. A new table only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shift_closures",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=80), nullable=False),
        sa.Column("shift_id", sa.String(length=64), nullable=False),
        sa.Column("z_no", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("grand_total_minor", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
        sa.UniqueConstraint("till_id", "z_no", name="uq_shift_closures_till_z"),
    )
    op.create_index(
        "ix_shift_closures_store_day", "shift_closures", ["store_id", "business_day"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_shift_closures_store_day", table_name="shift_closures")
    op.drop_table("shift_closures")
