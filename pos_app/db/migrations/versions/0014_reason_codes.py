"""reason_codes: the chain's preset reasons as the hub's feed last sent them

Revision ID: 0014
Revises: 0017
Create Date: 2026-12-05 08:30:00.000000

One row (id = 1) holding the whole set as JSON, like return_policy: the feed sends the set
whole. A new table: nothing existing changes; no row means the defaults (domain/reasons.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reason_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("feed_position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("reason_codes")
