"""stores.locale: each store's locale (e.g. fr_FR), fed to its tills with the store profile

Revision ID: 0022
Revises: 0013
Create Date: 2026-12-05 08:00:00

The tills format money, dates and receipts for it, and the hub writes to customers of that
store in its language when it does not know theirs. Existing stores keep English (en_GB, the
formats the tills had). A column with a server default: no table rewrite on PostgreSQL 11+.
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


def downgrade() -> None:
    with op.batch_alter_table("stores") as batch:
        batch.drop_column("locale")
