"""Hardware benches: receipt document → ESC/POS bytes (budget p99 ≤ 5 ms), and drawer kick
latency (kick requested → ESC p received by the simulated printer over loopback TCP).

Sale to paper (issue 17): a cash sale committed on a real SQLite till database, then the
receipt through the till's print queue (stored in the database, then sent) until the
simulated printer has received every byte up to the cut — on the network printer (loopback
TCP) and on the serial printer (pty, bytes taken at 115200 baud) — and the drawer kick after
the same commit until ESC p arrived.

    .venv/bin/python bench/bench_hardware.py [--lines 30] [--runs 2000] [--sales 50] [--json]

The floor for rendering is ``render_text`` of the same document: the ESC/POS renderer lays out
exactly that text, so the difference is the cost of styling, code page encoding and barcode.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hardware.escpos_printer import (  # noqa: E402
    EscposDrawer,
    EscposPrinter,
    NetworkConnection,
    PrinterConfig,
)
from hardware.sim.printer import SimulatedPrinter  # noqa: E402
from pos_app.domain.barcodes import VariableMeasureConfig  # noqa: E402
from pos_app.domain.catalog import CatalogItem  # noqa: E402
from pos_app.domain.money import EUR, Money  # noqa: E402
from pos_app.domain.receipt import ReceiptDocument, build_receipt, render_text  # noqa: E402
from pos_app.domain.sale.basket import Basket, Discount  # noqa: E402
from pos_app.domain.sale.tenders import Tender, TenderKind, settle  # noqa: E402
from pos_app.domain.tax import TaxMode, TaxRate  # noqa: E402

RENDER_BUDGET_MS = 5.0
WARMUP = 50


def receipt(lines: int) -> ReceiptDocument:
    rates = {
        "std": TaxRate("std", Decimal("0.20"), "VAT 20%"),
        "red": TaxRate("red", Decimal("0.055"), "VAT 5.5%"),
    }
    basket = Basket(EUR, TaxMode.INCLUSIVE, rates)
    for i in range(lines):
        price = Money.of(f"{i % 17 + 1}.99", EUR)
        name = f"Article {i} crème brûlée façon grand-mère"
        item = CatalogItem(f"SKU-{i}", name, price, "std" if i % 3 else "red", "deli")
        basket.add_item(item, 1 + i % 3)
        if i % 5 == 0:
            basket.add_line_discount(i + 1, Discount("percent", Decimal(10), "loyalty"))
    totals = basket.totals()
    paid = Money.of(str(int(totals.total.amount) + 50), EUR)
    settlement = settle(totals.total, [Tender(TenderKind.CASH, paid)], Decimal("0.05"))
    return build_receipt(
        basket_totals=totals, lines=basket.lines, settlement=settlement,
        store_name="OmniTill Café", store_lines=("1 Rue de la Paix", "Prix en €"),
        till_id="T01", receipt_no="T01-000123", issued_at=datetime.now(UTC), cashier="Zoë",
        footer=("Merci de votre visite !",),
    )  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(max(math.ceil(p / 100 * len(ordered)), 1), len(ordered)) - 1]


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    for _ in range(WARMUP):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def stats(ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(ms, 50), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "max_ms": round(max(ms), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
    }


def _sale_to_paper(kind: str, sales: int, lines: int) -> dict[str, dict[str, float]]:
    """Commit → receipt fully received, and commit → drawer kick received, ``sales`` times."""
    import tempfile

    from hardware.config import DeviceConfig
    from hardware.sim.serial_devices import PtyDevice
    from hardware.sim.serial_printer import SimulatedSerialPrinter
    from hardware.till_devices import DeviceListeners, TillDevices
    from pos_app.db import migrate
    from pos_app.db.catalog_repo import SqlCatalog
    from pos_app.db.demo_data import generate_demo_data
    from pos_app.db.engine import create_till_engine, make_session_factory
    from pos_app.db.models import ProductBarcode
    from pos_app.services.devices.print_jobs import SqlPrintJobs
    from pos_app.services.sale.checkout import CheckoutService
    from pos_app.services.store.till_context import load_till_context

    folder = tempfile.TemporaryDirectory()
    engine = create_till_engine(Path(folder.name) / "till.sqlite3", writer=True)
    migrate.upgrade(engine)
    generate_demo_data(engine, 200)
    factory = make_session_factory(engine)
    with factory() as session:
        codes = [b.barcode for b in session.query(ProductBarcode).limit(lines * 3)]
        codes = [c for c in codes if not c.startswith(("2", "02"))][:lines]
    sim: SimulatedPrinter
    if kind == "serial":
        sim = SimulatedSerialPrinter(PtyDevice(), baudrate=115200).start()
    else:
        sim = SimulatedPrinter().start()
    url = sim.url
    devices = TillDevices(
        DeviceConfig(printer=url, printer_timeout_s=2.0, drawer="printer"),
        print_jobs=SqlPrintJobs(factory, "till-1"),
    )
    devices.start(DeviceListeners())
    checkout = CheckoutService()
    to_paper: list[float] = []
    to_kick: list[float] = []
    try:
        sim.wait_for_status_requests(1)
        for i in range(sales):
            with factory.begin() as session:
                ctx = load_till_context(session)
                basket = ctx.new_basket()
                catalog = SqlCatalog(session, ctx.currency)
                for code in codes:
                    basket.add_by_barcode(code, catalog, VariableMeasureConfig.default())
                total = basket.totals().total
                paid = Money.of(str(int(total.amount) + 10), ctx.currency)
                done = checkout.complete_sale(
                    session, basket=basket, cashier="bench", context=ctx,
                    tenders=[Tender(TenderKind.CASH, paid)],
                )  # fmt: skip
            committed = time.perf_counter_ns()
            devices.open_drawer()  # the till's order: the kick, then the receipt
            devices.print_receipt(done.receipt)
            sim.wait_for_kicks(i + 1, timeout=30)
            kicked = time.perf_counter_ns()
            sim.wait_for_receipts(i + 1, timeout=60)
            printed = time.perf_counter_ns()
            to_kick.append((kicked - committed) / 1e6)
            to_paper.append((printed - committed) / 1e6)
    finally:
        devices.close()
        sim.stop()
        engine.dispose()
        folder.cleanup()
    return {"commit_to_receipt_received": stats(to_paper), "commit_to_drawer_kick": stats(to_kick)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--kicks", type=int, default=200)
    parser.add_argument("--sales", type=int, default=50, help="sale-to-paper runs per printer")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    doc = receipt(args.lines)
    with SimulatedPrinter() as sim:
        config = PrinterConfig(NetworkConnection("127.0.0.1", sim.port), timeout_s=2)
        printer = EscposPrinter(config)
        render = timed(lambda: printer.render(doc), args.runs)
        floor = timed(lambda: render_text(doc, printer.columns), args.runs)
        drawer = EscposDrawer(printer)
        kicks: list[float] = []
        for i in range(args.kicks):
            start = time.perf_counter_ns()
            drawer.open()
            sim.wait_for_kicks(i + 1)
            kicks.append((time.perf_counter_ns() - start) / 1e6)
        size = len(printer.render(doc))

    result = {
        "receipt_lines": args.lines,
        "escpos_bytes": size,
        "render_escpos": stats(render),
        "render_text_floor": stats(floor),
        "drawer_kick_to_printer": stats(kicks),
        "sale_to_paper_network": _sale_to_paper("network", args.sales, args.lines),
        "sale_to_paper_serial_115200": _sale_to_paper("serial", args.sales, args.lines),
        "budget_ms": RENDER_BUDGET_MS,
        "within_budget": percentile(render, 99) <= RENDER_BUDGET_MS,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"receipt of {args.lines} lines → {size} ESC/POS bytes")
        for key in ("render_escpos", "render_text_floor", "drawer_kick_to_printer"):
            s = result[key]
            assert isinstance(s, dict)
            print(f"  {key:24} p50 {s['p50_ms']:7.3f} ms  p99 {s['p99_ms']:7.3f} ms  "
                  f"max {s['max_ms']:7.3f} ms")  # fmt: skip
        for key in ("sale_to_paper_network", "sale_to_paper_serial_115200"):
            block = result[key]
            assert isinstance(block, dict)
            for name, s in block.items():
                print(f"  {key} {name:28} p50 {s['p50_ms']:8.2f} ms  "
                      f"p99 {s['p99_ms']:8.2f} ms")  # fmt: skip
        verdict = "OK" if result["within_budget"] else "OVER BUDGET"
        print(f"  budget p99 ≤ {RENDER_BUDGET_MS} ms: {verdict}")
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
