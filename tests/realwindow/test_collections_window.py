"""A web order collected at the real till: picked by scanning, handed over, paid in store.

The real ``omnitill demo`` on Xvfb, driven by xdotool only (issue 15's acceptance suite: "picks
a web order by scanning its order barcode and hands it over"). What it checks is what the store
finds afterwards: the order collected in the till's database, the payment a sale of its own, the
collection receipt on the printer's paper roll.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.realwindow import (
    RealWindows,
    local_status,
    pay_in_store_order,
    pick_by_scanning,
    ready_and_hand_over,
)

pytestmark = [pytest.mark.realwindow, pytest.mark.slow]
DEMO = ("demo", "--products", "300", "--web-order-every", "2")


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_a_web_order_is_picked_by_scanning_and_handed_over_paid_in_store(
    realwindows: RealWindows, size: tuple[int, int], tmp_path: Path
) -> None:
    x = realwindows.xserver(*size)
    till = realwindows.till(x, *DEMO)
    till.sign_in("1111")
    number, units = pay_in_store_order(till)
    pick_by_scanning(till, number, units)  # its barcode (capitals, Shift), then every unit
    ready_and_hand_over(till, number, "ID checked")
    till.wait_screen("tenderPanel")  # paid in store: the order's payment on the tender panel
    till.key("Return", "F12")  # the exact amount in cash, then take payment and hand over
    till.wait_for(lambda: local_status(till, number) == "collected", f"{number} collected")
    [(note, sale_uuid)] = till.query(
        "SELECT identity_note, sale_uuid FROM collection_orders WHERE order_number = ?", number
    )
    assert note == "ID checked"
    [(total, rounding, paid, change)] = till.query(
        "SELECT total_minor, rounding_minor, paid_minor, change_minor FROM sales WHERE uuid = ?",
        sale_uuid,
    )
    assert (paid, change) == (total + rounding, 0)  # exact cash
    receipt = f"ORDER {number}"  # the collection receipt: the order and what is left
    till.wait_for(
        lambda: receipt in till.printed() and "nothing left to collect" in till.printed(),
        f"the collection receipt for {number} on the printer's paper",
    )
    x.screenshot(tmp_path / "handed-over.png")
