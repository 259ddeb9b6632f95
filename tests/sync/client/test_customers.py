"""A till creates and finds customers with a real hub: online at once (409 → the existing one
offered), offline queued as a customer.created event that the hub applies once when it syncs,
and look-ups answered from this till's recent customers while the hub is down."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_app.services.customers import directory as svc
from pos_app.services.customers.directory import (
    CustomerCache,
    CustomerExistsError,
    LoyaltyCardFormat,
)
from sync.client.lookups import HubLookups
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually


def lookups_of(till: EnrolledTill) -> HubLookups:
    return HubLookups.connect(till.config.hub_url, till.config.token)


def test_created_online_at_once_and_a_known_email_offers_the_existing_one(
    enrolled_till: EnrolledTill,
) -> None:
    lookups = lookups_of(enrolled_till)
    try:
        ann = svc.create_at_hub(lookups, svc.new_customer("Ann Lee", "ann@example.com", ""))
        assert ann.hub_ref is not None
        with pytest.raises(CustomerExistsError, match="already exists") as caught:
            svc.create_at_hub(lookups, svc.new_customer("Ann L.", "ANN@example.com", ""))
        assert caught.value.existing == ann
        query = svc.parse_query("ann@example.com", LoyaltyCardFormat())
        assert svc.search_hub(lookups, query) == [ann]
    finally:
        lookups.close()


def test_created_offline_is_queued_then_created_once_at_the_hub(
    enrolled_till: EnrolledTill,
) -> None:
    hub, cache = enrolled_till.hub, CustomerCache()
    new = svc.new_customer("Bo Chen", "bo@example.com", "+44 7700 900123")
    hub.stop()
    lookups = lookups_of(enrolled_till)
    try:
        with pytest.raises(svc.OFFLINE_ERRORS):
            svc.create_at_hub(lookups, new)
        with enrolled_till.write.begin() as session:  # what the till does then: queue it
            bo = svc.queue_created(
                session, new, store_id=TILL_STORE, now=datetime.now(UTC), cache=cache
            )
        # Still offline: this till's recent customers answer the look-up.
        query = svc.parse_query("+44 7700 900123", LoyaltyCardFormat())
        with pytest.raises(svc.OFFLINE_ERRORS):
            svc.search_hub(lookups, query)
        with enrolled_till.read() as session:
            assert cache.find(session, query) == [bo]

        hub.start()
        sync = enrolled_till.sync()
        sync.start()
        eventually(lambda: len(enrolled_till.hub_event_ids()) == 1, 15.0, "the event at the hub")
        found = svc.search_hub(lookups, query)
        assert [(c.name, c.email) for c in found] == [("Bo Chen", "bo@example.com")]
        assert found[0].hub_ref is not None
        # Seen online now: the cache row gets the hub id and is no longer pending.
        with enrolled_till.write.begin() as session:
            cache.remember(session, found, datetime.now(UTC))
        with enrolled_till.read() as session:
            [cached] = cache.find(session, query)
        assert cached.hub_ref == found[0].hub_ref
        assert not cached.pending
    finally:
        lookups.close()
