"""The till's status bar follows the real sync client against a real hub
(docs/architecture.md §4, §6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.sale.checkout import CompletedSale
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.sync_bridge import SyncBridge, describe_sync
from sync.client.status import SyncStatus
from tests.helpers.hub import EnrolledTill

WAIT_MS = 10_000


def test_describe_sync_says_what_a_cashier_needs() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert describe_sync(None, now) == ("Sync: standalone (no hub)", "ok", False)
    text, level, offline = describe_sync(
        SyncStatus(online=False, queued=12, offline_since=now - timedelta(minutes=5)), now
    )
    assert text.startswith("Sync: OFFLINE since")
    assert "12 to send" in text
    assert (level, offline) == ("error", True)
    text, level, offline = describe_sync(
        SyncStatus(online=True, rejected=2, last_success=now - timedelta(minutes=3)), now
    )
    assert "2 refused by hub" in text
    assert "last sync 3 min ago" in text
    assert (level, offline) == ("warn", False)


def test_status_bar_follows_an_outage_and_a_sale_goes_out_at_once(
    qtbot: QtBot,
    enrolled_till: EnrolledTill,
    sell: Callable[..., CompletedSale],
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    bar = TillStatusBar("Test Store", "till-1", parent)
    till_sync = enrolled_till.sync()
    bridge = SyncBridge(till_sync, bar, parent)
    changes = ChangeNotifier()
    changes.subscribe(bridge.on_op_changes)  # as build_till wires it
    till_sync.start()
    qtbot.waitUntil(lambda: bar.sync_label.text().startswith("Sync: online"), timeout=WAIT_MS)
    assert bar.offline_banner.isHidden()

    enrolled_till.hub.stop()
    done = sell(["96385074"])
    changes.publish(OpChanges(basket=True, outbox=True, sale=done))  # as the sale screen does
    qtbot.waitUntil(lambda: "OFFLINE" in bar.sync_label.text(), timeout=WAIT_MS)
    assert not bar.offline_banner.isHidden()
    qtbot.waitUntil(lambda: "1 to send" in bar.sync_label.text(), timeout=WAIT_MS)

    enrolled_till.hub.start()
    qtbot.waitUntil(lambda: bar.sync_label.text() == "Sync: online", timeout=WAIT_MS)
    assert bar.offline_banner.isHidden()
    qtbot.waitUntil(
        lambda: enrolled_till.hub_event_ids() == [done.outbox_event_id], timeout=WAIT_MS
    )
