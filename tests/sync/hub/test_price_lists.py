"""A chain with stores in two currencies (issue 22 point 6): a product's price list per currency
at the hub reaches the till of a store selling in that currency, over HTTP, as that price."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.db.models import Product, StoreProfile
from sync.hub import tenancy
from sync.hub.catalog_import import import_catalog
from sync.hub.errors import Invalid, NotFound
from sync.hub.models import FeedRow
from sync.hub.price_lists import set_price
from sync.protocol import StoreIn
from tests.helpers.hub import TILL_STORE, EnrolledTill, StatusRecorder
from tests.helpers.hub_calls import run_hub


def write_csv(path: Path) -> Path:
    path.write_text(
        "sku,name,price,barcodes,tax_class\n"
        "CHOC-1,Swiss chocolate,3.20,,standard\n"
        "TEA-1,Green tea,2.00,,standard\n",
        encoding="utf-8",
    )
    return path


def test_a_swiss_store_sells_at_its_franc_price(
    enrolled_till: EnrolledTill, tmp_path: Path
) -> None:
    hub = enrolled_till.hub.hub
    spec = StoreIn(
        store_id=TILL_STORE, name="Genève", currency="CHF", cash_rounding_step="0.05",
        locale="fr_CH",
    )  # fmt: skip
    tenancy.upsert_store(hub, spec)
    import_catalog(hub.db, write_csv(tmp_path / "c.csv"))
    assert set_price(hub, "CHOC-1", "chf", "3.95") == {"CHF": 395}
    import_catalog(hub.db, write_csv(tmp_path / "c.csv"))  # a re-import keeps the list
    with hub.db.read() as session:
        rows = session.scalars(select(FeedRow).where(FeedRow.key == "CHOC-1")).all()
    assert json.loads(rows[-1].data)["prices"] == {"CHF": 395}

    sync = enrolled_till.sync()
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    recorder.wait_for(lambda s: s.feed is not None and not s.feed.catching_up, 10)

    with enrolled_till.read() as session:
        profile = session.get(StoreProfile, 1)
        assert profile is not None
        assert (profile.currency, profile.locale) == ("CHF", "fr_CH")
        prices = dict(session.execute(select(Product.sku, Product.price_minor)).all())
    assert prices["CHOC-1"] == 395  # its franc price, not the 3.20 of the other stores
    assert prices["TEA-1"] == 200  # not listed in CHF: the chain's one price


def test_bad_price_list_entries_are_refused(capsys, hub_db_url: str, hub, tmp_path: Path) -> None:
    import_catalog(hub.db, write_csv(tmp_path / "c.csv"))
    with pytest.raises(Invalid, match="not an ISO 4217 currency"):
        set_price(hub, "CHOC-1", "XYZ", "1.00")
    with pytest.raises(Invalid, match="not a valid CHF amount"):
        set_price(hub, "CHOC-1", "CHF", "3.955")
    with pytest.raises(Invalid, match="not a valid JPY amount"):
        set_price(hub, "CHOC-1", "JPY", "350.5")
    with pytest.raises(Invalid, match="larger than a till can record"):
        set_price(hub, "CHOC-1", "CHF", "9" * 18)
    with pytest.raises(NotFound):
        set_price(hub, "NOPE", "CHF", "1.00")
    code, out, err = run_hub(
        capsys, "set-price", "--db", hub_db_url, "--sku", "CHOC-1", "--currency", "JPY",
        "--price", "350",
    )  # fmt: skip
    assert code == 0, err
    assert "JPY 350" in out
    code, _, err = run_hub(
        capsys, "set-price", "--db", hub_db_url, "--sku", "CHOC-1", "--currency", "EURO",
        "--price", "1",
    )  # fmt: skip
    assert code != 0
    assert "not an ISO 4217 currency" in err
