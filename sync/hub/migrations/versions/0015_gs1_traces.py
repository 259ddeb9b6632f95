"""gs1_traces: lot, serial and expiry of the units tills sold, for recalls

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 08:20:00

Issue 17 point 4: a till records what a GS1 DataMatrix / GS1-128 scan said (lot AI 10, serial
AI 21, expiry AI 17) on the sale line and sends it with the sale event; the hub keeps one row
per traced line so head office can ask "which stores sold lot ABC123?" (``omnitill hub
traces``). A new table: nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gs1_traces",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=80), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("lot", sa.String(length=20), nullable=True),
        sa.Column("serial", sa.String(length=20), nullable=True),
        sa.Column("expiry", sa.String(length=10), nullable=True),
        sa.Column("sold_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "line_no", name="uq_gs1_traces_event_line"),
    )
    op.create_index("ix_gs1_traces_lot", "gs1_traces", ["lot"])
    op.create_index("ix_gs1_traces_serial", "gs1_traces", ["serial"])


def downgrade() -> None:
    op.drop_index("ix_gs1_traces_serial", table_name="gs1_traces")
    op.drop_index("ix_gs1_traces_lot", table_name="gs1_traces")
    op.drop_table("gs1_traces")
