"""`omnitill hub add-shop | shopify-flags | shopify-refunds` on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.cli import main
from sync.hub.models import ShopifyShop


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["hub", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_shop_reads_the_secret_from_a_file_and_refuses_bad_input(
    capsys, hub_db_url: str, hub, tmp_path: Path
) -> None:
    db = ("--db", hub_db_url)
    assert run(capsys, "add-store", *db, "--store", "s1", "--name", "One")[0] == 0
    secret = tmp_path / "secret"
    secret.write_text("shpss_abcdef0123456789\n", encoding="utf-8")
    shop = ("--shop-domain", "Example.myshopify.com", "--secret-file", str(secret))
    bad = [
        (("--shop-domain", "not a domain", "--secret-file", str(secret), "--store", "s1"),
         "not a shop domain"),
        (("--shop-domain", "x.myshopify.com", "--secret-file", str(tmp_path / "missing"),
          "--store", "s1"), "cannot read the secret file"),
        ((*shop, "--store", "nope"), "no store 'nope'"),
    ]  # fmt: skip
    for argv, message in bad:
        code, _, err = run(capsys, "add-shop", *db, *argv)
        assert (code, message in err) == (1, True), err
    with hub.db.read() as session:
        assert session.scalars(select(ShopifyShop)).all() == []
    code, out, err = run(capsys, "add-shop", *db, *shop, "--store", "s1")
    assert code == 0, err
    assert "connected" in out
    with hub.db.read() as session:
        saved = session.scalars(select(ShopifyShop)).one()
    assert (saved.shop_domain, saved.webhook_secret) == ("example.myshopify.com",
                                                         "shpss_abcdef0123456789")  # fmt: skip
    code, out, _ = run(capsys, "shopify-flags", *db)
    assert (code, out.splitlines()[0]) == (0, "0 Shopify webhook(s) to review")
    assert run(capsys, "shopify-refunds", *db, "--limit", "0")[0] == 1
