"""Installing a newer OmniTill over an older one: the data folder is kept and migrated in place.

For every schema revision before head, a till database is built at that revision and filled —
with raw SQL in the shape of the oldest tables, as the checkout of that era wrote them — with
sales whose events are still queued for the hub (plus one already sent and one rejected). It is
then upgraded the way an installed till is (``omnitill db upgrade``, which the app also does on
start). Every row of every old table must come through unchanged, the pusher must see the same
queue in the same order, the journal must verify, and the till must keep ringing on the same
chain. Running the upgrade again changes nothing.

A migration that rebuilds a parent table under ``PRAGMA foreign_keys=ON`` (SQLite batch mode)
would silently cascade-delete its children; comparing whole tables catches exactly that.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from pos_app import cli
from pos_app.db import migrate
from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.engine import create_till_engine, database_path, make_session_factory
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.returns.in_store import ReturnsService
from pos_app.services.sale.checkout import CheckoutService, CompletedSale
from pos_app.services.sale.drawer import DrawerReason, DrawerService
from pos_app.services.store import journal
from pos_app.services.store.till_context import load_till_context
from sync.client.outbox import SqlOutbox

TILL = "till-7"
STORE = "store-3"
QUEUED_SALES = 12
# Tables as revision 0001 created them; each is compared column by column after the upgrade.
OLD_TABLES = (
    "store_profile",
    "tax_rates",
    "products",
    "product_barcodes",
    "sales",
    "sale_lines",
    "sale_tax_lines",
    "sale_tenders",
    "stock_movements",
    "journal_entries",
    "journal_head",
    "outbox_events",
)


def _older_revisions() -> list[str]:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    return sorted(rev.revision for rev in script.walk_revisions() if rev.revision != head)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _insert(conn: Any, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(row)
    values = ", ".join(f":{key}" for key in row)
    result = conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
    return int(result.lastrowid)


def _fill_like_0001(engine: Engine, sales: int) -> None:
    """Sales rung by a till of the first release: rows, journal chain and outbox, by hand."""
    start = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
    with engine.begin() as conn:
        _insert(
            conn,
            "store_profile",
            {
                "id": 1,
                "store_id": STORE,
                "till_id": TILL,
                "store_name": "Rue Oberkampf",
                "address": "12 rue Oberkampf\n75011 Paris",
                "currency": "EUR",
                "tax_mode": "inclusive",
                "cash_rounding_step": "0.05",
                "receipt_footer": "Merci",
            },
        )
        _insert(conn, "tax_rates", {"tax_class": "standard", "rate": "0.20", "label": "TVA 20%"})
        product_id = _insert(
            conn,
            "products",
            {
                "sku": "TEA-1",
                "name": "Green Tea 100 g",
                "department": "grocery",
                "tax_class": "standard",
                "price_minor": 450,
                "sold_by_weight": False,
                "active": True,
            },
        )
        _insert(conn, "product_barcodes", {"barcode": "4006381333931", "product_id": product_id})

        prev_hash = journal.GENESIS_HASH
        for n in range(1, sales + 1):
            at = start + timedelta(minutes=7 * n)
            quantity = n % 3 + 1
            total = 450 * quantity
            tax = total - round(total / 1.2)
            sale_uuid = str(uuid.UUID(int=n))
            receipt_no = f"{TILL}-{n:06d}"
            sale_id = _insert(
                conn,
                "sales",
                {
                    "uuid": sale_uuid,
                    "kind": "sale",
                    "store_id": STORE,
                    "till_id": TILL,
                    "receipt_no": receipt_no,
                    "journal_seq": n,
                    "created_at": _stamp(at),
                    "cashier": "0042",
                    "currency": "EUR",
                    "tax_mode": "inclusive",
                    "subtotal_minor": total,
                    "discount_minor": 0,
                    "tax_minor": tax,
                    "total_minor": total,
                    "rounding_minor": 0,
                    "paid_minor": 5000,
                    "change_minor": 5000 - total,
                    "offline": True,
                },
            )
            _insert(
                conn,
                "sale_lines",
                {
                    "sale_id": sale_id,
                    "line_no": 1,
                    "sku": "TEA-1",
                    "name": "Green Tea 100 g",
                    "department": "grocery",
                    "scanned_code": "4006381333931",
                    "tax_class": "standard",
                    "quantity_milli": quantity * 1000,
                    "unit_price_minor": 450,
                    "gross_minor": total,
                    "line_discount_minor": 0,
                    "basket_discount_minor": 0,
                    "amount_minor": total,
                    "price_override_reason": None,
                    "discount_reasons": "[]",
                },
            )
            _insert(
                conn,
                "sale_tax_lines",
                {
                    "sale_id": sale_id,
                    "tax_class": "standard",
                    "label": "TVA 20%",
                    "rate": "0.20",
                    "net_minor": total - tax,
                    "tax_minor": tax,
                    "gross_minor": total,
                },
            )
            _insert(
                conn,
                "sale_tenders",
                {"sale_id": sale_id, "seq": 1, "kind": "cash", "amount_minor": 5000},
            )
            _insert(
                conn,
                "stock_movements",
                {
                    "uuid": str(uuid.UUID(int=10_000 + n)),
                    "sku": "TEA-1",
                    "quantity_delta_milli": -quantity * 1000,
                    "reason": "sale",
                    "sale_id": sale_id,
                    "created_at": _stamp(at),
                },
            )
            payload = journal.canonical_json(
                {
                    "seq": n,
                    "till_id": TILL,
                    "kind": "sale",
                    "created_at": at.isoformat(timespec="microseconds"),
                    "prev_hash": prev_hash,
                    "body": {
                        "receipt_no": receipt_no,
                        "sale_uuid": sale_uuid,
                        "store_id": STORE,
                        "cashier": "0042",
                        "currency": "EUR",
                        "offline": True,
                        "total_minor": total,
                        "tax_minor": tax,
                        "rounding_minor": 0,
                        "lines": [["TEA-1", quantity * 1000, total, "standard"]],
                        "tenders": [["cash", 5000]],
                        "tax": [["standard", "0.20", total - tax, tax]],
                    },
                }
            )
            digest = hashlib.sha256(payload.encode()).hexdigest()
            _insert(
                conn,
                "journal_entries",
                {
                    "till_id": TILL,
                    "seq": n,
                    "kind": "sale",
                    "created_at": _stamp(at),
                    "payload": payload,
                    "prev_hash": prev_hash,
                    "hash": digest,
                },
            )
            prev_hash = digest
            event = {
                "version": 1,
                "sale_uuid": sale_uuid,
                "receipt_no": receipt_no,
                "journal": {"seq": n, "hash": digest},
            }
            _insert(
                conn,
                "outbox_events",
                {
                    "event_id": str(uuid.UUID(int=20_000 + n)),
                    "kind": "sale.completed",
                    "payload": json.dumps(event, sort_keys=True, separators=(",", ":")),
                    "created_at": _stamp(at),
                    # The first sale reached the hub before the outage; the second was refused.
                    "sent_at": _stamp(at + timedelta(seconds=1)) if n == 1 else None,
                    "attempts": 1 if n <= 2 else 0,
                    "last_error": "unknown store" if n == 2 else None,
                    "rejected": n == 2,
                },
            )
        _insert(conn, "journal_head", {"till_id": TILL, "seq": sales, "hash": prev_hash})


def _ring_tea(factory: sessionmaker[Session]) -> CompletedSale:
    """The upgraded till rings one tea, paid cash, as the sale screen does."""
    with factory.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        basket.add_by_barcode(
            "4006381333931", SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
        )
        return CheckoutService().complete_sale(
            session,
            basket=basket,
            tenders=[Tender(TenderKind.CASH, Money.of("5", ctx.currency))],
            cashier="0042",
            context=ctx,
        )


def _snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every old table, every row, the old columns only, in primary-key order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in OLD_TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY rowid")).mappings()
            tables[table] = [dict(row) for row in rows]
    return tables


def _old_columns(snapshot: dict[str, list[dict[str, Any]]], reference: dict[str, Any]) -> Any:
    return {
        table: [{key: row[key] for key in reference[table]} for row in rows]
        for table, rows in snapshot.items()
    }


@pytest.fixture
def old_till(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A data folder whose database stopped at the given older revision, full of queued sales."""
    revision: str = request.param
    data_dir = tmp_path / "data"
    engine = create_till_engine(database_path(data_dir))
    migrate.upgrade(engine, revision)
    assert migrate.current_revision(engine) == revision
    _fill_like_0001(engine, QUEUED_SALES)
    if "receipt_series" in inspect(engine).get_table_names():
        # From 0012 on, the till that rang those sales kept its receipt series with them.
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO receipt_series (till_id, last_no) VALUES (:t, :n)"),
                {"t": TILL, "n": QUEUED_SALES},
            )
    engine.dispose()
    return data_dir


@pytest.mark.parametrize("old_till", _older_revisions(), indirect=True)
def test_upgrade_keeps_every_queued_sale(
    old_till: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = database_path(old_till)
    engine = create_till_engine(path)
    before = _snapshot(engine)
    columns = {table: list(rows[0]) for table, rows in before.items()}
    assert len(before["outbox_events"]) == QUEUED_SALES
    engine.dispose()

    assert cli.main(["--data-dir", str(old_till), "db", "upgrade"]) == cli.EXIT_OK
    head = migrate.head_revision()
    assert f"schema {head}" in capsys.readouterr().out

    engine = create_till_engine(path)
    try:
        assert migrate.current_revision(engine) == head
        after = _snapshot(engine)
        assert _old_columns(after, columns) == before

        factory = make_session_factory(engine)
        with factory() as session:
            report = journal.verify_journal(session)
            assert report.ok, report.problems
            assert report.entries_checked == QUEUED_SALES

        # The pusher sees the same queue, in the same order, and every event still parses.
        outbox = SqlOutbox(factory, factory, clock=lambda: datetime.now(UTC))
        queued = outbox.next_batch(1000)
        expected = [
            row["event_id"]
            for row in before["outbox_events"]
            if row["sent_at"] is None and not row["rejected"]
        ]
        assert [event.event_id for event in queued] == expected
        assert len(expected) == QUEUED_SALES - 2
        assert all(event.wire()["payload"]["version"] == 1 for event in queued)
        assert [r.event_id for r in outbox.rejected()] == [str(uuid.UUID(int=20_002))]

        # The upgraded till rings the next sale on the same chain and the same queue.
        done = _ring_tea(factory)
        assert done.journal_seq == QUEUED_SALES + 1
        assert done.receipt_no == f"{TILL}-{QUEUED_SALES + 1:06d}"
        with factory() as session:
            assert journal.verify_journal(session).ok
        assert [e.event_id for e in outbox.next_batch(1000)] == [*expected, done.outbox_event_id]
        upgraded = _snapshot(engine)
    finally:
        engine.dispose()

    # Upgrading again (a re-run installer, the app's own start) is a no-op.
    assert cli.main(["--data-dir", str(old_till), "db", "upgrade"]) == cli.EXIT_OK
    engine = create_till_engine(path)
    try:
        assert migrate.current_revision(engine) == head
        assert _snapshot(engine) == upgraded
    finally:
        engine.dispose()


def test_db_upgrade_is_idempotent_on_a_fresh_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(tmp_path), "db", "upgrade"]
    assert cli.main(args) == cli.EXIT_OK
    first = capsys.readouterr().out
    assert cli.main(args) == cli.EXIT_OK
    assert capsys.readouterr().out == first
    assert f"schema {migrate.head_revision()}" in first
    assert cli.main(["--data-dir", str(tmp_path), "db", "status"]) == cli.EXIT_OK
    assert f"schema {migrate.head_revision()}" in capsys.readouterr().out


def test_upgrade_to_the_receipt_series_keeps_numbers_and_continues_without_gaps(
    tmp_path: Path,
) -> None:
    """From the schema before the series (0009), with sales recorded: the printed receipts keep
    their numbers, a look-up by number still finds them, and after the upgrade a no-sale open
    between two sales no longer leaves a gap in the receipt numbers."""
    engine = create_till_engine(tmp_path / "till.sqlite3")
    migrate.upgrade(engine, "0009")
    _fill_like_0001(engine, QUEUED_SALES)
    before = _snapshot(engine)["sales"]
    migrate.upgrade(engine)
    try:
        factory = make_session_factory(engine)
        # The old columns as they were (later revisions add columns, e.g. 0015 customer_ref).
        after = _snapshot(engine)["sales"]
        assert [{key: row[key] for key in before[0]} for row in after] == before
        with factory() as session:
            assert ReturnsService().find_sale(session, f"{TILL}-000007").receipt_no == (
                f"{TILL}-000007"
            )

        first = _ring_tea(factory).receipt_no
        with factory.begin() as session:
            DrawerService(may_open_no_sale=lambda _who: True).record_open(
                session, till_id=TILL, cashier="0042", reason=DrawerReason.NO_SALE
            )
        second = _ring_tea(factory).receipt_no
        assert (first, second) == (
            f"{TILL}-{QUEUED_SALES + 1:06d}",
            f"{TILL}-{QUEUED_SALES + 2:06d}",
        )
        with factory() as session:
            assert journal.verify_journal(session).ok
    finally:
        engine.dispose()
