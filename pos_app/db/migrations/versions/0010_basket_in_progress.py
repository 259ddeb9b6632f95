"""basket in progress: the basket being rung at this till, saved as it changes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:20:00.000000

One row per till (issue 15: closing the window, a crash or a power cut lost the basket being
rung). Written on the DB lane at each change of the basket, deleted in the transaction that
completes, parks or voids it; read back at that till's next sign-in. A new table: no existing
table is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "basket_in_progress",
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("cashier", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("till_id"),
    )


def downgrade() -> None:
    op.drop_table("basket_in_progress")
