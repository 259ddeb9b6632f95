"""one drawer per cashier: shift_settings.drawer_per_cashier and the drawer's owner on a shift

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-05 15:30:00.000000

A store may give each signed-in cashier their own drawer (shift, float, X and Z) on a till
(docs/store-day.md). ``shift_settings.drawer_per_cashier`` is off by default, so a till
upgraded from before keeps one shift per till; ``shifts.cashier`` names the drawer's owner
(NULL: the till's drawer, as every shift before). Both are added columns: SQLite adds them
without rebuilding the tables (no cascade can touch cash_movements).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shift_settings") as batch:
        batch.add_column(
            sa.Column("drawer_per_cashier", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("shifts") as batch:
        batch.add_column(sa.Column("cashier", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shifts") as batch:
        batch.drop_column("cashier")
    with op.batch_alter_table("shift_settings") as batch:
        batch.drop_column("drawer_per_cashier")
