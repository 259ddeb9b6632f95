"""Store settings from the feed take effect in the running till (issue 16 point 9).

A till enrolled a moment ago has no tax rates yet: its first scan is refused with the reason.
Head office's rate arrives through the feed (real hub over HTTP), and the same running till
sells the item at once, without a restart; a new rate replaces the basket's rate too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import TaxRateRow
from sync.hub import headoffice
from tests.gui.sale.test_sale_flow import COFFEE


def test_tax_rates_from_the_feed_are_used_without_a_restart(
    make_till: Any, staffed_db: Path, seeded: sessionmaker[Session], enrolled_till: Any
) -> None:
    with seeded.begin() as session:  # as at enrollment: no rates have arrived yet
        session.execute(delete(TaxRateRow))
    d = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    d.sign_in("1111")
    controller = d.controller
    with d.qtbot.waitSignal(controller.error_shown, timeout=5000) as refused:
        d.scan(COFFEE)
    assert "no tax rate here" in refused.args[0]

    headoffice.set_tax_class(enrolled_till.hub.hub, "reduced", "0.07", "VAT 7%")
    d.qtbot.waitUntil(lambda: "reduced" in controller.context.tax_rates, timeout=10_000)
    d.scan_and_wait(COFFEE)  # the same running till, no restart
    basket = controller.register.basket
    assert basket.totals().tax_total.amount > 0

    # A changed rate reaches the basket in progress too.
    headoffice.set_tax_class(enrolled_till.hub.hub, "reduced", "0.10", "VAT 10%")
    d.qtbot.waitUntil(
        lambda: str(controller.register.basket.tax_rates["reduced"].rate) == "0.10",
        timeout=10_000,
    )
    assert len(controller.register.basket.lines) == 1
    assert d.till.returns.context.tax_rates["reduced"].label == "VAT 10%"
