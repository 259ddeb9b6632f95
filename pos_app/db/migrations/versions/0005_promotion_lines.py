"""promotions at the till: each sale line keeps the promotion discount it got

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 12:00:00.000000

Server defaults let a till upgrade with queued sales in place: lines sold before promotions
existed got none, which is exactly what 0 and an empty list say.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("promotion_discount_minor", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("promotions", sa.Text(), server_default="[]", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.drop_column("promotions")
        batch_op.drop_column("promotion_discount_minor")
