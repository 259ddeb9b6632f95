"""returns ledger: returned quantities per original line, reviews, online refunds

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "returnable_lines",
        sa.Column("original_kind", sa.String(length=16), nullable=False),
        sa.Column("original_ref", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("bought_milli", sa.BigInteger(), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("returned_milli", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("original_kind", "original_ref", "line_no"),
    )
    op.create_table(
        "return_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=80), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("return_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_reviews_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_reviews_store_id"), ["store_id"], unique=False)
    op.create_table(
        "return_refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "order_number", name="uq_return_refunds_event"),
    )
    with op.batch_alter_table("return_refunds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_return_refunds_order_number"), ["order_number"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("return_refunds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_refunds_order_number"))
    op.drop_table("return_refunds")
    with op.batch_alter_table("return_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_reviews_store_id"))
        batch_op.drop_index(batch_op.f("ix_return_reviews_event_id"))
    op.drop_table("return_reviews")
    op.drop_table("returnable_lines")
