"""store_profile.locale: the store's locale (e.g. fr_FR) for the till's formats and receipts

Revision ID: 0017
Revises: 0013
Create Date: 2026-12-05 08:00:00.000000

Set by the hub (the store feed) or the standalone set-up. A till upgraded from before keeps the
English, day-first formats it had: the server default is en_GB (docs/architecture.md, "Locale
and formats"). A NOT NULL column with a server default: SQLite adds it without a rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("store_profile") as batch:
        batch.add_column(
            sa.Column("locale", sa.String(length=32), nullable=False, server_default="en_GB")
        )


def downgrade() -> None:
    with op.batch_alter_table("store_profile") as batch:
        batch.drop_column("locale")
