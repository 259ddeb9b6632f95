"""Returns across channels: web-order return lines, and the hub's warnings on pushed events.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 18:30:00.000000

A return line of a web order names the order number (``original_order_number``) and its line
number, so this till counts its own unsent returns of a web order like it does for sales. The
hub answers an accepted event with warnings (an over-return it flagged for head office); the
outbox keeps them (``hub_warnings``, a JSON list) until a manager has seen them
(``warnings_seen_at``). Only columns are added (no table is rebuilt); all nullable.
The store's return policy from the hub's feed is one row of ``return_policy`` (JSON).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "return_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("feed_position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original_order_number", sa.String(length=64), nullable=True))
    op.create_index(
        "ix_sale_lines_original_order",
        "sale_lines",
        ["original_order_number", "original_line_no"],
        unique=False,
    )
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hub_warnings", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("warnings_seen_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.drop_column("warnings_seen_at")
        batch_op.drop_column("hub_warnings")
    op.drop_index("ix_sale_lines_original_order", table_name="sale_lines")
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.drop_column("original_order_number")
    op.drop_table("return_policy")
