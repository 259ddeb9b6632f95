"""stores.locale and products.prices: each store's locale; price lists per currency

Revision ID: 0022
Revises: 0013
Create Date: 2026-12-05 08:00:00

The tills format money, dates and receipts for it, and the hub writes to customers of that
store in its language when it does not know theirs. Existing stores keep English (en_GB, the
formats the tills had). products.prices holds a product's price per currency as JSON
({"CHF": 1295}) for a chain whose stores sell in several; price_minor stays the price in every
other currency. Columns with server defaults: no table rewrite on PostgreSQL 11+.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stores") as batch:
        batch.add_column(
            sa.Column("locale", sa.String(length=32), nullable=False, server_default="en_GB")
        )
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("prices", sa.Text(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_column("prices")
    with op.batch_alter_table("stores") as batch:
        batch.drop_column("locale")
