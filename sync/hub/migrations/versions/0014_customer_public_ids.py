"""customers.public_id: an opaque id (UUID4) for every customer, the only id the API shows

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 08:00:00

The chain-wide customer view (issue 16 point 10) named customers by their sequential integer
key, so a till could walk the customer table by counting. Each customer gets a random UUID4,
unique; existing rows are backfilled here, one UUID each. The integer key stays the internal
join key (web orders, stored value, customer sales) and never leaves the hub again.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("public_id", sa.String(length=36), nullable=True))
    bind = op.get_bind()
    customers = sa.table("customers", sa.column("id", sa.Integer), sa.column("public_id"))
    ids = [row[0] for row in bind.execute(sa.select(customers.c.id))]
    for start in range(0, len(ids), 1000):  # bounded statements on a large chain
        bind.execute(
            customers.update()
            .where(customers.c.id == sa.bindparam("cid"))
            .values(public_id=sa.bindparam("pid")),
            [{"cid": i, "pid": str(uuid.uuid4())} for i in ids[start : start + 1000]],
        )
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("public_id", existing_type=sa.String(length=36), nullable=False)
        batch.create_index("ix_customers_public_id", ["public_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_index("ix_customers_public_id")
        batch.drop_column("public_id")
