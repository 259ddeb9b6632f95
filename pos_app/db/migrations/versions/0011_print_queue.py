"""print queue and GS1 line data: receipts wait in the database, lot and serial on sale lines

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-04 17:00:00.000000

``print_jobs`` holds every receipt sent to the printer, in order: a row with no ``printed_at``
still waits, so receipts not yet printed survive a restart; printed rows are what "reprint"
finds (any past receipt, by receipt number). ``document`` is the receipt as JSON
(pos_app.domain.receipt_codec). Sale lines get the GS1 data a scan carried: lot (AI 10),
serial (AI 21) and expiry date (AI 17). New table and nullable columns: nothing is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("printed_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_print_jobs_waiting", "print_jobs", ["printed_at", "id"], unique=False)
    op.create_index("ix_print_jobs_receipt_no", "print_jobs", ["receipt_no"], unique=False)
    with op.batch_alter_table("sale_lines") as batch:
        batch.add_column(sa.Column("gs1_lot", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("gs1_serial", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("gs1_expiry", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sale_lines") as batch:
        batch.drop_column("gs1_expiry")
        batch.drop_column("gs1_serial")
        batch.drop_column("gs1_lot")
    op.drop_index("ix_print_jobs_receipt_no", table_name="print_jobs")
    op.drop_index("ix_print_jobs_waiting", table_name="print_jobs")
    op.drop_table("print_jobs")
