"""A French till (issue 22): the sale's amounts in fr_FR formats, and what the scanner or the
cashier got wrong said in French, with the amounts formatted the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import StoreProfile
from pos_app.ui import formatting
from tests.gui.sale.test_sale_flow import COFFEE


def test_a_french_till_speaks_french_and_formats_like_france(
    make_till: Any, staffed_db: Path, seeded: sessionmaker[Session]
) -> None:
    with seeded.begin() as session:
        session.execute(update(StoreProfile).values(locale="fr_FR"))
    d = make_till(staffed_db)
    assert formatting.current_locale() == "fr_FR"
    d.sign_in("1111")
    controller = d.controller
    with d.qtbot.waitSignal(controller.error_shown, timeout=5000) as refused:
        d.scan("4006381333932")  # the coffee's barcode with a wrong check digit
    assert refused.args[0].startswith("Le code-barres 4006381333932 a une clé de contrôle fausse")
    d.scan_and_wait(COFFEE)
    total = d.till.window.sale.totals.total_value.text()
    assert total == "8,99\u00a0€"
