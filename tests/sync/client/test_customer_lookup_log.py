"""Customer look-ups are logged at the hub with the till and the signed-in staff (issue 16
point 10), through the till's own look-up client over HTTP."""

from __future__ import annotations

from sqlalchemy import select

from pos_app.services.customers.directory import (
    CustomerQuery,
    QueryKind,
    history_at_hub,
    search_hub,
)
from sync.client.lookups import HubLookups
from sync.hub.models import CustomerLookup
from sync.protocol import CustomerCreate
from tests.helpers.hub import EnrolledTill


def test_each_customer_look_up_names_the_till_and_the_staff(enrolled_till: EnrolledTill) -> None:
    config = enrolled_till.config
    lookups = HubLookups.connect(config.hub_url, config.token)
    try:
        made = lookups.create_customer(CustomerCreate(email="ida@example.com", name="Ida"))
        [found] = search_hub(lookups, CustomerQuery(QueryKind.EMAIL, "ida@example.com"), "A1")
        assert history_at_hub(lookups, found, "A1") is not None
        assert search_hub(lookups, CustomerQuery(QueryKind.PHONE, "+44 000"), None) == []
    finally:
        lookups.close()
    with enrolled_till.hub.hub.db.read() as session:
        rows = session.scalars(select(CustomerLookup).order_by(CustomerLookup.id)).all()
        logged = [(r.caller, r.staff_code, r.query, r.customer_ids) for r in rows]
    till = f"till {config.till_id}"
    assert logged == [
        (till, "A1", "email", made.ref),
        (till, "A1", "history", made.ref),
        (till, None, "phone", ""),
    ]
