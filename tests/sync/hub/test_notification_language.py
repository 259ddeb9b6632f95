"""Mails to a customer are in the customer's language when the web store says it and the hub
has it, else in the store's: through a real hub over HTTP (SQLite and PostgreSQL) and a REAL
local SMTP server (aiosmtpd), for orders from the web-order API and from Shopify's webhook."""

from __future__ import annotations

from email.message import Message
from typing import Any

from sqlalchemy import func, select

from sync.hub import shopify_webhooks
from sync.hub.models import Product, WebOrderRow
from tests.helpers.hub import HubUnderTest, eventually
from tests.helpers.hub_calls import send
from tests.helpers.mail import Inbox, start_smtp, text_of
from tests.helpers.shopify import SECRET, SHOP, as_pickup, sample, send_webhook
from tests.helpers.web_orders import STORE, event, order

NBSP, NNBSP = "\u00a0", "\u202f"
# Two T-shirts at 600.00 and a coffee at 34.50: 1 234,50 € to pay in store, an amount with a
# thousands separator, which German and French write differently.
LINES = [
    {"sku": "TSH-1", "name": "T-Shirt", "quantity_milli": 2000, "unit_price_minor": 60000},
    {"sku": "COF-1", "name": "Coffee", "quantity_milli": 1000, "unit_price_minor": 3450},
]
LINE_DISCOUNT = "order_1073459981_line_discount.json"  # Shopify's sample: 181.09 USD


def ordered(hub: HubUnderTest, number: str, **changes: Any) -> dict[str, Any]:
    body = order(number, lines=LINES, payment_status="pay_in_store", **changes)
    answer = hub.admin.post("/v1/web-orders", json=body)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()["order"]
    return created


def mails_when_ready(hub: HubUnderTest, inbox: Inbox, port: int, *numbers: str) -> list[Message]:
    """A till makes each order ready; the mails the SMTP server got for them, in that order."""
    till, _ = hub.enroll(STORE)
    controller = start_smtp(inbox, port)
    try:
        for number in numbers:
            ready = (event(number, "picking"), event(number, "ready"))
            assert send(till, *ready) == ["accepted", "accepted"]
        eventually(lambda: len(inbox.received()) == len(numbers), 10.0, "one mail per order")
    finally:
        controller.stop()
    by_subject = [message for _, message in inbox.received()]
    return [next(m for m in by_subject if n in str(m["Subject"])) for n in numbers]


def test_a_german_customer_of_the_paris_store_reads_german_with_german_amounts(
    mailing_hub: HubUnderTest, inbox: Inbox, smtp_port: int
) -> None:
    mailing_hub.add_store(STORE, locale="fr_FR")  # the French demo store, in euros
    assert ordered(mailing_hub, "W-DE", customer_locale="de")["customer_locale"] == "de"
    assert ordered(mailing_hub, "W-FR")["customer_locale"] is None
    assert ordered(mailing_hub, "W-AT", customer_locale="de-AT")["customer_locale"] == "de_AT"
    assert ordered(mailing_hub, "W-IT", customer_locale="it")["customer_locale"] == "it"
    german, french, austrian, italian = mails_when_ready(
        mailing_hub, inbox, smtp_port, "W-DE", "W-FR", "W-AT", "W-IT"
    )
    assert german["Subject"] == f"Ihre Bestellung W-DE liegt zur Abholung in Store {STORE} bereit"
    assert text_of(german).startswith("Hallo Ann,")
    assert f"Sie zahlen in der Filiale: 1.234,50{NBSP}€." in text_of(german)
    # No language said: the store's French, and its way with amounts.
    assert french["Subject"] == f"Votre commande W-FR est prête à retirer à Store {STORE}"
    assert f"Vous payez en magasin : 1{NNBSP}234,50{NBSP}€." in text_of(french)
    # German words, Austrian formats, the order's euros.
    assert f"Sie zahlen in der Filiale: €{NBSP}1.234,50." in text_of(austrian)
    # No Italian messages: the store's French.
    assert italian["Subject"] == f"Votre commande W-IT est prête à retirer à Store {STORE}"


def test_a_tag_that_is_no_language_is_a_clear_422_and_stores_nothing(
    running_hub: HubUnderTest,
) -> None:
    running_hub.add_store(STORE, locale="fr_FR")
    body = order("W-BAD", customer_locale="xx-garbage")
    answer = running_hub.admin.post("/v1/web-orders", json=body)
    assert answer.status_code == 422, answer.text
    (problem,) = answer.json()["detail"]
    assert problem["loc"] == ["body", "customer_locale"]
    assert (
        "'xx-garbage' is not a language OmniTill knows; use one such as fr or fr-CA."
        in (problem["msg"])
    )
    with running_hub.hub.db.read() as session:
        assert session.execute(select(func.count()).select_from(WebOrderRow)).scalar_one() == 0


def test_a_shopify_customer_who_shopped_in_french_gets_a_french_mail(
    mailing_hub: HubUnderTest, inbox: Inbox, smtp_port: int
) -> None:
    mailing_hub.add_store(STORE, currency="USD", locale="en_US")  # an American shop's store
    with mailing_hub.hub.db.write() as session:
        session.add(Product(sku="IPOD2009BLACK", name="iPod", department="Audio",
                            tax_class="standard", price_minor=19900, sold_by_weight=False,
                            active=True, barcodes=""))  # fmt: skip
    shopify_webhooks.add_shop(mailing_hub.hub, shop_domain=SHOP, secret=SECRET, store_id=STORE)
    french = as_pickup(sample(LINE_DISCOUNT)) | {
        "customer_locale": "fr",
        "financial_status": "pending",  # paid at the till: the mail says how much
    }
    chinese = french | {"id": french["id"] + 1, "name": "#1003", "customer_locale": "zh-TW"}
    for document in (french, chinese):
        answer = send_webhook(mailing_hub.base_url, "orders/create", document)
        assert answer.status_code == 200, answer.text
        assert answer.json()["status"] == "applied"
    in_french, in_english = mails_when_ready(
        mailing_hub, inbox, smtp_port, "SHOP-1002", "SHOP-1003"
    )
    assert in_french["Subject"] == f"Votre commande SHOP-1002 est prête à retirer à Store {STORE}"
    assert f"Vous payez en magasin : 181,09{NBSP}$US." in text_of(in_french)
    # No Chinese messages: the store's English.
    assert in_english["Subject"] == f"Your order SHOP-1003 is ready for pickup at Store {STORE}"
    assert "You pay in store: $181.09." in text_of(in_english)
