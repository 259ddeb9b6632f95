"""console users: head-office people, their sessions, the audit log; refund references

Revision ID: 0012_i20console
Revises: 0009
Create Date: 2026-12-04 17:40:00

The head-office console (docs/architecture.md §10) signs people in with an
e-mail and an argon2 password. ``console_users.stores`` is a JSON list of store ids for store
managers (empty for the chain-wide roles). Sessions are stored by the SHA-256 digest of their
cookie, like tokens. ``admin_tokens.user_id`` ties an API token to a user; tokens made before
this migration have none and keep acting as admins. ``refund_requests`` gains who marked a
refund done, when, and the payment reference they typed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_i20console"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("stores", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "console_sessions",
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["console_users.id"]),
        sa.PrimaryKeyConstraint("session_hash"),
    )
    with op.batch_alter_table("console_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_console_sessions_user_id"), ["user_id"], unique=False)
    op.create_table(
        "console_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("admin_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_admin_tokens_user_id", "console_users", ["user_id"], ["id"])
    # Console pages at chain scale (bench/bench_console.py): open orders by age, orders by
    # state newest first, each till's last event.
    op.create_index("ix_web_orders_status_created", "web_orders", ["status", "created_at"])
    op.create_index("ix_web_orders_status_id", "web_orders", ["status", "id"])
    op.create_index("ix_web_orders_created", "web_orders", ["created_at"])
    op.create_index("ix_events_till_received", "events", ["till_id", "received_at"])
    with op.batch_alter_table("refund_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_reference", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("refunded_by", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_index("ix_events_till_received", table_name="events")
    op.drop_index("ix_web_orders_created", table_name="web_orders")
    op.drop_index("ix_web_orders_status_id", table_name="web_orders")
    op.drop_index("ix_web_orders_status_created", table_name="web_orders")
    with op.batch_alter_table("refund_requests", schema=None) as batch_op:
        batch_op.drop_column("refunded_at")
        batch_op.drop_column("refunded_by")
        batch_op.drop_column("refund_reference")
    with op.batch_alter_table("admin_tokens", schema=None) as batch_op:
        batch_op.drop_constraint("fk_admin_tokens_user_id", type_="foreignkey")
        batch_op.drop_column("user_id")
    op.drop_table("console_audit")
    with op.batch_alter_table("console_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_console_sessions_user_id"))
    op.drop_table("console_sessions")
    op.drop_table("console_users")
