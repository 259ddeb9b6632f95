"""returnable receipts: a sale's receipt number, till, time and tenders for chain-wide returns

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 19:45:00

``returnable_sales`` has one row per ingested sale, written with its ``returnable_lines``, so a
till can look a receipt from another till up by its barcode (the receipt number) and refund by
the tenders that paid it. The receipt number is indexed, not unique: a till id is unique in the
chain, but a clash (a re-enrolled till) must not make a sale's ingest fail.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "returnable_sales",
        sa.Column("sale_uuid", sa.String(length=64), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenders", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sale_uuid"),
    )
    with op.batch_alter_table("returnable_sales", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_returnable_sales_receipt_no"), ["receipt_no"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("returnable_sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_returnable_sales_receipt_no"))
    op.drop_table("returnable_sales")
