"""Render the shift screen (the float count, an X report, a Z report) to docs/screenshots/.

QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tools/screenshots/shifts.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from pos_app.db.demo_data import DEMO_FEATURED
from pos_app.domain.shifts.figures import MovementKind
from pos_app.services.staff.demo_staff import demo_hint, prepare_demo_till
from pos_app.ui.app import build_till
from pos_app.ui.boot import load_theme
from tools.screenshots.returns import _sell
from tools.screenshots.sale import SIZES, settle

CODES = [f.barcode for f in DEMO_FEATURED if not f.sold_by_weight]


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    load_theme(app)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_demo_till(Path(tmp), products=5000, out=lambda _l: None)
        for width, height in SIZES:
            till = build_till(db, demo_hint=demo_hint())
            w, c, shifts = till.window, till.controller, till.shifts
            assert shifts is not None
            page = shifts.page
            w.resize(width, height)
            w.show()
            c.on_signin_pin_submitted("1111")  # an associate; the manager approves if needed
            while c.register is None:  # the PIN is checked (scrypt) on the database lane
                settle(100)

            def shot(name: str, w: Any = w, width: int = width, height: int = height) -> None:
                settle(400)
                w.grab().save(str(out / f"12-shift-{name}-{width}x{height}.png"))

            shifts.show()
            settle(300)
            shifts.start_count("open")
            for value, pieces in ((2000, 2), (1000, 3), (500, 2), (200, 5), (100, 5), (50, 4)):
                page.count.set_count(value, pieces)
            shot("count-float")
            shifts.on_count_confirmed()
            settle(500)
            _sell(db, [CODES[0], CODES[1], CODES[1], CODES[2]])
            _sell(db, [CODES[3], CODES[4]], card_part="10.00")
            shifts.start_movement(MovementKind.PAID_OUT)
            page.amount.setText("4.50")
            page.note.setText("window cleaner")
            shifts.on_movement_confirmed()
            settle(500)
            shifts.show_x()
            shot("x-report")
            shifts.start_count("close")
            # 115.80 where 115.85 is expected: 0.05 short, within the store's threshold.
            for value, pieces in (
                (5000, 1),
                (2000, 2),
                (1000, 2),
                (500, 1),
                (50, 1),
                (20, 1),
                (10, 1),
            ):
                page.count.set_count(value, pieces)
            shot("blind-count")
            shifts.on_count_confirmed()
            settle(800)
            if page.panels.currentWidget() is page.approval_panel:  # over/short: a manager
                page.manager_pin.setText("9999")
                page.approval_reason.setText("float counted short this morning")
                shifts.on_approval_confirmed()
                settle(800)
            shot("z-report")
            till.close()
            settle()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
