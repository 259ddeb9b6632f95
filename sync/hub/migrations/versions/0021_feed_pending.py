"""feed_pending: feed rows written without a lock, numbered into the feed after commit

Revision ID: 0021
Revises: 0013
Create Date: 2026-12-05 08:00:00

On PostgreSQL the feed was kept in commit order by one advisory lock held from the feed insert
to the commit of every writing transaction, so all ingest commits ran one after another. Now a
writer inserts into ``feed_pending`` in parallel and a short numbering step moves committed rows
into ``feed`` (sync/hub/feed.py). A new, empty table: nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_pending",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("feed_pending")
