"""Always-visible status: who is signed in, where, sync and devices, and an offline banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hardware.base import DeviceKind, DeviceState, DeviceStatus

GAP = 16  # px between the groups of a row
SEP = " · "  # between the parts of the sync and device lines (describe_sync joins with it)


class TillStatusBar(QFrame):
    def __init__(self, store_name: str, till_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillStatusBar")
        # Four groups: who and where; the offline banner; sync; devices. They share one row
        # when it is wide enough and flow onto the next rows when not, and the sync and device
        # lines break between their parts where one is wider than the window, so every word
        # stays readable ("till demo-store-T" was cut at 1024 px, and a bad day in French or
        # German ran off the screen's right edge; issue 15).
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(12, 2, 12, 2)
        self._outer.setSpacing(0)
        self.left_part, self.banner_part = QWidget(), QWidget()
        self.sync_part, self.right_part = QWidget(), QWidget()
        self._groups = (self.left_part, self.banner_part, self.sync_part, self.right_part)
        self._rows = [QHBoxLayout() for _ in self._groups]
        for row in self._rows:
            row.setSpacing(GAP)
            self._outer.addLayout(row)
        names = ("statusLeft", "statusBanner", "statusSyncPart", "statusRight")
        for name, part in zip(names, self._groups, strict=True):
            part.setObjectName(name)
        left, banner, sync, right = (QHBoxLayout(part) for part in self._groups)
        for part_layout in (left, banner, sync, right):
            part_layout.setContentsMargins(0, 0, 0, 0)
        self._placed: list[int] = []
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
        # Each line's parts (joined by " · "), broken into lines that fit by _arrange.
        self._parts: dict[QLabel, list[str]] = {
            self.sync_label: [self.sync_label.text()],
            self.devices_label: [],
        }
        self._printer: DeviceState | None = None  # None: no printer set up
        self._waiting = 0
        self._faults: dict[str, DeviceStatus] = {}  # other devices that are not ready
        self._switch: QAction | None = None  # the demo's printer panel (add_switch)
        left.addWidget(self.user_label)
        left.addWidget(_sep())
        left.addWidget(self.place_label)
        banner.addWidget(self.offline_banner)
        banner.addWidget(self.busy_label)
        sync.addWidget(self.sync_label)
        right.addWidget(self.devices_label)
        self.set_user(None)
        self._show_devices()
        self._arrange()

    @property
    def row_count(self) -> int:
        return len(set(self._placed))

    def _arrange(self) -> None:
        """Fill the rows in order, a group on the next row when it does not fit this one."""
        if not hasattr(self, "_switch"):
            return  # still being built
        # The busy note keeps its room while empty (the rows must not reflow at every save),
        # measured in its polished font (the theme's size, known once it is shown).
        busy = self.busy_label
        busy.setMinimumWidth(busy.fontMetrics().horizontalAdvance(self.tr("Saving…")) + 4)
        margins = self._outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        for label, parts in self._parts.items():
            label.setText(_wrap(label, parts, room))
        placed: list[int] = []
        row, used = 0, 0
        for group in self._groups:
            width = group.sizeHint().width() if group.isVisibleTo(self) else 0
            if used and used + GAP + width > room:
                row, used = row + 1, 0
            placed.append(row)
            used += (GAP if used else 0) + width
        if placed == self._placed:
            return
        self._placed = placed
        for layout in self._rows:
            while layout.count():
                layout.takeAt(0)
        for index, (group, at) in enumerate(zip(self._groups, placed, strict=True)):
            target = self._rows[at]
            if index and target.count() == 1:
                target.addStretch(1)  # state to the right, who and where to the left
            target.addWidget(group)
            if index and target.count() == 1:
                target.insertStretch(0, 1)
        first = self._rows[0]
        if first.count() == 1:
            first.addStretch(1)  # who and where alone: keep them to the left

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def set_store(self, store_name: str, till_id: str) -> None:
        """The store's name as the hub last sent it (the feed may rename it)."""
        self.place_label.setText(
            self.tr("%1 · till %2").replace("%1", store_name).replace("%2", till_id)
        )
        self._arrange()

    def add_switch(self, action: QAction) -> None:
        """The demo's printer panel, shown or hidden by a click on the printer's state.

        Not a button of its own: at 1024 px a bad day (offline, a long sync line, the printer out
        of paper) already fills two rows, and a "Printer (simulated)" button made a third that
        the pages above had no room to give (issue 15)."""
        self._switch = action
        self.devices_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self._show_devices()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        label = self.devices_label
        at = label.mapFrom(self, event.position().toPoint())
        if self._switch is not None and label.rect().contains(at):
            self._switch.trigger()
            return
        super().mouseReleaseEvent(event)

    def set_user(self, name: str | None, role: str = "") -> None:
        if name is None:
            self.user_label.setText(self.tr("Signed out"))
        else:
            self.user_label.setText(self.tr("%1 (%2)").replace("%1", name).replace("%2", role))
        self._arrange()

    def set_offline(self, offline: bool) -> None:
        self.offline_banner.setVisible(offline)
        self._arrange()

    def set_sync(self, text: str, severity: str) -> None:
        """``severity`` is ok / warn / error; the theme colours it like the devices label."""
        self._parts[self.sync_label] = text.split(SEP)
        self.sync_label.setText(text)
        self.sync_label.setProperty("level", severity)
        self.sync_label.style().unpolish(self.sync_label)
        self.sync_label.style().polish(self.sync_label)
        self._arrange()

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
        if self._faults:  # one part for them all: a part each made a bad day a row longer
            gone = ", ".join(names.get(s.kind, s.device) for s in self._faults.values())
            parts.append(self.tr("Not available: %1").replace("%1", gone))
            level = "error" if level == "error" else "warn"
        self._parts[self.devices_label] = parts
        self.devices_label.setText(SEP.join(parts))
        tips = [f"{s.device}: {s.state} {s.message}" for s in self._faults.values()]
        if self._switch is not None:
            tips.append(self.tr("Click: show or hide %1").replace("%1", self._switch.text()))
        self.devices_label.setToolTip("\n".join(tips))
        self.devices_label.setProperty("level", level)
        self.devices_label.style().unpolish(self.devices_label)
        self.devices_label.style().polish(self.devices_label)
        self._arrange()


def _wrap(label: QLabel, parts: list[str], room: int) -> str:
    """``parts`` joined by " · ", a line break where the next part would pass ``room`` px."""
    metrics = label.fontMetrics()
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{SEP}{part}" if lines else part
        if lines and metrics.horizontalAdvance(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(part)
    return "\n".join(lines)


def _sep() -> QLabel:
    label = QLabel("|")
    label.setObjectName("statusSep")
    return label
