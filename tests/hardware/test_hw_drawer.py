"""Cash drawer: ESC p kick bytes, DLE EOT 1 sensing, and every open journaled with its reason."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hardware.base import DrawerState
from hardware.escpos_printer import EscposDrawer, EscposPrinter, FileConnection, PrinterConfig
from hardware.escpos_render import DrawerPulse, drawer_kick_bytes
from hardware.sim.escpos_parser import DrawerKick
from hardware.sim.printer import SimulatedPrinter
from pos_app.db.models import JournalEntry
from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.sale.drawer import (
    DRAWER_JOURNAL_KIND,
    DrawerPermissionError,
    DrawerReason,
    DrawerService,
)
from pos_app.services.store.journal import verify_journal

MakePrinter = Callable[..., EscposPrinter]


@pytest.mark.parametrize(
    ("pin", "on_ms", "off_ms", "expected"),
    [
        (2, 100, 100, b"\x1bp\x00\x32\x32"),
        (5, 100, 100, b"\x1bp\x01\x32\x32"),
        (2, 40, 200, b"\x1bp\x00\x14\x64"),
    ],
)
def test_kick_bytes_are_esc_p_m_t1_t2(pin: int, on_ms: int, off_ms: int, expected: bytes) -> None:
    assert drawer_kick_bytes(DrawerPulse(pin, on_ms, off_ms)) == expected


@pytest.mark.parametrize("pulse", [(3, 100, 100), (2, 0, 100), (5, 100, 600)])
def test_impossible_pulses_are_refused(pulse: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        DrawerPulse(*pulse)


@pytest.mark.parametrize("pin", [2, 5])
def test_kick_reaches_the_printer_on_the_configured_pin(
    make_printer: MakePrinter, sim_printer: SimulatedPrinter, pin: int
) -> None:
    drawer = EscposDrawer(make_printer(drawer=DrawerPulse(pin=pin, on_ms=60, off_ms=120)))
    drawer.open()
    assert sim_printer.wait_for_kicks(1) == [DrawerKick(pin=pin, on_ms=60, off_ms=120)]


def test_drawer_opens_even_when_the_printer_is_out_of_paper(
    make_printer: MakePrinter, sim_printer: SimulatedPrinter
) -> None:
    sim_printer.set_paper(out=True)
    EscposDrawer(make_printer()).open()
    assert len(sim_printer.wait_for_kicks(1)) == 1


@pytest.mark.parametrize("open_when_high", [True, False])
def test_drawer_sensing_over_dle_eot_1(
    make_printer: MakePrinter, sim_printer: SimulatedPrinter, open_when_high: bool
) -> None:
    drawer = EscposDrawer(make_printer(drawer_open_when_sensor_high=open_when_high))
    sim_printer.set_drawer_sensor(high=True)
    assert drawer.state() is (DrawerState.OPEN if open_when_high else DrawerState.CLOSED)
    sim_printer.set_drawer_sensor(high=False)
    assert drawer.state() is (DrawerState.CLOSED if open_when_high else DrawerState.OPEN)


def test_drawer_on_a_write_only_connection_reports_unknown(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "lp0"
    drawer = EscposDrawer(EscposPrinter(PrinterConfig(FileConnection(str(out)))))
    drawer.open()
    assert out.read_bytes() == b"\x1bp\x00\x32\x32"
    assert drawer.state() is DrawerState.UNKNOWN


def _entries(session: Session) -> list[JournalEntry]:
    return list(session.scalars(select(JournalEntry).order_by(JournalEntry.seq)))


def test_sale_open_is_journaled_in_the_sale_transaction_then_kicked(
    seeded: sessionmaker[Session],
    sell: Callable[..., CompletedSale],
    make_printer: MakePrinter,
    sim_printer: SimulatedPrinter,
) -> None:
    sale = sell(["96385074"])
    service = DrawerService(may_open_no_sale=lambda cashier: False)
    with seeded.begin() as session:
        record = service.record_open(
            session, till_id="till-1", cashier="alice", reason=DrawerReason.SALE,
            reference=sale.receipt_no,
        )  # fmt: skip
    service.kick(EscposDrawer(make_printer()), record)

    assert len(sim_printer.wait_for_kicks(1)) == 1
    with seeded() as session:
        entry = _entries(session)[-1]
        assert entry.kind == DRAWER_JOURNAL_KIND
        assert entry.seq == record.journal_seq
        body = json.loads(entry.payload)["body"]
        assert body == {"reason": "sale", "cashier": "alice", "reference": sale.receipt_no,
                        "note": ""}  # fmt: skip
        assert verify_journal(session).ok


def test_no_sale_open_needs_permission_and_nothing_is_journaled_without_it(
    seeded: sessionmaker[Session],
) -> None:
    allowed = {"manager"}
    service = DrawerService(may_open_no_sale=lambda cashier: cashier in allowed)

    with pytest.raises(DrawerPermissionError), seeded.begin() as session:
        service.record_open(session, till_id="till-1", cashier="alice", reason="no_sale")
    with seeded() as session:
        assert _entries(session) == []

    with seeded.begin() as session:
        record = service.record_open(
            session, till_id="till-1", cashier="manager", reason=DrawerReason.NO_SALE,
            note="change for the float",
        )  # fmt: skip
    assert record.reason is DrawerReason.NO_SALE
    with seeded() as session:
        [entry] = _entries(session)
        assert json.loads(entry.payload)["body"]["reason"] == "no_sale"


def test_refund_open_names_its_receipt_and_a_rolled_back_open_leaves_no_trace(
    seeded: sessionmaker[Session],
) -> None:
    service = DrawerService(may_open_no_sale=lambda cashier: True)
    with pytest.raises(ValueError), seeded.begin() as session:
        service.record_open(session, till_id="till-1", cashier="bob", reason="refund")

    def refund_that_fails_after_the_open_is_recorded() -> None:
        with seeded.begin() as session:
            service.record_open(
                session, till_id="till-1", cashier="bob", reason="refund", reference="R-1"
            )
            raise RuntimeError("the refund failed")

    with pytest.raises(RuntimeError):
        refund_that_fails_after_the_open_is_recorded()
    with seeded() as session:
        assert _entries(session) == []
