"""event trust: content hash, quarantine state and the stored answer of each ingested event

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 17:00:00

``content_hash`` binds an event id to its content (the same id with other content is refused);
``state`` is applied / quarantined / released / rejected, with the ``reasons`` a quarantined
event failed and head office's review; ``warnings`` is the answer the till got, repeated when
it sends the same event again. Existing events are ``applied`` with no hash (they are
acknowledged as duplicates as before). Added columns only: no table rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("state", sa.String(length=16), nullable=False, server_default="applied")
        )
        batch.add_column(sa.Column("reasons", sa.Text(), nullable=True))
        batch.add_column(sa.Column("warnings", sa.Text(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("review_note", sa.String(length=500), nullable=True))
    op.create_index("ix_events_state", "events", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_state", table_name="events")
    with op.batch_alter_table("events") as batch:
        for column in (
            "review_note",
            "reviewed_by",
            "reviewed_at",
            "warnings",
            "reasons",
            "state",
            "content_hash",
        ):
            batch.drop_column(column)
