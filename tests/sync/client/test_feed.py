"""The feed puller and applier against a real hub: catalog, stock, staff, promotions, web orders."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import (
    HubStockLevel,
    Product,
    PromotionRow,
    Staff,
    SyncState,
    TaxRateRow,
    WebOrderRow,
)
from pos_app.domain.money import currency_by_code
from pos_app.domain.staff.credentials import PinHasher
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store.stock_view import stock_of
from pos_app.services.sync.feed_apply import FeedApplier, FeedApplyError
from sync.hub import headoffice
from sync.hub.catalog_import import import_catalog
from sync.protocol import FeedChange, FeedKind, PromotionIn
from tests.helpers.hub import TILL_STORE, EnrolledTill, StatusRecorder

EUR = currency_by_code("EUR")


def write_csv(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    lines = ["sku,name,price,barcodes,tax_class"]
    lines += [f"{sku},{name},{price},{codes},standard" for sku, name, price, codes in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def caught_up(recorder: StatusRecorder, timeout: float = 10.0) -> None:
    recorder.wait_for(lambda s: s.feed is not None and not s.feed.catching_up, timeout)


def test_hub_catalog_and_master_data_land_at_the_till(
    enrolled_till: EnrolledTill, tmp_path: Path
) -> None:
    hub = enrolled_till.hub.hub
    headoffice.set_tax_class(hub, "standard", "0.21", "VAT 21%")
    import_catalog(
        hub.db,
        write_csv(
            tmp_path / "c.csv",
            [
                ("HUB-1", "Espresso Machine Deluxe", "249.00", "4011200296908"),
                ("TSH-1", "Organic T-Shirt M", "17.50", "0036000291452 2000000000015"),
            ],
        ),
    )
    headoffice.set_stock(hub, TILL_STORE, "HUB-1", 7_000)
    headoffice.add_staff(
        hub, store_id=TILL_STORE, staff_code="E42", name="Ana", role="manager", pin="4711"
    )
    headoffice.add_promotion(
        hub,
        PromotionIn(
            promo_id="P1",
            name="2 for 1",
            rules={"kind": "buy_x_get_y", "buy": 1, "get": 1, "sku": "HUB-1"},
        ),
    )
    sync = enrolled_till.sync(feed_page=3, feed_chunk=2)  # many pages, many chunks
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    caught_up(recorder)

    with enrolled_till.read() as session:
        catalog = SqlCatalog(session, EUR)
        item = catalog.by_barcode("4011200296908")
        assert item is not None
        assert item.sku == "HUB-1"
        assert item.unit_price.to_minor() == 24900
        assert [hit.item.sku for hit in catalog.search("espresso")] == ["HUB-1"]
        updated = catalog.by_barcode("2000000000015")  # a new code of an existing product
        assert updated is not None
        assert updated.name == "Organic T-Shirt M"
        assert catalog.search("cotton") == []  # the old name left the search index
        assert session.get(TaxRateRow, "standard").rate == "0.21"
        assert session.get(HubStockLevel, "HUB-1").quantity_milli == 7_000
        staff = session.scalars(select(Staff).where(Staff.code == "E42")).one()
        assert (staff.name, staff.role) == ("Ana", "manager")
        assert PinHasher().verify("4711", staff.pin_hash)  # checked offline at the till
        promo = session.get(PromotionRow, "P1")
        assert promo is not None
        assert '"get":1' in promo.rules
        cursor = session.get(SyncState, 1).feed_cursor
    status = sync.status()
    assert status.feed is not None
    assert status.feed.cursor == cursor
    assert status.feed.applied >= 7


def change(position: int, sku: str, name: object = "Thing") -> FeedChange:
    data = {"sku": sku, "name": name, "tax_class": "standard", "price_minor": 100}
    return FeedChange(position=position, kind=FeedKind.PRODUCT, key=sku, data=data)


def test_a_failure_mid_page_leaves_cursor_and_data_together(enrolled_till: EnrolledTill) -> None:
    applier = FeedApplier(enrolled_till.write, enrolled_till.read, chunk_size=4, pause=0)
    page = [change(10 + i, f"F-{i}") for i in range(10)]
    page[6] = change(16, "F-6", name=None)  # not a valid product: its chunk must roll back
    with pytest.raises(FeedApplyError, match="product change"):
        applier.apply(page, next_cursor=19)
    assert applier.cursor() == 13  # the first chunk (positions 10-13) and nothing more
    with enrolled_till.read() as session:
        skus = set(session.scalars(select(Product.sku).where(Product.sku.like("F-%"))))
    assert skus == {"F-0", "F-1", "F-2", "F-3"}
    page[6] = change(16, "F-6")
    applier.apply(page[4:], next_cursor=19)
    assert applier.cursor() == 19
    with enrolled_till.read() as session:
        count = session.scalar(select(func.count()).where(Product.sku.like("F-%")))
    assert count == 10


def test_a_web_order_reaches_the_till_within_two_seconds(enrolled_till: EnrolledTill) -> None:
    sync = enrolled_till.sync(feed_wait=5.0)  # the long-poll must be what delivers it
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    arrived = threading.Event()
    sync.add_feed_listener(lambda kinds, _n: arrived.set() if FeedKind.WEB_ORDER in kinds else None)
    sync.start()
    caught_up(recorder)
    started = time.monotonic()
    answer = enrolled_till.hub.admin.post(
        "/v1/web-orders",
        json={
            "number": "W-1001",
            "pickup_store_id": TILL_STORE,
            "customer": {"email": "bo@example.com", "name": "Bo"},
            "currency": "EUR",
            "payment_status": "pay_in_store",
            "lines": [{"sku": "TSH-1", "quantity_milli": 2000, "unit_price_minor": 1500}],
        },
    )
    assert answer.status_code == 201, answer.text
    assert arrived.wait(2.0), "the web order did not reach the till within 2 s"
    elapsed = time.monotonic() - started
    with enrolled_till.read() as session:
        order = session.get(WebOrderRow, "W-1001")
        assert order is not None
        assert (order.status, order.total_minor, order.customer_name) == ("new", 3000, "Bo")
        assert [(ln.sku, ln.quantity_milli) for ln in order.lines] == [("TSH-1", 2000)]
    assert elapsed < 2.0


def test_stock_shown_is_hub_level_minus_unsent_movements(
    enrolled_till: EnrolledTill, sell: Callable[..., CompletedSale]
) -> None:
    headoffice.set_stock(enrolled_till.hub.hub, TILL_STORE, "TSH-1", 10_000)
    sync = enrolled_till.sync()
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        assert stock_of(session, "TSH-1").quantity_milli == 10_000
        assert stock_of(session, "NOPE").quantity_milli is None
    sell(["0036000291452", "0036000291452"])  # two T-shirts, not yet pushed
    sell(["0036000291452"])
    with enrolled_till.read() as session:
        shown = stock_of(session, "TSH-1")
    assert (shown.hub_quantity_milli, shown.unsent_delta_milli) == (10_000, -3_000)
    assert shown.quantity_milli == 7_000
    assert sync.pusher.push_once().acknowledged == 2
    with enrolled_till.read() as session:  # sent, but the hub's new level not pulled yet
        assert stock_of(session, "TSH-1").quantity_milli == 10_000
    sync.puller.pull_once()
    with enrolled_till.read() as session:
        shown = stock_of(session, "TSH-1")
    assert (shown.hub_quantity_milli, shown.unsent_delta_milli) == (7_000, 0)


def product(position: int, sku: str, name: str, barcodes: list[str]) -> FeedChange:
    data = {
        "sku": sku,
        "name": name,
        "tax_class": "standard",
        "price_minor": 100 + position,
        "barcodes": barcodes,
    }
    return FeedChange(position=position, kind=FeedKind.PRODUCT, key=sku, data=data)


def test_a_product_updated_by_the_feed_keeps_search_and_barcodes_in_step(
    enrolled_till: EnrolledTill,
) -> None:
    applier = FeedApplier(enrolled_till.write, enrolled_till.read, chunk_size=2, pause=0)
    applier.apply(
        [
            product(1, "REN-1", "Walnut Chopping Board", ["5901234123457", "5901234123464"]),
            product(2, "REN-2", "Bamboo Spoon", ["5901234123471"]),
        ],
        next_cursor=2,
    )
    with enrolled_till.read() as session:
        first_id = session.scalars(select(Product.id).where(Product.sku == "REN-1")).one()
    # Renamed, one code dropped, one code moved here from REN-2 (the later change wins).
    applier.apply(
        [
            product(3, "REN-2", "Bamboo Spoon", []),
            product(4, "REN-1", "Oak Serving Tray", ["5901234123457", "5901234123471"]),
        ],
        next_cursor=4,
    )
    assert applier.cursor() == 4
    with enrolled_till.read() as session:
        catalog = SqlCatalog(session, EUR)
        assert [hit.item.sku for hit in catalog.search("oak tray")] == ["REN-1"]
        assert catalog.search("walnut") == []  # the old name left the search index
        assert [hit.item.sku for hit in catalog.search("bamboo")] == ["REN-2"]
        moved = catalog.by_barcode("5901234123471")
        assert moved is not None
        assert (moved.sku, moved.name) == ("REN-1", "Oak Serving Tray")
        assert moved.unit_price.to_minor() == 104
        assert catalog.by_barcode("5901234123464") is None  # dropped by the feed
        # Updated in place: same row, so its FTS rowid and other references stay valid.
        assert session.scalars(select(Product.id).where(Product.sku == "REN-1")).one() == first_id
