"""web_orders.customer_locale: the language the customer ordered in, when the web store says

Revision ID: 0025
Revises: 0023
Create Date: 2026-12-05 21:00:00

The hub writes to a customer about their order (ready for pickup, cancelled …) in their
language when the catalogs have it, else in the store's (docs/architecture.md §13). The tag is
kept as checked (Babel's identifier, e.g. "de_AT"), not the resolved locale, so a language added
to the catalogs later serves orders already taken. Nullable, no default: older orders and web
stores that do not say are written to in the store's language; no table rewrite on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("web_orders") as batch:
        batch.add_column(sa.Column("customer_locale", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("web_orders") as batch:
        batch.drop_column("customer_locale")
