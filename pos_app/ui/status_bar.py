"""Always-visible status: who is signed in, where, sync and devices, and an offline banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from hardware.base import DeviceKind, DeviceState, DeviceStatus


class TillStatusBar(QFrame):
    def __init__(self, store_name: str, till_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillStatusBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.place_label = QLabel()
        self.set_store(store_name, till_id)
        self.offline_banner = QLabel(self.tr("OFFLINE — sales are kept and sent later"))
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.hide()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("statusBusy")
        self.sync_label = QLabel(self.tr("Sync: standalone (no hub)"))
        self.sync_label.setObjectName("statusSync")
        self.devices_label = QLabel()
        self.devices_label.setObjectName("statusDevices")
        self._printer: DeviceState | None = None  # None: no printer set up
        self._waiting = 0
        self._faults: dict[str, DeviceStatus] = {}  # other devices that are not ready
        layout.addWidget(self.user_label)
        layout.addWidget(_sep())
        layout.addWidget(self.place_label)
        layout.addStretch(1)
        layout.addWidget(self.offline_banner)
        layout.addWidget(self.busy_label)
        layout.addWidget(_sep())
        layout.addWidget(self.sync_label)
        layout.addWidget(_sep())
        layout.addWidget(self.devices_label)
        self.set_user(None)
        self._show_devices()

    def set_store(self, store_name: str, till_id: str) -> None:
        """The store's name as the hub last sent it (the feed may rename it)."""
        self.place_label.setText(
            self.tr("%1 · till %2").replace("%1", store_name).replace("%2", till_id)
        )

    def add_switch(self, action: QAction) -> None:
        """A checkable action at the right end (the demo's printer panel: show or hide)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the till keeps the keyboard
        layout = self.layout()
        assert layout is not None
        layout.addWidget(button)

    def set_user(self, name: str | None, role: str = "") -> None:
        if name is None:
            self.user_label.setText(self.tr("Signed out"))
        else:
            self.user_label.setText(self.tr("%1 (%2)").replace("%1", name).replace("%2", role))

    def set_offline(self, offline: bool) -> None:
        self.offline_banner.setVisible(offline)

    def set_sync(self, text: str, severity: str) -> None:
        """``severity`` is ok / warn / error; the theme colours it like the devices label."""
        self.sync_label.setText(text)
        self.sync_label.setProperty("level", severity)
        self.sync_label.style().unpolish(self.sync_label)
        self.sync_label.style().polish(self.sync_label)

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Saving…") if busy else "")

    # -- devices -----------------------------------------------------------------------------

    def set_printer_state(self, state: DeviceState | None, waiting: int) -> None:
        """``state`` None means no printer is set up."""
        self._printer, self._waiting = state, waiting
        self._show_devices()

    def set_receipts_waiting(self, waiting: int) -> None:
        self._waiting = waiting
        self._show_devices()

    def set_device_status(self, status: DeviceStatus) -> None:
        """A drawer, display or scanner: shown only while it is not ready."""
        if status.state is DeviceState.READY:
            self._faults.pop(status.device, None)
        else:
            self._faults[status.device] = status
        self._show_devices()

    def _printer_text(self) -> tuple[str, str]:
        state = self._printer
        if state is None:
            return self.tr("No printer"), "none"
        texts = {
            DeviceState.READY: (self.tr("Printer OK"), "ok"),
            DeviceState.CONNECTING: (self.tr("Printer: checking…"), "none"),
            DeviceState.PAPER_OUT: (self.tr("Printer: PAPER OUT"), "error"),
            DeviceState.COVER_OPEN: (self.tr("Printer: COVER OPEN"), "error"),
        }
        return texts.get(state, (self.tr("Printer OFFLINE"), "error"))

    def _show_devices(self) -> None:
        text, level = self._printer_text()
        parts = [text]
        if self._waiting:
            parts.append(
                self.tr("1 receipt waiting to print")
                if self._waiting == 1
                else self.tr("%n receipts waiting to print", "", self._waiting)
            )
            level = "error" if level == "error" else "warn"
        names = {
            DeviceKind.DRAWER: self.tr("Drawer"),
            DeviceKind.DISPLAY: self.tr("Display"),
            DeviceKind.SCANNER: self.tr("Scanner"),
        }
        for status in self._faults.values():
            name = names.get(status.kind, status.device)
            parts.append(self.tr("%1 unavailable").replace("%1", name))
            level = "error" if level == "error" else "warn"
        self.devices_label.setText(" · ".join(parts))
        self.devices_label.setToolTip(
            "\n".join(f"{s.device}: {s.state} {s.message}" for s in self._faults.values())
        )
        self.devices_label.setProperty("level", level)
        self.devices_label.style().unpolish(self.devices_label)
        self.devices_label.style().polish(self.devices_label)


def _sep() -> QLabel:
    label = QLabel("|")
    label.setObjectName("statusSep")
    return label
