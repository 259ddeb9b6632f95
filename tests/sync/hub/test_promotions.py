"""Promotions authored at the hub are checked with the till's parser before anything is stored,
and a good one reaches the till through the feed and prices a real sale and its receipt."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.cli import main
from pos_app.db.catalog_repo import SqlCatalog
from pos_app.db.models import PromotionRow
from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.money import Money
from pos_app.domain.receipt import render_text
from pos_app.domain.sale.tenders import Tender, TenderKind
from pos_app.services.promotions.store_promotions import PromotionService
from pos_app.services.sale.checkout import CheckoutService
from pos_app.services.store.till_context import load_till_context
from sync.hub.models import FeedRow, Promotion
from tests.helpers.hub import EnrolledTill, HubUnderTest, StatusRecorder

COFFEE = "4006381333931"  # Arabica coffee, 8.99, department grocery (tests/conftest.py)
GOOD = {"kind": "percent", "value": "10", "department": "grocery"}


def stored_promotions(hub: HubUnderTest) -> tuple[int, int]:
    with hub.hub.db.read() as session:
        rows = session.scalar(select(func.count()).select_from(Promotion))
        fed = session.scalar(
            select(func.count()).select_from(FeedRow).where(FeedRow.kind == "promotion")
        )
    return int(rows or 0), int(fed or 0)


@pytest.mark.parametrize(
    ("rules", "named"),
    [
        ({"kind": "percent", "value": "150", "sku": "A"}, "'value' must be more than 0"),
        ({"kind": "percent", "value": 10.5, "sku": "A"}, "'value' must be a number"),
        ({"kind": "multi_buy", "quantity": 3, "price": "10.00"}, "needs 'skus' or"),
        ({"kind": "x_for_y", "x": 2}, "unknown kind 'x_for_y'"),
        ({"kind": "percent", "value": "10", "colour": "red"}, "unknown rule keys: colour"),
        ({"kind": "amount", "value": "1.005"}, "'value' has more decimals than EUR"),
    ],
)
def test_admin_endpoint_refuses_bad_rules_and_stores_nothing(
    running_hub: HubUnderTest, rules: dict[str, object], named: str
) -> None:
    running_hub.add_store("s1")
    answer = running_hub.admin.put(
        "/v1/admin/promotions", json={"promo_id": "BAD", "name": "Bad", "rules": rules}
    )
    assert answer.status_code == 422, answer.text
    assert named in answer.json()["detail"]
    assert stored_promotions(running_hub) == (0, 0)


def test_chain_wide_promotion_is_checked_in_every_currency(running_hub: HubUnderTest) -> None:
    running_hub.add_store("eu")
    running_hub.add_store("jp", currency="JPY", cash_rounding_step="1")
    cents = {"kind": "amount", "value": "0.50"}  # fine in EUR, no such amount in yen
    chain = running_hub.admin.put(
        "/v1/admin/promotions", json={"promo_id": "C1", "name": "50c off", "rules": cents}
    )
    assert chain.status_code == 422
    assert "(JPY)" in chain.json()["detail"]
    assert "'value' has more decimals than JPY" in chain.json()["detail"]
    only_eu = running_hub.admin.put(
        "/v1/admin/promotions",
        json={"promo_id": "C1", "name": "50c off", "store_id": "eu", "rules": cents},
    )
    assert only_eu.status_code == 204, only_eu.text
    assert stored_promotions(running_hub) == (1, 1)


def test_a_promotion_in_a_currency_a_store_does_not_sell_in_is_refused(
    running_hub: HubUnderTest,
) -> None:
    running_hub.add_store("eu")
    running_hub.add_store("ch", currency="CHF", cash_rounding_step="0.05")
    euros = {"kind": "amount", "value": "2.00"}

    def put(**spec: object) -> object:
        body = {"promo_id": "P1", "name": "2 off", "rules": euros, "currency": "EUR", **spec}
        return running_hub.admin.put("/v1/admin/promotions", json=body)

    for refused in (put(store_id="ch"), put()):  # for the Swiss store, or chain-wide
        assert refused.status_code == 422, refused.text
        body = refused.json()
        assert body["code"] == "promotion.wrong_currency"
        assert body["detail"] == (
            "store ch sells in CHF: promotion P1 with amounts in EUR cannot run there"
        )
    assert stored_promotions(running_hub) == (0, 0)
    assert put(store_id="eu").status_code == 204
    assert stored_promotions(running_hub) == (1, 1)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["hub", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_promo_cli_refuses_with_exit_2_and_reads_yaml(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hub_db_url: str, hub: object
) -> None:
    assert (
        run_cli(capsys, "add-store", "--db", hub_db_url, "--store", "s1", "--name", "One")[0] == 0
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: multi_buy\nquantity: 3\nprice: 10.5\nsku: COF\n", encoding="utf-8")
    code, _, err = run_cli(
        capsys, "add-promo", "--db", hub_db_url, "--id", "P1", "--name", "3 for 10",
        "--rules", f"@{bad}",
    )  # fmt: skip
    assert code == 2
    assert "promotion refused" in err
    assert "'price' must be a number written as a string" in err
    garbage = tmp_path / "garbage.yml"
    garbage.write_text("kind: [unclosed\n", encoding="utf-8")
    code, _, err = run_cli(
        capsys, "add-promo", "--db", hub_db_url, "--id", "P1", "--name", "x",
        "--rules", f"@{garbage}",
    )  # fmt: skip
    assert (code, "garbage.yml is not YAML" in err) == (2, True)
    code, _, err = run_cli(
        capsys, "add-promo", "--db", hub_db_url, "--id", "P1", "--name", "x",
        "--store", "s1", "--rules", '{"kind": "percent"}',
    )  # fmt: skip
    assert (code, "'value' must be a number" in err) == (2, True)
    good = tmp_path / "good.yaml"
    good.write_text(
        "kind: multi_buy\nquantity: 3\nprice: '10.00'\nsku: COF\nstacking: compound\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(
        capsys, "add-promo", "--db", hub_db_url, "--id", "P1", "--name", "3 for 10",
        "--rules", f"@{good}",
    )  # fmt: skip
    assert code == 0, err
    assert "promotion P1 saved" in out
    from sync.hub.db import HubDatabase

    db = HubDatabase(hub_db_url)
    try:
        with db.read() as session:
            row = session.get(Promotion, "P1")
            assert row is not None
            assert '"price":"10.00"' in row.data.replace(" ", "")
    finally:
        db.dispose()


def test_good_promotion_reaches_the_till_and_its_receipt(enrolled_till: EnrolledTill) -> None:
    hub = enrolled_till.hub
    refused = hub.admin.put(
        "/v1/admin/promotions",
        json={"promo_id": "TYPO", "name": "Typo", "rules": {**GOOD, "value": "0"}},
    )
    assert refused.status_code == 422
    answer = hub.admin.put(
        "/v1/admin/promotions",
        json={
            "promo_id": "WEB-COFFEE",
            "name": "Online deal: 10% off grocery",
            "store_id": "store-1",
            "ends_at": "2030-01-01T00:00:00Z",
            "rules": GOOD,
        },
    )
    assert answer.status_code == 204, answer.text
    sync = enrolled_till.sync()
    recorder = StatusRecorder()
    sync.add_listener(recorder)
    sync.start()
    recorder.wait_for(lambda s: s.feed is not None and not s.feed.catching_up, 10.0)
    with enrolled_till.read() as session:
        assert session.get(PromotionRow, "TYPO") is None
        assert session.get(PromotionRow, "WEB-COFFEE") is not None

    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    with enrolled_till.write.begin() as session:
        ctx = load_till_context(session)
        basket = ctx.new_basket()
        basket.add_by_barcode(
            COFFEE, SqlCatalog(session, ctx.currency), VariableMeasureConfig.default()
        )
        done = CheckoutService(
            clock=lambda: now, promotions=PromotionService(tz=UTC)
        ).complete_sale(
            session,
            basket=basket,
            tenders=[Tender(TenderKind.CASH, Money.of("20", ctx.currency))],
            cashier="alice",
            context=ctx,
        )
    assert done.totals.promotion_total.to_minor() == 90  # 10 % of 8.99, to the cent
    text = render_text(done.receipt)
    assert "Online deal: 10% off grocery" in text
    assert "-0.90" in text
