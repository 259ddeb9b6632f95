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
from pos_app.ui import formatting
from sync.hub import headoffice, tenancy
from sync.protocol import StoreIn
from tests.gui.sale.test_sale_flow import COFFEE
from tests.helpers.hub import TILL_STORE


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


def test_the_store_locale_from_the_hub_reaches_the_running_screens(
    make_till: Any, staffed_db: Path, enrolled_till: Any
) -> None:
    d = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    d.sign_in("1111")
    d.scan_and_wait(COFFEE)
    total = d.till.window.sale.totals.total_value
    assert "." in total.text()
    assert "," not in total.text()

    # Head office sets the store's locale (as `omnitill hub add-store --locale fr_FR` does).
    spec = StoreIn(store_id=TILL_STORE, name=f"Store {TILL_STORE}", locale="fr_FR")
    tenancy.upsert_store(enrolled_till.hub.hub, spec)
    d.qtbot.waitUntil(lambda: d.controller.context.locale == "fr_FR", timeout=10_000)
    assert formatting.current_locale() == "fr_FR"
    d.scan_and_wait(COFFEE)  # the totals are shown again, now in French
    d.qtbot.waitUntil(lambda: "," in total.text(), timeout=5000)
    assert total.text().endswith("\u00a0€")
