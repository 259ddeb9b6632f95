"""reason codes: the chain's preset reasons for discounts, voids, no-sales, paid in/out, returns

Revision ID: 0016
Revises: 0022
Create Date: 2026-12-05 08:30:00

Head office replaces the set whole (``PUT /v1/admin/reason-codes``, ``omnitill hub reason-codes
set``); the tills get it in the feed. A new table: nothing existing changes; no rows means the
tills keep their defaults.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reason_codes",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("needs_text", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "code"),
    )


def downgrade() -> None:
    op.drop_table("reason_codes")
