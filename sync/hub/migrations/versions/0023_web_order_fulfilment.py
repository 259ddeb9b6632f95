"""web_orders.fulfilment and deliver_to: a web order is picked up or delivered

Revision ID: 0023
Revises: 0020
Create Date: 2026-12-05 09:20:00

Shopify orders to be shipped (and endless-aisle delivery orders) are web orders of the location
that ships them (docs/architecture.md §7b); the tills must show them as deliveries, not as
pickups. Existing orders are pickups (server default: no table rewrite on PostgreSQL 11+).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("web_orders") as batch:
        batch.add_column(
            sa.Column("fulfilment", sa.String(length=16), nullable=False, server_default="pickup")
        )
        batch.add_column(sa.Column("deliver_to", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("web_orders") as batch:
        batch.drop_column("deliver_to")
        batch.drop_column("fulfilment")
