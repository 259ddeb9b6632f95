"""Customers across channels and emailed receipts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 18:30:00

- ``customers.loyalty_card``: a scanned loyalty card finds its customer (unique when set).
- ``customer_sales``: in-store sales a till attached a customer to (the store side of the
  customer's history; web orders are the other side).
- ``receipt_emails``: receipts the hub's mailer sends, with their status and retries.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (nullable, no default): no table rebuild on SQLite.
    op.add_column("customers", sa.Column("loyalty_card", sa.String(length=32), nullable=True))
    op.create_index("ix_customers_loyalty_card", "customers", ["loyalty_card"], unique=True)
    op.create_table(
        "customer_sales",
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("sale_uuid"),
    )
    op.create_index("ix_customer_sales_customer", "customer_sales", ["customer_id", "created_at"])
    op.create_table(
        "receipt_emails",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    op.create_index("ix_receipt_emails_sale_uuid", "receipt_emails", ["sale_uuid"])
    op.create_index("ix_receipt_emails_due", "receipt_emails", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_receipt_emails_due", table_name="receipt_emails")
    op.drop_index("ix_receipt_emails_sale_uuid", table_name="receipt_emails")
    op.drop_table("receipt_emails")
    op.drop_index("ix_customer_sales_customer", table_name="customer_sales")
    op.drop_table("customer_sales")
    op.drop_index("ix_customers_loyalty_card", table_name="customers")
    with op.batch_alter_table("customers") as batch_op:
        batch_op.drop_column("loyalty_card")
