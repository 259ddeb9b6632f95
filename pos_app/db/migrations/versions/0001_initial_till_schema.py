"""initial till schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 15:12:48.732000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("till_id", "seq", name="uq_journal_till_seq"),
    )
    op.create_table(
        "journal_head",
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("till_id"),
    )
    op.create_table(
        "outbox_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.String(length=32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("rejected", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_unsent", ["sent_at", "id"], unique=False)

    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("tax_class", sa.String(length=32), nullable=False),
        sa.Column("price_minor", sa.Integer(), nullable=False),
        sa.Column("sold_by_weight", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sku"),
    )
    op.create_table(
        "sales",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("cashier", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tax_mode", sa.String(length=16), nullable=False),
        sa.Column("subtotal_minor", sa.Integer(), nullable=False),
        sa.Column("discount_minor", sa.Integer(), nullable=False),
        sa.Column("tax_minor", sa.Integer(), nullable=False),
        sa.Column("total_minor", sa.Integer(), nullable=False),
        sa.Column("rounding_minor", sa.Integer(), nullable=False),
        sa.Column("paid_minor", sa.Integer(), nullable=False),
        sa.Column("change_minor", sa.Integer(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_no"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.create_index("ix_sales_created_at", ["created_at"], unique=False)

    op.create_table(
        "store_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("store_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tax_mode", sa.String(length=16), nullable=False),
        sa.Column("cash_rounding_step", sa.String(length=16), nullable=False),
        sa.Column("receipt_footer", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "tax_rates",
        sa.Column("tax_class", sa.String(length=32), nullable=False),
        sa.Column("rate", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("tax_class"),
    )
    op.create_table(
        "product_barcodes",
        sa.Column("barcode", sa.String(length=32), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("barcode"),
    )
    with op.batch_alter_table("product_barcodes", schema=None) as batch_op:
        batch_op.create_index("ix_product_barcodes_product_id", ["product_id"], unique=False)

    op.create_table(
        "sale_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("scanned_code", sa.String(length=32), nullable=True),
        sa.Column("tax_class", sa.String(length=32), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.Column("unit_price_minor", sa.Integer(), nullable=False),
        sa.Column("gross_minor", sa.Integer(), nullable=False),
        sa.Column("line_discount_minor", sa.Integer(), nullable=False),
        sa.Column("basket_discount_minor", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("price_override_reason", sa.Text(), nullable=True),
        sa.Column("discount_reasons", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sale_id", "line_no", name="uq_sale_lines_sale_line"),
    )
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.create_index("ix_sale_lines_sku", ["sku"], unique=False)

    op.create_table(
        "sale_tax_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("tax_class", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("rate", sa.String(length=16), nullable=False),
        sa.Column("net_minor", sa.Integer(), nullable=False),
        sa.Column("tax_minor", sa.Integer(), nullable=False),
        sa.Column("gross_minor", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sale_tenders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("approval_code", sa.String(length=16), nullable=True),
        sa.Column("card_last4", sa.String(length=4), nullable=True),
        sa.Column("card_scheme", sa.String(length=32), nullable=True),
        sa.Column("terminal_ref", sa.String(length=64), nullable=True),
        sa.Column("account", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sale_id", "seq", name="uq_sale_tenders_sale_seq"),
    )
    op.create_table(
        "stock_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity_delta_milli", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("stock_movements", schema=None) as batch_op:
        batch_op.create_index("ix_stock_movements_sku", ["sku"], unique=False)

    # Name search (docs/architecture.md §3): an external-content FTS5 index kept in step by
    # triggers, so type-ahead over a million names is an index query, never a scan. "trigram" would
    # match inside words but triples the index; prefix indexes on the unicode61 tokens serve
    # type-ahead ("cof" finds "Coffee") at a fraction of the size.
    op.execute(
        "CREATE VIRTUAL TABLE products_fts USING fts5("
        "name, sku, content='products', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute(
        "CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN "
        "INSERT INTO products_fts(rowid, name, sku) VALUES (new.id, new.name, new.sku); END"
    )
    op.execute(
        "CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN "
        "INSERT INTO products_fts(products_fts, rowid, name, sku) "
        "VALUES ('delete', old.id, old.name, old.sku); END"
    )
    op.execute(
        "CREATE TRIGGER products_fts_au AFTER UPDATE OF name, sku ON products BEGIN "
        "INSERT INTO products_fts(products_fts, rowid, name, sku) "
        "VALUES ('delete', old.id, old.name, old.sku); "
        "INSERT INTO products_fts(rowid, name, sku) VALUES (new.id, new.name, new.sku); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS products_fts_au")
    op.execute("DROP TRIGGER IF EXISTS products_fts_ad")
    op.execute("DROP TRIGGER IF EXISTS products_fts_ai")
    op.execute("DROP TABLE IF EXISTS products_fts")

    with op.batch_alter_table("stock_movements", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_movements_sku")

    op.drop_table("stock_movements")
    op.drop_table("sale_tenders")
    op.drop_table("sale_tax_lines")
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_sale_lines_sku")

    op.drop_table("sale_lines")
    with op.batch_alter_table("product_barcodes", schema=None) as batch_op:
        batch_op.drop_index("ix_product_barcodes_product_id")

    op.drop_table("product_barcodes")
    op.drop_table("tax_rates")
    op.drop_table("store_profile")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_created_at")

    op.drop_table("sales")
    op.drop_table("products")
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_unsent")

    op.drop_table("outbox_events")
    op.drop_table("journal_head")
    op.drop_table("journal_entries")
