"""staff.hub_pin_hash: the PIN hash the hub last fed, so a local upgrade survives the feed

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 17:00:00.000000

A sign-in re-hashes a legacy PIN hash (scrypt) as argon2id at the till. The feed must not put
the hub's old hash back each time the person's record changes, yet must take a new PIN set at
head office: it compares the incoming hash with this column. A nullable column: no rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("hub_pin_hash", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("hub_pin_hash")
