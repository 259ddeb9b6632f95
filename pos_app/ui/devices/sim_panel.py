"""Demo mode's simulated devices and the "Printer (simulated)" panel that shows them.

``SimulatedDevices`` starts the byte-level simulators from ``hardware.sim`` — the TCP ESC/POS
printer on 127.0.0.1 (OS-assigned port) and a pty customer display — and names them in a
``DeviceConfig`` so the till drives them exactly as it would drive real ones. ``stop`` ends
them. The simulator threads report through ``SimFeed`` signals (queued to the GUI thread).

``PrinterSimPanel`` shows what the simulated printer parsed from the bytes it received (the
receipt text with bold/height marks, barcodes, cuts), the drawer kicks, the customer display's
two lines, and switches to make the printer run out of paper, open its cover or go offline.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hardware.config import DeviceConfig
from hardware.sim.escpos_parser import DrawerKick
from hardware.sim.printer import SimReceipt, SimulatedPrinter
from hardware.sim.serial_devices import PtyDevice, SimulatedDisplay
from pos_app.ui.window_placement import fit_side_panel

if TYPE_CHECKING:
    from pos_app.ui.main_window import TillWindow

ROLL_SEPARATOR = "──── cut ────"


class SimFeed(QObject):
    receipt_printed = Signal(object)  # SimReceipt
    drawer_kicked = Signal(object)  # DrawerKick


class SimulatedDevices:
    """``roll``: a text file the simulated printer's paper also goes to, one parsed receipt after
    the other (the demo keeps it in its data folder: what was printed outlives the window, and
    the real-window tests read it)."""

    def __init__(self, roll: Path | None = None) -> None:
        self.feed = SimFeed()
        self.roll = roll
        self._tmp = tempfile.TemporaryDirectory(prefix="omnitill-demo-")
        self.printer = SimulatedPrinter(
            on_receipt=self._on_printer_receipt, on_kick=self.feed.drawer_kicked.emit
        ).start()
        self.display_port = PtyDevice(link=Path(self._tmp.name) / "ttyDisplay")
        self.display = SimulatedDisplay(self.display_port)

    def config(self, *, timeout_s: float = 2.0) -> DeviceConfig:
        return DeviceConfig(
            printer=self.printer.url,
            printer_timeout_s=timeout_s,
            drawer="printer",
            display=self.display_port.path,
        )

    def _on_printer_receipt(self, receipt: SimReceipt) -> None:
        # The simulator's thread: a plain append, then the panel is told through a signal.
        if self.roll is not None:
            self.roll.parent.mkdir(parents=True, exist_ok=True)
            with self.roll.open("a", encoding="utf-8") as out:
                out.write(f"{ROLL_SEPARATOR}\n{receipt.render()}\n")
        self.feed.receipt_printed.emit(receipt)

    def stop(self) -> None:
        self.display.close()
        self.printer.stop()
        self._tmp.cleanup()


class PrinterSimPanel(QWidget):
    def __init__(self, sims: SimulatedDevices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simPanel")
        self.sims = sims
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        root = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Parsed from the ESC/POS bytes received at %1").replace("%1", "\n")
            + sims.printer.url
        )  # fmt: skip
        intro.setWordWrap(True)
        root.addWidget(intro)
        switches = QHBoxLayout()
        self.paper_out = QCheckBox(self.tr("Paper out"))
        self.cover_open = QCheckBox(self.tr("Cover open"))
        self.offline = QCheckBox(self.tr("Offline"))
        for box in (self.paper_out, self.cover_open, self.offline):
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the till keeps the keyboard
            switches.addWidget(box)
        self.paper_out.toggled.connect(self.on_paper_out_toggled)
        self.cover_open.toggled.connect(self.on_cover_open_toggled)
        self.offline.toggled.connect(self.on_offline_toggled)
        root.addLayout(switches)
        self.paper = QPlainTextEdit()
        self.paper.setObjectName("simPaper")
        self.paper.setReadOnly(True)
        self.paper.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        paper_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        paper_font.setPointSize(9)
        self.paper.setFont(paper_font)
        self.paper.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # 42 columns, as printed
        self.paper.setMinimumWidth(400)
        self.paper.setPlaceholderText(self.tr("Nothing printed yet."))
        root.addWidget(self.paper, 1)
        root.addWidget(QLabel(self.tr("Drawer kicks")))
        self.kicks = QListWidget()
        self.kicks.setObjectName("simKicks")
        self.kicks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.kicks.setMaximumHeight(96)
        root.addWidget(self.kicks)
        root.addWidget(QLabel(self.tr("Customer display (2×20)")))
        self.display = QLabel()
        self.display.setObjectName("simDisplay")
        self.display.setFont(fixed)
        root.addWidget(self.display)
        self.receipts = 0
        sims.feed.receipt_printed.connect(self.on_feed_receipt_printed)
        sims.feed.drawer_kicked.connect(self.on_feed_drawer_kicked)
        self.display_timer = QTimer(self)  # the pty display keeps no callback: read its screen
        self.display_timer.setInterval(200)
        self.display_timer.timeout.connect(self.on_display_timer_timeout)
        self.display_timer.start()
        self.on_display_timer_timeout()

    def on_feed_receipt_printed(self, receipt: SimReceipt) -> None:
        self.receipts += 1
        header = self.tr("──── receipt %1 ────").replace("%1", str(self.receipts))
        self.paper.appendPlainText(f"{header}\n{receipt.render()}\n")
        self.paper.verticalScrollBar().setValue(self.paper.verticalScrollBar().maximum())

    def on_feed_drawer_kicked(self, kick: DrawerKick) -> None:
        self.kicks.addItem(
            self.tr("Kick %1: pin %2, %3 ms")
            .replace("%1", str(self.kicks.count() + 1))
            .replace("%2", str(kick.pin))
            .replace("%3", str(kick.on_ms))
        )  # fmt: skip
        self.kicks.scrollToBottom()

    def on_display_timer_timeout(self) -> None:
        self.display.setText("\n".join(self.sims.display.lines))

    def on_paper_out_toggled(self, checked: bool) -> None:
        self.sims.printer.set_paper(out=checked)

    def on_cover_open_toggled(self, checked: bool) -> None:
        self.sims.printer.set_cover_open(checked)

    def on_offline_toggled(self, checked: bool) -> None:
        self.sims.printer.set_offline(checked)


def add_sim_dock(window: QMainWindow, panel: PrinterSimPanel) -> QDockWidget:
    """The panel docked on the right of the till window, never floating over it (where the
    screen is too small for both, pos_app.ui.window_placement hides it behind a switch)."""
    dock = QDockWidget(QCoreApplication.translate("PrinterSimPanel", "Printer (simulated)"), window)
    dock.setObjectName("simDock")
    dock.setWidget(panel)
    dock.setMinimumWidth(420)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)  # docked: it never floats
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return dock


def dock_sim_panel(window: TillWindow, sims: SimulatedDevices) -> QDockWidget:
    """The demo's panel beside the till, with its switch in the status bar (shown where the
    screen has room for both, else hidden until the switch is pressed)."""
    dock = add_sim_dock(window, PrinterSimPanel(sims))
    window.status.add_switch(dock.toggleViewAction())
    fit_side_panel(window, dock)
    return dock
