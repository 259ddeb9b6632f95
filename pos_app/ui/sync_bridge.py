"""Sync state into the status bar: the sync threads report, Qt delivers on the GUI thread."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_app.services.changes import OpChanges
from pos_app.ui import formatting
from pos_app.ui.status_bar import SEP, TillStatusBar
from sync.client.status import SyncStatus

if TYPE_CHECKING:
    from pos_app.services.sync.runtime import TillSync


def describe_sync(status: SyncStatus | None, now: datetime) -> tuple[str, str, bool]:
    """(text, severity, offline) for the status bar; severity is ok / warn / error."""

    # QCoreApplication.translate spelled out at each call: pyside6-lupdate reads the context
    # from it (a local helper would file the texts under no context).
    translate = QCoreApplication.translate
    if status is None:
        return translate("SyncBridge", "Sync: standalone (no hub)"), "ok", False
    parts: list[str] = []
    if status.online is None:
        parts.append(translate("SyncBridge", "Sync: connecting…"))
        severity = "warn"
    elif status.online:
        parts.append(translate("SyncBridge", "Sync: online"))
        severity = "ok"
    else:
        since = formatting.time(status.offline_since) if status.offline_since else ""
        parts.append(
            translate("SyncBridge", "Sync: OFFLINE since %1").replace("%1", since)
            if since
            else translate("SyncBridge", "OFFLINE")
        )
        severity = "error"
    if status.queued:
        parts.append(translate("SyncBridge", "%1 to send").replace("%1", _count(status.queued)))
    if status.feed is not None and status.feed.catching_up:
        parts.append(
            translate("SyncBridge", "catalog: %1 updates").replace(
                "%1", _count(status.feed.applied)
            )
        )
    if status.rejected:
        parts.append(
            translate("SyncBridge", "%1 refused by hub — manager").replace(
                "%1", str(status.rejected)
            )
        )
        severity = "error" if severity == "error" else "warn"
    if status.last_success is not None:
        minutes = int((now - status.last_success).total_seconds() // 60)
        if minutes >= 1:
            parts.append(
                translate("SyncBridge", "last sync %1 min ago").replace("%1", str(minutes))
            )
    return SEP.join(parts), severity, status.online is False


def _count(number: int) -> str:
    """A count in the store's digit grouping: 54 321 in French, 54.321 in German."""
    return formatting.quantity(Decimal(number), by_weight=False)


class SyncBridge(QObject):
    """Re-emits the sync client's status on the GUI thread and shows it."""

    status_changed = Signal(object)  # SyncStatus, emitted from a sync thread
    feed_applied = Signal(object)  # set of FeedKind of a committed feed page (sync thread)

    def __init__(self, sync: TillSync, status_bar: TillStatusBar, parent: QObject) -> None:
        super().__init__(parent)
        self.sync = sync
        self._bar = status_bar
        # Emitting from the sync thread to this GUI-thread object is a queued connection.
        self.status_changed.connect(self.on_sync_status_changed)
        sync.add_listener(self.status_changed.emit)
        sync.add_feed_listener(lambda kinds, _count: self.feed_applied.emit(set(kinds)))
        self.on_sync_status_changed(sync.status())

    def on_sync_status_changed(self, status: SyncStatus) -> None:
        text, severity, offline = describe_sync(status, datetime.now(UTC))
        self._bar.set_sync(text, severity)
        self._bar.set_offline(offline)

    def on_op_changes(self, changes: OpChanges, _origin: object | None) -> None:
        """Subscribed to the till's ChangeNotifier: queued events go to the hub now, not at
        the next poll (a sale, a return, a collection step, a new customer, a receipt email)."""
        if changes.outbox:
            self.sync.notify_sale_completed()
