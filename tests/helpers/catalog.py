"""The seeded till's tiny catalog (the `seeded` fixture in tests/conftest.py) and its barcodes.

Known prices, so that expected totals can be worked out by hand.
"""

from __future__ import annotations

SMALL_CATALOG = (
    # sku, name, department, tax class, price minor, by weight, barcodes
    ("COF-1", "Arabica Coffee Beans 500 g", "grocery", "reduced", 899, False, ("4006381333931",)),
    ("MLK-1", "Whole Milk 1 L", "dairy", "reduced", 119, False, ("96385074",)),
    ("TSH-1", "Cotton T-Shirt M", "clothing", "standard", 1500, False, ("0036000291452",)),
    ("BAN-1", "Bananas", "produce", "reduced", 199, True, ("2100001000004",)),
    ("BAT-1", "AA Batteries 4-pack", "household", "standard", 549, False, ("5012345678900",)),
)

COFFEE = "4006381333931"  # COF-1, 8.99, grocery, reduced rate
MILK = "96385074"  # MLK-1, 1.19, dairy, reduced rate
TSHIRT = "0036000291452"  # TSH-1, 15.00, clothing, standard rate
BATTERIES = "5012345678900"  # BAT-1, 5.49, household, standard rate
STORE = "store-1"  # the seeded till's store
