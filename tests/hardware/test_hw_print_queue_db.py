"""The print queue lives in the till database (issue 17 point 3).

Real SQLite file, real simulated printer on loopback: receipts queued while the printer is
down survive a restart (new engine, new store, new devices on the same file) and print in
order; any past receipt is reprinted from the database marked DUPLICATE and journaled.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hardware.config import DeviceConfig
from hardware.sim.printer import SimulatedPrinter
from hardware.till_devices import DeviceListeners, TillDevices
from pos_app import cli
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import JournalEntry, PrintJob
from pos_app.services.devices.print_jobs import REPRINT_JOURNAL_KIND, SqlPrintJobs, prune_printed
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store.journal import verify_journal
from tests.helpers.hub import eventually

WAIT_S = 10.0


@pytest.fixture
def open_till_devices(
    db_path: Path, sim_printer: SimulatedPrinter
) -> Iterator[Callable[[], tuple[TillDevices, sessionmaker[Session]]]]:
    """A till's devices on the SQLite file, each call from new objects (a restarted till)."""
    opened: list[tuple[TillDevices, object]] = []

    def _open() -> tuple[TillDevices, sessionmaker[Session]]:
        engine = create_till_engine(db_path, writer=True)
        factory = make_session_factory(engine)
        devices = TillDevices(
            DeviceConfig(printer=sim_printer.url, printer_timeout_s=0.5),
            retry_initial_s=0.05,
            retry_max_s=0.2,
            print_jobs=SqlPrintJobs(factory, "till-1"),
        )
        devices.start(DeviceListeners())
        opened.append((devices, engine))
        return devices, factory

    yield _open
    for devices, engine in opened:
        devices.close()
        engine.dispose()  # type: ignore[attr-defined]


def _two_printed_sales(
    sell: Callable[..., CompletedSale],
    open_till_devices: Callable[[], tuple[TillDevices, sessionmaker[Session]]],
) -> tuple[CompletedSale, CompletedSale]:
    """Two sales whose receipts printed, by a till that was then shut down."""
    first, second = sell(["96385074"]), sell(["4006381333931"])
    devices, _ = open_till_devices()
    for sale in (first, second):
        job = devices.print_receipt(sale.receipt)
        assert job is not None
        assert job.result(timeout=WAIT_S) is True
    devices.close()
    return first, second


def test_receipts_queued_while_the_printer_is_down_print_in_order_after_a_restart(
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    open_till_devices: Callable[[], tuple[TillDevices, sessionmaker[Session]]],
) -> None:
    sim_printer.refuse_connections(True)
    sales = [sell(["96385074"]), sell(["4006381333931"]), sell(["96385074", "96385074"])]
    devices, _ = open_till_devices()
    for sale in sales:
        job = devices.print_receipt(sale.receipt)
        assert job is not None
        assert job.result(timeout=WAIT_S) is False
    devices.close()  # the till is shut down with three receipts unprinted

    sim_printer.refuse_connections(False)
    _, factory = open_till_devices()  # new engine, store and devices, same file

    printed = sim_printer.wait_for_receipts(3, timeout=WAIT_S)
    assert [r.barcodes[0].data for r in printed] == [s.receipt_no for s in sales]

    def marked() -> list[tuple[str, bool]]:
        with factory() as session:
            rows = session.scalars(select(PrintJob).order_by(PrintJob.id)).all()
            return [(r.receipt_no, r.printed_at is not None) for r in rows]

    eventually(lambda: all(done for _, done in marked()), WAIT_S, "jobs marked printed")
    assert marked() == [(s.receipt_no, True) for s in sales]


def test_any_past_receipt_reprints_from_the_database_marked_duplicate_and_journaled(
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    open_till_devices: Callable[[], tuple[TillDevices, sessionmaker[Session]]],
) -> None:
    first, second = _two_printed_sales(sell, open_till_devices)

    restarted, factory = open_till_devices()
    job = restarted.reprint(first.receipt_no)  # not the last one, and from an earlier run
    assert job is not None
    assert job.result(timeout=WAIT_S) is True
    last = restarted.reprint_last()  # "reprint last" still knows the last receipt
    assert last is not None
    assert last.result(timeout=WAIT_S) is True

    receipts = sim_printer.wait_for_receipts(4)
    copy, copy_of_last = receipts[2], receipts[3]
    assert copy.barcodes[0].data == first.receipt_no
    assert "*** DUPLICATE ***" in copy.text
    assert "*** DUPLICATE ***" not in receipts[0].text
    assert copy_of_last.barcodes[0].data == second.receipt_no
    # Same words as the original apart from the banner.
    assert copy.text.replace("*** DUPLICATE ***", "").split() == receipts[0].text.split()
    with factory() as session:
        entries = session.scalars(
            select(JournalEntry).where(JournalEntry.kind == REPRINT_JOURNAL_KIND)
        ).all()
        bodies = [json.loads(e.payload)["body"]["receipt_no"] for e in entries]
        assert bodies == [first.receipt_no, second.receipt_no]
        assert verify_journal(session).ok


def test_reprinting_a_receipt_never_printed_here_says_so_and_prints_nothing(
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    open_till_devices: Callable[[], tuple[TillDevices, sessionmaker[Session]]],
) -> None:
    devices, factory = open_till_devices()
    job = devices.reprint("till-1-999999")
    assert job is not None
    with pytest.raises(LookupError, match="never printed"):
        job.result(timeout=WAIT_S)
    with pytest.raises(LookupError):
        devices.reprint_last()
    assert sim_printer.receipts == []
    with factory() as session:
        assert session.scalars(select(JournalEntry.kind)).all().count(REPRINT_JOURNAL_KIND) == 0


def test_omnitill_reprint_prints_any_past_receipt_on_the_configured_printer(
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    open_till_devices: Callable[[], tuple[TillDevices, sessionmaker[Session]]],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, _ = _two_printed_sales(sell, open_till_devices)
    (db_path.parent / "devices.toml").write_text(
        f'[printer]\naddress = "{sim_printer.url}"\ntimeout_s = 0.5\n', encoding="utf-8"
    )

    code = cli.main(["--data-dir", str(db_path.parent), "reprint", first.receipt_no])
    assert code == 0, capsys.readouterr().err
    assert "printed again, marked DUPLICATE" in capsys.readouterr().out
    copy = sim_printer.wait_for_receipts(3)[2]
    assert copy.barcodes[0].data == first.receipt_no
    assert "*** DUPLICATE ***" in copy.text

    assert cli.main(["--data-dir", str(db_path.parent), "reprint", "T9-000001"]) == 1
    assert "never printed at this till" in capsys.readouterr().err
    assert len(sim_printer.receipts) == 3


def test_printed_jobs_older_than_keep_days_are_pruned_at_start_and_daily(
    sell: Callable[..., CompletedSale], db_path: Path
) -> None:
    """The queue does not grow for ever: printed jobs older than ``[printer] keep_days`` go at
    start and once a day after; a job still waiting is never pruned, however old."""
    engine = create_till_engine(db_path, writer=True)
    factory = make_session_factory(engine)
    day0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    now = [day0]
    try:
        store = SqlPrintJobs(factory, "till-1", clock=lambda: now[0], keep_days=90)
        old_printed = store.add(sell(["96385074"]).receipt, "receipt")
        old_waiting = store.add(sell(["96385074"]).receipt, "receipt")  # printer down since
        store.mark_printed(old_printed)
        now[0] = day0 + timedelta(days=80)
        recent = store.add(sell(["4006381333931"]).receipt, "receipt")
        store.mark_printed(recent)

        def left() -> list[int]:
            with factory() as session:
                return list(session.scalars(select(PrintJob.id).order_by(PrintJob.id)))

        assert left() == [old_printed, old_waiting, recent]
        now[0] = day0 + timedelta(days=91)  # a restart 91 days later
        restarted = SqlPrintJobs(factory, "till-1", clock=lambda: now[0], keep_days=90)
        assert [job for job, _ in restarted.waiting()] == [old_waiting]
        assert restarted.pruned == 1
        assert left() == [old_waiting, recent]
        now[0] = day0 + timedelta(days=91, hours=20)  # the same day: no second prune
        restarted.mark_printed(old_waiting)
        assert left() == [old_waiting, recent]
        now[0] = day0 + timedelta(days=171)  # still running: the next print prunes again
        restarted.mark_printed(restarted.add(sell(["96385074"]).receipt, "receipt"))
        assert len(left()) == 2  # recent (printed day 80) went; the two printed today stay
        assert recent not in left()
        assert (restarted.pruned, DeviceConfig().print_keep_days) == (1, 90)
    finally:
        engine.dispose()


def test_a_pruned_receipt_is_reprinted_from_the_sale_rows(
    sell: Callable[..., CompletedSale],
    sim_printer: SimulatedPrinter,
    open_till_devices: Callable[[], tuple[TillDevices, sessionmaker[Session]]],
) -> None:
    first, _ = _two_printed_sales(sell, open_till_devices)
    devices, factory = open_till_devices()
    with factory.begin() as session:
        assert prune_printed(session, datetime.now(UTC) + timedelta(days=1)) == 2
    job = devices.reprint(first.receipt_no)
    assert job is not None
    assert job.result(timeout=WAIT_S) is True
    original, _, copy = sim_printer.wait_for_receipts(3)
    assert copy.barcodes[0].data == first.receipt_no
    assert "*** DUPLICATE ***" in copy.text
    # Rebuilt from the rows, it says what the original said: every word but the banner.
    assert copy.text.replace("*** DUPLICATE ***", "").split() == original.text.split()
    with factory() as session:
        [entry] = session.scalars(
            select(JournalEntry).where(JournalEntry.kind == REPRINT_JOURNAL_KIND)
        ).all()
        assert json.loads(entry.payload)["body"]["rebuilt"] is True
        assert verify_journal(session).ok
