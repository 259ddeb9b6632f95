"""Across the seam (issue 16 point 10): a customer created at the hub is looked up at a till
over real HTTP, attached to a sale, and the sale the till pushes names the same customer at the
hub, by the opaque ref only."""

from __future__ import annotations

import json

from sqlalchemy import select

from pos_app.db.models import OutboxEvent, Sale
from pos_app.services.customers import directory as svc
from pos_app.services.customers.directory import LoyaltyCardFormat
from pos_app.services.promotions.store_promotions import PromotionService
from sync.client.lookups import HubLookups
from sync.hub.models import Customer, CustomerSale
from tests.helpers.hub import EnrolledTill, eventually
from tests.helpers.promotions import sell_to


def test_customer_made_at_the_hub_is_found_at_a_till_sold_to_and_named_at_the_hub(
    enrolled_till: EnrolledTill,
) -> None:
    spec = {"email": "dee@example.com", "name": "Dee", "loyalty_card": "LOY00077777"}
    created = enrolled_till.hub.admin.post("/v1/customers", json=spec)  # head office
    assert created.status_code == 201, created.text
    ref = created.json()["ref"]

    config = enrolled_till.config
    lookups = HubLookups.connect(config.hub_url, config.token)
    try:
        query = svc.parse_query("LOY00077777", LoyaltyCardFormat())
        [dee] = svc.search_hub(lookups, query, "A1")
    finally:
        lookups.close()
    assert dee.hub_ref == ref

    sale = sell_to(enrolled_till.write, dee, PromotionService())
    with enrolled_till.read() as session:
        assert session.scalar(select(Sale.customer_ref).where(Sale.uuid == sale.sale_uuid)) == ref
        payload = json.loads(
            session.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "sale.completed"))
            .one()
        )  # fmt: skip
    assert payload["customer_ref"] == ref
    assert "customer_id" not in payload

    enrolled_till.sync().start()
    hub = enrolled_till.hub.hub

    def linked() -> bool:
        with hub.db.read() as session:
            return session.get(CustomerSale, sale.sale_uuid) is not None

    eventually(linked, 15.0, "the sale linked to its customer at the hub")
    with hub.db.read() as session:
        row = session.get(CustomerSale, sale.sale_uuid)
        assert row is not None
        customer = session.get(Customer, row.customer_id)
        assert customer is not None
        assert (customer.public_id, customer.email) == (ref, "dee@example.com")
        assert row.receipt_no == sale.receipt_no
