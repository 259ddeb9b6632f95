"""A return without a receipt on the returns screen (real SQLite file): today's price, store
credit only, a manager's PIN inline, the customer's ID noted as its kind and last 4."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from pos_app.domain.returns.rules import IdDocument
from tests.helpers.catalog import TSHIRT
from tests.helpers.gui import HUMAN_GAP_MS, Driver
from tests.helpers.till_db import rows

WAIT_MS = 5000
LICENCE_NO = "DL-99887766"


def test_no_receipt_return_needs_a_manager_and_refunds_store_credit(
    signed_in: Driver, staffed_db: Path
) -> None:
    d, w = signed_in, signed_in.window
    returns = d.till.returns
    assert returns is not None
    d.clock.advance(HUMAN_GAP_MS)
    d.qtbot.keyClick(d.focus(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page = w.returns
    d.press(d.focus(), Qt.Key.Key_F7)
    assert page.id_box.isVisible()
    assert not page.exchange_button.isEnabled()
    with d.qtbot.waitSignal(returns.sale_found, timeout=WAIT_MS):
        d.scan(TSHIRT)
    assert page.title.text().startswith("No receipt")
    assert page.table.rowCount() == 1
    assert page.quantity_box(1).value() == 1
    assert page.plan_label.text() == "Refund €15.00: Store credit €15.00"
    assert page.refund_button.text().startswith("Refund store credit")
    assert page.card_box.isHidden()

    # The ID first: nothing is refunded without it.
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS) as no_id:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "ID number" in no_id.args[0]
    page.id_type.setCurrentIndex(page.id_type.findData(str(IdDocument.DRIVING_LICENCE)))
    d.type(page.id_number, LICENCE_NO)
    with d.qtbot.waitSignal(returns.error_shown, timeout=WAIT_MS) as denied:
        d.press(d.focus(), Qt.Key.Key_F12)
    assert "no receipt: store credit only" in denied.args[0]
    assert page.prompt.isVisible()
    d.type(page.prompt.value_edit, "9999")
    d.type(page.prompt.reason_edit, "known customer")
    with d.qtbot.waitSignal(returns.return_completed, timeout=WAIT_MS) as done:
        d.press(page.prompt.reason_edit, Qt.Key.Key_Return)
    code = done.args[0].store_credit_code
    assert code in page.message.text()
    assert "Return without receipt" in page.receipt_preview.toPlainText()

    assert rows(
        staffed_db,
        "SELECT t.kind, t.amount_minor, t.account FROM sale_tenders t JOIN sales s"
        " ON t.sale_id = s.id WHERE s.kind = 'return'",
    ) == [("store_credit", -1500, code)]
    [(payload,)] = rows(staffed_db, "SELECT payload FROM journal_entries WHERE kind = 'return'")
    body = json.loads(str(payload))["body"]
    assert body["customer_id"] == {"type": "driving_licence", "last4": "7766"}
    assert body["approval"]["approver"] == "M1"
    everything = str(rows(staffed_db, "SELECT payload FROM journal_entries")) + str(
        rows(staffed_db, "SELECT payload FROM outbox_events")
    )
    assert "99887766" not in everything
