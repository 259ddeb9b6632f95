"""coupons: the codes this till has taken, so a single-use code is used once here offline too

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 18:30:00.000000

One row per code per sale. ``checked`` is "online" when the hub confirmed the code before the
sale, "later" when the hub could not be reached (the hub checks it when the sale arrives and
flags a second use), "none" for a code that may be used many times. A new table: no existing
table is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coupon_uses",
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("promo_id", sa.String(length=64), nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("checked", sa.String(length=8), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("sale_uuid", "code"),
    )
    op.create_index("ix_coupon_uses_code", "coupon_uses", ["code"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_coupon_uses_code", table_name="coupon_uses")
    op.drop_table("coupon_uses")
