"""Always-visible status: who is signed in, where, sync and devices, and an offline banner."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class TillStatusBar(QFrame):
    def __init__(self, store_name: str, till_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillStatusBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.place_label = QLabel(
            self.tr("%1 · till %2").replace("%1", store_name).replace("%2", till_id)
        )
        self.offline_banner = QLabel(self.tr("OFFLINE — sales are kept and sent later"))
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.hide()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("statusBusy")
        # Placeholders until the sync and hardware issues land: honest about what is missing.
        self.sync_label = QLabel(self.tr("Sync: no hub yet"))
        self.sync_label.setObjectName("statusSync")
        self.devices_label = QLabel(self.tr("Devices: none set up"))
        self.devices_label.setObjectName("statusDevices")
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

    def set_user(self, name: str | None, role: str = "") -> None:
        if name is None:
            self.user_label.setText(self.tr("Signed out"))
        else:
            self.user_label.setText(self.tr("%1 (%2)").replace("%1", name).replace("%2", role))

    def set_offline(self, offline: bool) -> None:
        self.offline_banner.setVisible(offline)

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Saving…") if busy else "")


def _sep() -> QLabel:
    label = QLabel("|")
    label.setObjectName("statusSep")
    return label
