"""Returns: a return's lines point at the original sale line they refund.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 12:00:00.000000

A return is a ``sales`` row of kind "return" with negative amounts; each of its lines names the
original sale (by UUID, so sales from other tills can be referenced too) and line number, with
the reason code, the condition and where the item went (disposition). Returned quantity per
original line is the sum over these rows, which the index makes a cheap look-up. All columns
are nullable: sale lines (and every line written before this revision) leave them empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original_sale_uuid", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("original_line_no", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("return_reason", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("return_condition", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("disposition", sa.String(length=24), nullable=True))
    op.create_index(
        "ix_sale_lines_original",
        "sale_lines",
        ["original_sale_uuid", "original_line_no"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_sale_lines_original", table_name="sale_lines")
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.drop_column("disposition")
        batch_op.drop_column("return_condition")
        batch_op.drop_column("return_reason")
        batch_op.drop_column("original_line_no")
        batch_op.drop_column("original_sale_uuid")
