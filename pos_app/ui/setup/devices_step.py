"""First run, second step: the receipt printer, the cash drawer and the scanner.

The form builds a ``hardware.device_setup.DeviceChoices``; validation, the printer check (DLE
EOT status), the test receipt and the save all live there, Qt-free. Anything that talks to a
device runs on this page's own ``DeviceWorker`` (one thread, like every device in the till)
and its answer comes back through a queued signal, so the screen never freezes while a
printer that is switched off times out. Results and errors are shown inline next to the
buttons; nothing here opens a dialog. "Skip" writes nothing: the till keeps the defaults
(no devices, or demo mode's simulated ones).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hardware.base import (
    DeviceError,
    DeviceTimeoutError,
    PrinterStatus,
)
from hardware.config import DeviceConfig, DeviceConfigError, find_device_config, load_device_config
from hardware.device_setup import (
    BAUD_RATES,
    DeviceChoices,
    DrawerKind,
    PrinterKind,
    check_printer,
    config_from_choices,
    print_test_receipt,
    save_device_config,
    serial_ports,
)
from hardware.printer_connections import SerialConnection, parse_printer_url
from hardware.workers import DeviceWorker
from pos_app.ui.setup import fields
from pos_app.ui.setup.card import centred_card
from pos_app.ui.setup.device_words import describe_status, device_words, sentence
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage

log = logging.getLogger(__name__)
# Module-level texts (status words, device errors) in the page's context; spelled out at each call
# so that pyside6-lupdate finds them.
translate = QCoreApplication.translate

PRINTER_KINDS: tuple[PrinterKind, ...] = ("network", "serial", "usb", "none")
SUFFIX_NAMES = {
    "enter": str(QT_TRANSLATE_NOOP("DevicesPage", "Enter")),
    "tab": str(QT_TRANSLATE_NOOP("DevicesPage", "Tab")),
    "none": str(QT_TRANSLATE_NOOP("DevicesPage", "nothing")),
}
SCAN_PAUSE_MS = 300  # with no suffix, a pause this long ends what the scanner typed


class _Answers(QObject):
    """Lives in the GUI thread; emitted from the device worker, delivered queued."""

    answered = Signal(str, object, str)  # action, result, error ("" when it worked)


class DevicesPage(QWidget):
    """Emits ``done`` with True when the settings were saved, False when skipped."""

    done = Signal(bool)

    def __init__(
        self,
        data_dir: Path,
        *,
        list_ports: Callable[[], list[tuple[str, str]]] = serial_ports,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPage")
        self._data_dir = data_dir
        self._list_ports = list_ports
        self._worker = DeviceWorker("setup")
        self._answers = _Answers(self)
        self._answers.answered.connect(self.on_answers_answered)
        self._pending = 0
        self.busy = False
        self._scan_timer = QTimer(self)
        self._scan_timer.setSingleShot(True)
        self._scan_timer.setInterval(SCAN_PAUSE_MS)
        self._scan_timer.timeout.connect(self.on_scan_timer_timeout)

        layout = centred_card(self, max_width=1100, margin_v=12, spacing=8)
        title = QLabel(self.tr("Devices (step 2 of 2)"))
        title.setObjectName("firstRunTitle")
        intro = QLabel(
            self.tr(
                "Set up the receipt printer, the cash drawer and the scanner — or skip and "
                "do it later (omnitill devices test)."
            )
        )
        intro.setObjectName("firstRunNote")
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)

        columns = QHBoxLayout()
        columns.addWidget(self._build_printer(), 3)
        right = QVBoxLayout()
        right.addWidget(self._build_drawer())
        right.addWidget(self._build_scanner())
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout.addLayout(columns)

        self.message = InlineMessage()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.skip_button = fields.button(self.tr("Skip for now"), "skipDevicesButton")
        self.save_button = fields.button(self.tr("Save devices"), "saveDevicesButton", "primary")
        self.save_button.setMinimumHeight(TOUCH_MIN + 12)
        self.skip_button.setMinimumHeight(TOUCH_MIN + 12)
        buttons.addWidget(self.skip_button, 1)
        buttons.addWidget(self.save_button, 2)
        layout.addLayout(buttons)

        self.skip_button.clicked.connect(self.skip)
        self.save_button.clicked.connect(self.save)
        self.refresh_ports()
        self.choose_printer(self._load_existing())

    # -- building ---------------------------------------------------------------------------

    def _build_printer(self) -> QGroupBox:
        box = QGroupBox(self.tr("Receipt printer"))
        layout = QVBoxLayout(box)
        kinds = QHBoxLayout()
        self._kind_group = QButtonGroup(self)
        self.kind_buttons: dict[PrinterKind, QPushButton] = {}
        labels = {"network": self.tr("Network"), "serial": self.tr("Serial"),
                  "usb": self.tr("USB"), "none": self.tr("None")}  # fmt: skip
        for kind in PRINTER_KINDS:
            button = fields.button(labels[kind], f"printerKind_{kind}", "choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=kind: self.choose_printer(k))
            self._kind_group.addButton(button)
            kinds.addWidget(button)
            self.kind_buttons[kind] = button
        layout.addLayout(kinds)

        self.printer_stack = QStackedWidget()
        network = QWidget()
        rows = fields.form(network, margins=False)
        self.host = fields.line_edit(self.tr("e.g. 192.168.1.50"), "printerHostEdit", 253)
        self.tcp_port = fields.line_edit("9100", "printerPortEdit", 5)
        self.tcp_port.setText("9100")
        rows.addRow(self.tr("Address"), self.host)
        rows.addRow(self.tr("Port"), self.tcp_port)
        serial = QWidget()
        rows = fields.form(serial, margins=False)
        self.serial_port = fields.combo([], "printerSerialCombo")
        self.serial_port.setEditable(True)
        self.refresh_button = fields.button(self.tr("Rescan"), "refreshPortsButton")
        port_row = QHBoxLayout()
        port_row.addWidget(self.serial_port, 1)
        port_row.addWidget(self.refresh_button)
        self.baudrate = fields.combo([(str(b), b) for b in BAUD_RATES], "printerBaudCombo")
        self.baudrate.setCurrentIndex(self.baudrate.findData(19200))
        rows.addRow(self.tr("Port"), port_row)
        rows.addRow(self.tr("Speed (baud)"), self.baudrate)
        self.refresh_button.clicked.connect(self.refresh_ports)
        usb = QWidget()
        rows = fields.form(usb, margins=False)
        self.usb_id = fields.line_edit(
            self.tr("vendor:product, e.g. 04b8:0202"), "printerUsbEdit", 9
        )
        rows.addRow(self.tr("USB id"), self.usb_id)
        usb_note = QLabel(
            self.tr(
                "This screen cannot test a USB printer: save, then check that the test "
                "receipt comes out (lsusb shows the id)."
            )
        )
        usb_note.setObjectName("firstRunNote")
        usb_note.setWordWrap(True)
        rows.addRow(usb_note)
        none = QWidget()
        rows = fields.form(none, margins=False)
        none_note = QLabel(self.tr("No receipt printer: receipts are shown on screen only."))
        none_note.setObjectName("firstRunNote")
        none_note.setWordWrap(True)
        rows.addRow(none_note)
        self._printer_pages = {"network": network, "serial": serial, "usb": usb, "none": none}
        for page in self._printer_pages.values():
            self.printer_stack.addWidget(page)
        layout.addWidget(self.printer_stack)

        width_row = QFormLayout()
        self.paper_width = fields.combo([("80 mm", 80), ("58 mm", 58)], "paperWidthCombo")
        width_row.addRow(self.tr("Paper width"), self.paper_width)
        # Status is advice (hardware.escpos_printer): a printer that never answers still prints.
        self.printer_status = fields.combo(
            [
                (self.tr("Ask, print if silent"), "auto"),
                (self.tr("Never ask"), "off"),
                (self.tr("Must answer"), "required"),
            ],
            "printerStatusCombo",
        )
        self.printer_status.setToolTip(
            self.tr(
                "Ask, print if silent: a printer that never answers (print server, cable "
                "without a return wire) still prints. Must answer: no answer, no receipt."
            )
        )
        width_row.addRow(self.tr("Status"), self.printer_status)
        layout.addLayout(width_row)

        actions = QHBoxLayout()
        self.test_button = fields.button(self.tr("Test"), "testPrinterButton")
        self.print_button = fields.button(self.tr("Print test receipt"), "printTestButton")
        actions.addWidget(self.test_button, 1)
        actions.addWidget(self.print_button, 2)
        layout.addLayout(actions)
        self.printer_result = InlineMessage()
        self.printer_result.setObjectName("printerResult")
        layout.addWidget(self.printer_result)
        layout.addStretch(1)
        self.test_button.clicked.connect(self.test_printer)
        self.print_button.clicked.connect(self.print_test)
        for edit in (self.host, self.tcp_port, self.usb_id):
            edit.textEdited.connect(lambda _t: self.printer_result.clear_message())
        return box

    def _build_drawer(self) -> QGroupBox:
        box = QGroupBox(self.tr("Cash drawer"))
        rows = fields.form(box)
        self.drawer = fields.combo(
            [
                (self.tr("Through the printer, pin 2"), "printer:2"),
                (self.tr("Through the printer, pin 5"), "printer:5"),
                (self.tr("Serial port"), "serial"),
                (self.tr("None"), "none"),
            ],
            "drawerCombo",
        )
        self.drawer_port = fields.combo([], "drawerPortCombo")  # the serial ports, or type one
        self.drawer_port.setEditable(True)
        drawer_edit = self.drawer_port.lineEdit()
        assert drawer_edit is not None  # editable
        drawer_edit.setPlaceholderText(self.tr("e.g. /dev/ttyS1 or COM2"))
        for combo in (self.serial_port, self.drawer_port):  # a chosen port shows its name
            combo.activated.connect(lambda i, c=combo: c.setEditText(str(c.itemData(i))))
            # Long port descriptions must not widen the combo past its column.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        rows.addRow(self.tr("Drawer"), self.drawer)
        rows.addRow(self.tr("Drawer port"), self.drawer_port)
        self.drawer.currentIndexChanged.connect(self._show_drawer_port)
        self._drawer_rows = rows
        self._show_drawer_port()
        return box

    def _build_scanner(self) -> QGroupBox:
        box = QGroupBox(self.tr("Barcode scanner"))
        rows = fields.form(box)
        self.suffix = fields.combo(
            [(self.tr("Enter"), "enter"), (self.tr("Tab"), "tab"), (self.tr("Nothing"), "none")],
            "suffixCombo",
        )
        self.scan_test = fields.line_edit(self.tr("scan something now"), "scanTestEdit", 256)
        self.scan_test.installEventFilter(self)
        self.scan_test.textEdited.connect(self.on_scan_test_text_edited)
        self.scan_result = QLabel(self.tr("Nothing scanned yet."))
        self.scan_result.setObjectName("scanResult")
        self.scan_result.setWordWrap(True)
        # Two lines' room: a word-wrapped label in a form row is otherwise given one.
        self.scan_result.setMinimumHeight(2 * self.scan_result.fontMetrics().lineSpacing() + 8)
        rows.addRow(self.tr("Ends codes with"), self.suffix)
        rows.addRow(self.tr("Test"), self.scan_test)
        rows.addRow(self.scan_result)
        return box

    # -- state -------------------------------------------------------------------------------

    @property
    def printer_kind(self) -> PrinterKind:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return "none"

    def choose_printer(self, kind: PrinterKind) -> None:
        self.kind_buttons[kind].setChecked(True)
        self.printer_stack.setCurrentWidget(self._printer_pages[kind])
        self.printer_result.clear_message()
        can_talk = kind != "none"
        self.print_button.setEnabled(can_talk)
        self.test_button.setEnabled(kind in ("network", "serial"))
        self.paper_width.setEnabled(can_talk)
        self.printer_status.setEnabled(kind in ("network", "serial", "usb"))
        focus = {"network": self.host, "serial": self.serial_port, "usb": self.usb_id}.get(kind)
        if focus is not None:
            focus.setFocus()

    def _show_drawer_port(self) -> None:
        self._drawer_rows.setRowVisible(
            self.drawer_port, str(self.drawer.currentData()) == "serial"
        )

    def refresh_ports(self) -> None:
        """List the serial ports (COM3 on Windows, /dev/ttyUSB0 on Linux) for the printer
        and the drawer; what was typed stays."""
        try:
            ports = self._list_ports()
        except OSError as exc:  # no permission to enumerate, for instance
            log.warning("cannot list serial ports: %s", exc)
            ports = []
        for combo in (self.serial_port, self.drawer_port):
            current = combo.currentText()
            combo.clear()
            for device, description in ports:
                plain = not description or description == "n/a"
                combo.addItem(device if plain else f"{device} — {description}", device)
            combo.setEditText(current)
        if not ports:
            edit = self.serial_port.lineEdit()
            if edit is not None:  # the combo is editable (_build_printer), so it has one
                edit.setPlaceholderText(self.tr("no serial ports found; type one"))

    def _load_existing(self) -> PrinterKind:
        """Start from the devices.toml already there (set-up run again), else the defaults;
        returns the printer connection to show."""
        path = find_device_config(self._data_dir)
        self._base = DeviceConfig()
        if path is None:
            return "network"  # the usual receipt printer in a shop
        try:
            self._base = load_device_config(path)
        except DeviceConfigError as exc:
            self.message.show_error(
                sentence(self.tr("%1; saving replaces it").replace("%1", str(exc)))
            )
            return "network"
        address = self._base.printer or "none"
        schemes: dict[str, PrinterKind] = {"tcp": "network", "serial": "serial", "usb": "usb"}
        kind = schemes.get(address.split(":")[0], "none")
        if kind == "network":
            host, _, port = address.removeprefix("tcp://").rpartition(":")
            self.host.setText(host)
            self.tcp_port.setText(port)
        elif kind == "serial":
            connection = parse_printer_url(address)
            assert isinstance(connection, SerialConnection)
            self.serial_port.setEditText(connection.device)
            self.baudrate.setCurrentIndex(max(0, self.baudrate.findData(connection.baudrate)))
        elif kind == "usb":
            self.usb_id.setText(address.removeprefix("usb://"))
        self.paper_width.setCurrentIndex(self.paper_width.findData(self._base.paper_width_mm))
        self.printer_status.setCurrentIndex(
            max(0, self.printer_status.findData(self._base.printer_status))
        )
        self.suffix.setCurrentIndex(max(0, self.suffix.findData(self._base.keyboard_suffix)))
        drawer = self._base.drawer
        if drawer == "printer":
            drawer = f"printer:{self._base.drawer_pin}"
        elif drawer != "none":
            self.drawer_port.setEditText(drawer.removeprefix("serial://").partition("?")[0])
            drawer = "serial"
        self.drawer.setCurrentIndex(max(0, self.drawer.findData(drawer)))
        return kind

    @staticmethod
    def _port(combo: QComboBox) -> str:
        typed = combo.currentText().strip()
        index = combo.findText(typed)  # a listed port shows "device — description"
        return str(combo.itemData(index)) if index >= 0 else typed

    def choices(self) -> DeviceChoices:
        drawer, _, pin = str(self.drawer.currentData()).partition(":")
        serial_port = self._port(self.serial_port)
        return DeviceChoices(
            printer=self.printer_kind,
            host=self.host.text(),
            tcp_port=self.tcp_port.text(),
            serial_port=serial_port,
            baudrate=str(self.baudrate.currentData()),
            usb_id=self.usb_id.text(),
            paper_width_mm=int(self.paper_width.currentData()),
            # The combo's data are the DrawerKind values above (with ":pin" for "printer").
            drawer=cast(DrawerKind, drawer),
            drawer_pin=int(pin or 2),
            drawer_port=self._port(self.drawer_port),
            keyboard_suffix=str(self.suffix.currentData()),
            printer_status=self.printer_status.currentData(),
        )

    def config(self) -> DeviceConfig:
        """The settings on the form; DeviceConfigError when a value is wrong."""
        return config_from_choices(self.choices(), self._base)

    # -- printer actions ---------------------------------------------------------------------

    def test_printer(self) -> None:
        config = self._valid_config(self.printer_result)
        if config is None:
            return
        self.printer_result.show_info(self.tr("Asking the printer…"), timeout_ms=0)
        self._submit("test", lambda: check_printer(config))

    def print_test(self) -> None:
        config = self._valid_config(self.printer_result)
        if config is None:
            return
        self.printer_result.show_info(self.tr("Printing the test receipt…"), timeout_ms=0)
        self._submit("print", lambda: print_test_receipt(config))

    def save(self) -> None:
        if self.busy:
            return
        config = self._valid_config(self.message)
        if config is None:
            return
        data_dir = self._data_dir
        # Read on the GUI thread; the worker only gets plain values.
        must_check = (
            config.printer is not None
            and self.printer_kind in ("network", "serial")
            and config.printer_status != "off"  # set not to answer: nothing to ask
        )

        def work() -> object:
            # A network or serial printer is asked before its address is saved: a typo in
            # the address would otherwise only show at the first sale. One that is reached
            # but stays silent is fine unless its status is "required" (it prints anyway).
            if must_check:
                try:
                    check_printer(config)
                except DeviceTimeoutError:
                    if config.printer_status == "required":
                        raise
            return save_device_config(data_dir, config)

        self.message.show_info(self.tr("Checking the printer and saving…"), timeout_ms=0)
        self._submit("save", work)

    def skip(self) -> None:
        if not self.busy:
            self.done.emit(False)

    def _valid_config(self, where: InlineMessage) -> DeviceConfig | None:
        try:
            return self.config()
        except DeviceConfigError as exc:
            where.show_error(sentence(str(exc)))
            return None

    def _submit(self, action: str, work: Callable[[], object]) -> None:
        self._set_busy(True)
        self._pending += 1
        answers = self._answers

        def report(job: Future[object]) -> None:
            if job.cancelled():
                return
            exc = job.exception()
            if exc is None:
                answers.answered.emit(action, job.result(), "")
            elif isinstance(exc, DeviceError):
                answers.answered.emit(action, None, device_words(exc))
            elif isinstance(exc, DeviceConfigError | OSError | ValueError):
                answers.answered.emit(action, None, str(exc))
            else:
                log.error("device set-up %s failed", action, exc_info=exc)
                answers.answered.emit(
                    action,
                    None,
                    translate("DevicesPage", "something went wrong (%1)").replace(
                        "%1", type(exc).__name__
                    ),
                )

        self._worker.submit(work).add_done_callback(report)

    def on_answers_answered(self, action: str, result: object, error: str) -> None:
        self._pending -= 1
        self._set_busy(self._pending > 0)
        if action == "save":
            if error:
                self.message.show_error(
                    sentence(self.tr("Not saved: ") + error)
                    + self.tr(" Check the address, switch the printer on, or choose None.")
                )
                return
            self.message.show_info(self.tr("Saved to %1.").replace("%1", str(result)))
            self.done.emit(True)
            return
        if error:
            self.printer_result.show_error(sentence(error))
            return
        if action == "test" and isinstance(result, PrinterStatus):
            usable, words = describe_status(result)
            if usable:
                self.printer_result.show_info(self.tr(words), timeout_ms=0)
            else:
                self.printer_result.show_error(self.tr(words))
            return
        self.printer_result.show_info(
            self.tr("Test receipt sent: check that the € and accents print."), timeout_ms=0
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.save_button, self.skip_button, self.test_button, self.print_button):
            widget.setEnabled(not busy)
        if not busy:
            self.choose_printer_buttons()

    def choose_printer_buttons(self) -> None:
        kind = self.printer_kind
        self.print_button.setEnabled(kind != "none")
        self.test_button.setEnabled(kind in ("network", "serial"))

    # -- scanner test ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan_test and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            ended = {
                int(Qt.Key.Key_Return): "enter",
                int(Qt.Key.Key_Enter): "enter",
                int(Qt.Key.Key_Tab): "tab",
            }.get(event.key())
            if ended is not None:
                self._scanned(ended)
                return True  # a Tab must not move focus away from the test field
        return super().eventFilter(watched, event)

    def on_scan_test_text_edited(self, _text: str) -> None:
        self._scan_timer.start()  # no suffix at all: a pause ends it

    def on_scan_timer_timeout(self) -> None:
        if self.scan_test.text():
            self._scanned("none")

    def _scanned(self, ended: str) -> None:
        self._scan_timer.stop()
        code = self.scan_test.text()
        self.scan_test.clear()
        if not code:
            self.scan_result.setText(self.tr("Received only %1, no code.")
                                     .replace("%1", self.tr(SUFFIX_NAMES[ended])))  # fmt: skip
            return
        setting = str(self.suffix.currentData())
        match = (
            self.tr("matches the setting.")
            if ended == setting
            else self.tr("choose “%1” above.").replace(
                "%1", self.suffix.itemText(self.suffix.findData(ended))
            )
        )
        self.scan_result.setText(
            self.tr("Received “%1”, then %2 — %3")
            .replace("%1", code)
            .replace("%2", self.tr(SUFFIX_NAMES[ended]))
            .replace("%3", match)
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def wait_for_jobs(self) -> None:
        """Block until the worker is idle (tests, and closing the window)."""
        self._worker.submit(lambda: None).result()

    def shutdown(self) -> None:
        self._worker.shutdown(wait=True)
