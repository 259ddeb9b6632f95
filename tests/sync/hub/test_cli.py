"""`omnitill hub …`: head-office commands on a real database, and `hub serve` as a process."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.domain.staff.credentials import PinHasher
from sync.hub import credentials, headoffice
from sync.hub.errors import Invalid
from sync.hub.models import FeedRow, Product, Staff, StockLevel, Store, WebOrderRow
from tests.helpers.hub_calls import run_hub
from tests.helpers.net import unused_port, wait_for_health


def write_catalog(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def catalog_rows(count: int, price: str = "1.99") -> list[dict[str, str]]:
    return [
        {
            "sku": f"SKU-{i:05d}",
            "name": f"Product {i}",
            "price": price,
            "department": "grocery",
            "tax_class": "reduced",
            "barcodes": f"379{i:010d} 380{i:010d}" if i % 3 == 0 else "",
            "sold_by_weight": "1" if i % 10 == 0 else "0",
        }
        for i in range(count)
    ]


def test_init_store_enroll_code_and_revoke(capsys, hub_db_url: str, hub) -> None:
    code, out, err = run_hub(capsys, "init", "--db", hub_db_url)
    assert code == 0, err
    assert out.strip().startswith(credentials.ADMIN_TOKEN_PREFIX)
    assert (
        run_hub(capsys, "add-store", "--db", hub_db_url, "--store", "s1", "--name", "One")[0] == 0
    )
    code, out, _ = run_hub(capsys, "enroll-code", "--db", hub_db_url, "--store", "s1")
    assert code == 0
    assert len(credentials.normalise_code(out.strip())) == credentials.ENROLL_CODE_LENGTH
    code, _, err = run_hub(capsys, "enroll-code", "--db", hub_db_url, "--store", "nope")
    assert code == 1
    assert "no store 'nope'" in err
    code, _, err = run_hub(capsys, "revoke", "--db", hub_db_url, "--till", "s1-T999")
    assert code == 1
    assert "no till" in err


def test_add_store_sets_the_store_locale_and_refuses_an_unknown_one(
    capsys, hub_db_url: str, hub
) -> None:
    args = ("add-store", "--db", hub_db_url, "--store", "paris", "--name", "Paris")
    code, _, err = run_hub(capsys, *args, "--locale", "fr-fr")
    assert code == 0, err
    with hub.db.read() as session:
        assert session.get(Store, "paris").locale == "fr_FR"
        feed = session.scalars(select(FeedRow).where(FeedRow.kind == "store")).all()
        assert [json.loads(row.data)["locale"] for row in feed] == ["fr_FR"]  # tills get it
    code, _, err = run_hub(capsys, *args, "--locale", "klingon")
    assert code != 0
    assert "locale" in err
    with hub.db.read() as session:
        assert session.get(Store, "paris").locale == "fr_FR"  # unchanged


def test_import_catalog_writes_products_and_feed_rows(capsys, tmp_path, hub_db_url, hub) -> None:
    path = write_catalog(tmp_path / "catalog.csv", catalog_rows(1_234))
    code, out, err = run_hub(capsys, "import-catalog", "--db", hub_db_url, str(path))
    assert code == 0, err
    assert "1,234 rows, 1,234 new or changed" in out
    assert "1,234/1,234" in err  # the progress bar
    with hub.db.read() as session:
        assert session.execute(select(func.count()).select_from(Product)).scalar_one() == 1_234
        feed_rows = session.execute(select(FeedRow).where(FeedRow.kind == "product")).scalars()
        data = {row.key: json.loads(row.data) for row in feed_rows}
    assert len(data) == 1_234
    assert data["SKU-00003"] == {
        "sku": "SKU-00003",
        "name": "Product 3",
        "department": "grocery",
        "tax_class": "reduced",
        "price_minor": 199,
        "sold_by_weight": False,
        "active": True,
        "barcodes": ["3790000000003", "3800000000003"],
        "prices": {},  # no price list in another currency (hub price_lists.py)
    }
    assert data["SKU-00010"]["sold_by_weight"] is True
    assert data["SKU-00001"]["barcodes"] == []

    # Re-importing: only the changed rows become new feed rows.
    rows = catalog_rows(1_234)
    rows[5]["price"] = "2.49"
    write_catalog(path, rows)
    code, out, _ = run_hub(capsys, "import-catalog", "--db", hub_db_url, str(path), "--quiet")
    assert code == 0
    assert "1 new or changed" in out
    with hub.db.read() as session:
        assert session.get(Product, "SKU-00005").price_minor == 249  # type: ignore[union-attr]


def test_a_bad_catalog_changes_nothing_and_names_the_lines(capsys, tmp_path, hub_db_url) -> None:
    rows = catalog_rows(10)
    rows[3]["price"] = "cheap"
    rows[7]["sku"] = "has space"
    path = write_catalog(tmp_path / "bad.csv", rows)
    code, _, err = run_hub(capsys, "import-catalog", "--db", hub_db_url, str(path))
    assert code == 1
    assert "line 5: price 'cheap' is not a number" in err
    assert "line 9: sku 'has space'" in err
    missing = tmp_path / "header.csv"
    missing.write_text("code,title\nA,B\n", encoding="utf-8")
    code, _, err = run_hub(capsys, "import-catalog", "--db", hub_db_url, str(missing))
    assert code == 1
    assert "header lacks" in err


def test_set_stock_add_promo_add_staff(capsys, tmp_path, hub_db_url, hub) -> None:
    run_hub(capsys, "add-store", "--db", hub_db_url, "--store", "s1", "--name", "One")
    code, out, _ = run_hub(
        capsys, "set-stock", "--db", hub_db_url, "--store", "s1", "--sku", "A", "--quantity", "2.5"
    )
    assert code == 0
    assert "2.5" in out
    rules = tmp_path / "rules.json"
    rules.write_text('{"kind": "buy_x_get_y", "buy": 2, "get": 1, "sku": "A"}', encoding="utf-8")
    code, _, err = run_hub(
        capsys, "add-promo", "--db", hub_db_url, "--id", "P1", "--name", "3 for 2",
        "--rules", f"@{rules}",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run_hub(
        capsys, "add-promo", "--db", hub_db_url, "--id", "P2", "--name", "x", "--rules", "[1]"
    )
    assert code == 2
    assert "JSON object" in err
    code, _, err = run_hub(
        capsys, "add-staff", "--db", hub_db_url, "--store", "s1", "--code", "alice",
        "--name", "Alice", "--role", "manager", "--pin", "4821",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run_hub(
        capsys, "add-staff", "--db", hub_db_url, "--store", "s1", "--code", "bob",
        "--name", "Bob", "--role", "associate", "--pin", "12",
    )  # fmt: skip
    assert code == 1
    assert "4 to 8 digits" in err
    with hub.db.read() as session:
        level = session.get(StockLevel, ("s1", "A"))
        assert level is not None
        assert level.quantity_milli == 2500
        staff = session.execute(select(Staff)).scalar_one()
    assert staff.pin_hash.startswith("$argon2id$")
    assert "4821" not in staff.pin_hash
    assert PinHasher().verify("4821", staff.pin_hash)
    assert not PinHasher().verify("4822", staff.pin_hash)


def test_simulate_web_orders_stops_at_its_count(capsys, tmp_path, hub_db_url, hub) -> None:
    run_hub(capsys, "add-store", "--db", hub_db_url, "--store", "s1", "--name", "One")
    code, _, err = run_hub(
        capsys, "simulate-web-orders", "--db", hub_db_url, "--store", "s1", "--count", "2"
    )
    assert code == 1
    assert "import-catalog" in err
    path = write_catalog(tmp_path / "c.csv", catalog_rows(50))
    run_hub(capsys, "import-catalog", "--db", hub_db_url, str(path), "--quiet")
    code, out, err = run_hub(
        capsys, "simulate-web-orders", "--db", hub_db_url, "--store", "s1", "--rate", "200",
        "--count", "5", "--seed", "3",
    )  # fmt: skip
    assert code == 0, err
    assert len(out.splitlines()) == 5
    with hub.db.read() as session:
        orders = session.execute(select(WebOrderRow)).scalars().all()
    assert len(orders) == 5
    assert {o.store_id for o in orders} == {"s1"}
    assert all(o.total_minor > 0 for o in orders)


def test_bad_database_url_is_one_clear_line(capsys) -> None:
    code, _, err = run_hub(capsys, "init", "--db", "mysql://nope")
    assert code == 1
    assert "unsupported database" in err


def test_hub_serve_runs_uvicorn(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    port = unused_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_app.cli", "hub", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert wait_for_health(process, port) == {"status": "ok"}
        assert (tmp_path / "served.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


def test_add_staff_knows_the_till_roles_and_refuses_others(capsys, hub_db_url, hub) -> None:
    run_hub(capsys, "add-store", "--db", hub_db_url, "--store", "s1", "--name", "One")
    code, _, err = run_hub(
        capsys, "add-staff", "--db", hub_db_url, "--store", "s1", "--code", "sam",
        "--name", "Sam", "--role", "supervisor", "--pin", "4821",
    )  # fmt: skip
    assert code == 0, err  # the till has supervisors; head office can now add them
    known = r"\(known: associate, .*manager\)"
    with pytest.raises(Invalid, match=rf"Unknown staff role cashier {known}"):
        headoffice.add_staff(
            hub, store_id="s1", staff_code="cy", name="Cy", role="cashier", pin="4821"
        )
    with hub.db.read() as session:
        assert [(s.staff_code, s.role) for s in session.scalars(select(Staff))] == [
            ("sam", "supervisor")
        ]
