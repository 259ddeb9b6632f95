"""Records leaving a store's scope leave its tills (issue 16 point 8), through the real feed.

A promotion moved to another store, or removed at head office, stops being sold at the old
store's tills; a person removed from the store can no longer sign in there.
"""

from __future__ import annotations

from sqlalchemy import select

from pos_app.db.models import PromotionRow
from pos_app.db.models import Staff as TillStaff
from pos_app.services.staff.auth import AuthService
from sync.hub import headoffice, tenancy
from sync.protocol import PromotionIn, StoreIn
from tests.helpers.hub import TILL_STORE, EnrolledTill, eventually


def promo(promo_id: str, store: str | None) -> PromotionIn:
    return PromotionIn(
        promo_id=promo_id,
        name=f"2 for 1 {promo_id}",
        store_id=store,
        rules={"kind": "buy_x_get_y", "buy": 1, "get": 1, "sku": "COF-1"},
    )


def promotions_at(till: EnrolledTill) -> set[str]:
    with till.read() as session:
        return set(session.scalars(select(PromotionRow.promo_id)))


def test_moved_and_removed_promotions_leave_the_old_stores_tills(
    enrolled_till: EnrolledTill,
) -> None:
    hub = enrolled_till.hub.hub
    tenancy.upsert_store(hub, StoreIn(store_id="store-2", name="Two"))
    headoffice.add_promotion(hub, promo("MOVE", TILL_STORE))
    headoffice.add_promotion(hub, promo("CHAIN", None))
    headoffice.add_promotion(hub, promo("GONE", TILL_STORE))
    enrolled_till.sync(feed_wait=0.2).start()
    eventually(lambda: promotions_at(enrolled_till) == {"MOVE", "CHAIN", "GONE"}, 10, "promos")

    headoffice.add_promotion(hub, promo("MOVE", "store-2"))  # moved to another store
    headoffice.remove_promotion(hub, "GONE")  # ended at head office
    headoffice.add_promotion(hub, promo("CHAIN", TILL_STORE))  # chain-wide -> this store only

    def chain_scope() -> str | None:
        with enrolled_till.read() as session:
            chain = session.get(PromotionRow, "CHAIN")
            return None if chain is None else chain.store_id

    eventually(lambda: chain_scope() == TILL_STORE, 10, "the chain promotion narrowed")
    eventually(lambda: promotions_at(enrolled_till) == {"CHAIN"}, 10, "the tombstones")


def test_a_person_removed_from_the_store_no_longer_signs_in(enrolled_till: EnrolledTill) -> None:
    hub = enrolled_till.hub.hub
    headoffice.add_staff(hub, store_id=TILL_STORE, staff_code="MOV", name="Mo",
                         role="associate", pin="73519")  # fmt: skip
    enrolled_till.sync(feed_wait=0.2).start()
    auth = AuthService(till_id=enrolled_till.config.till_id)

    def active() -> bool | None:
        with enrolled_till.read() as session:
            row = session.scalars(select(TillStaff).where(TillStaff.code == "MOV")).one_or_none()
            return None if row is None else row.active

    eventually(lambda: active() is True, 10, "the staff feed")
    with enrolled_till.write.begin() as session:
        assert auth.sign_in(session, "73519").ok
    headoffice.remove_staff(hub, store_id=TILL_STORE, staff_code="MOV")
    eventually(lambda: active() is False, 10, "the removal")
    with enrolled_till.write.begin() as session:
        assert not auth.sign_in(session, "73519").ok
