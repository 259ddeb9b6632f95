"""web_orders.fulfilment and deliver_to; collection_orders.tracking_ref: deliveries at the till

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 15:20:00.000000

The hub sends each web order's fulfilment (pickup | delivery) and, for a delivery, the address
(hub migration 0023, docs/architecture.md §7b); the till keeps them to show a delivery as one
and to end it "shipped" instead of handed over, with the parcel's tracking reference if any.
Orders stored before this revision are pickups (server default), as the hub's were. Plain
added columns with server defaults: SQLite adds them without a table rebuild, so no row of
the web-order tables is copied or cascaded.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("web_orders") as batch:
        batch.add_column(
            sa.Column("fulfilment", sa.String(length=16), nullable=False, server_default="pickup")
        )
        batch.add_column(sa.Column("deliver_to", sa.Text(), nullable=True))
    with op.batch_alter_table("collection_orders") as batch:
        batch.add_column(sa.Column("tracking_ref", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("collection_orders") as batch:
        batch.drop_column("tracking_ref")
    with op.batch_alter_table("web_orders") as batch:
        batch.drop_column("deliver_to")
        batch.drop_column("fulfilment")
