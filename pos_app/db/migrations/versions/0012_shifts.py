"""the store day: a receipt-number series per till, shifts, cash movements and Z reports

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 16:45:00.000000

Receipt numbers used to be the journal sequence, so approvals and drawer openings consumed
numbers. From here on ``receipt_series`` hands out one consecutive series per till (sales,
returns and exchanges; see docs/store-day.md). Existing receipts keep their numbers: the series
is backfilled with the highest number already printed by each till, so the next receipt follows
it and no number is ever reused. New tables and one new index on ``sales``: no existing table
is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_series",
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("last_no", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("till_id"),
    )
    op.create_table(
        "shift_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_required", sa.Boolean(), nullable=False),
        sa.Column("over_short_threshold_minor", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("shift_no", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("opened_at", sa.String(length=32), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("float_minor", sa.Integer(), nullable=False),
        sa.Column("float_count", sa.Text(), nullable=False),
        sa.Column("start_journal_seq", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("z_no", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
        sa.UniqueConstraint("till_id", "shift_no", name="uq_shifts_till_no"),
    )
    op.create_index("ix_shifts_till_status", "shifts", ["till_id", "status"], unique=False)
    op.create_table(
        "cash_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("cashier", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    op.create_index("ix_cash_movements_shift", "cash_movements", ["shift_id"], unique=False)
    op.create_table(
        "z_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("z_no", sa.Integer(), nullable=False),
        sa.Column("shift_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.Column("grand_total_minor", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("till_id", "z_no", name="uq_z_reports_till_no"),
    )
    # A shift's X and Z select its sales by journal range: without this, a scan of all sales.
    op.create_index("ix_sales_till_journal", "sales", ["till_id", "journal_seq"], unique=False)
    _backfill_receipt_series()


def _backfill_receipt_series() -> None:
    """The highest receipt number each till has printed ("<till>-<number>")."""
    conn = op.get_bind()
    last: dict[str, int] = {}
    for till_id, receipt_no in conn.execute(sa.text("SELECT till_id, receipt_no FROM sales")):
        prefix = f"{till_id}-"
        tail = receipt_no[len(prefix) :] if receipt_no.startswith(prefix) else ""
        if tail.isdigit():
            last[till_id] = max(last.get(till_id, 0), int(tail))
    for till_id, number in sorted(last.items()):
        conn.execute(
            sa.text("INSERT INTO receipt_series (till_id, last_no) VALUES (:t, :n)"),
            {"t": till_id, "n": number},
        )


def downgrade() -> None:
    op.drop_index("ix_sales_till_journal", table_name="sales")
    op.drop_table("z_reports")
    op.drop_index("ix_cash_movements_shift", table_name="cash_movements")
    op.drop_table("cash_movements")
    op.drop_index("ix_shifts_till_status", table_name="shifts")
    op.drop_table("shifts")
    op.drop_table("shift_settings")
    op.drop_table("receipt_series")
