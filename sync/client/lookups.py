"""Online look-ups (docs/architecture.md §6): straight to the hub, short timeouts, typed failures.

A screen calls these from a worker thread (never the GUI thread) and, on ``HubUnreachable``,
says "hub unreachable — showing local data" instead of hanging. Not found is ``NotFound``;
another store's data is ``Forbidden`` or ``NotFound`` as the hub decides. One instance per
thread: it owns a ``requests`` session.
"""

from __future__ import annotations

from typing import TypeVar
from urllib.parse import quote

from pydantic import TypeAdapter, ValidationError

from sync.client.errors import BadResponse, NotFound
from sync.client.http import HubHttp, Timeouts
from sync.protocol import (
    CouponCheckResult,
    Customer,
    CustomerCreate,
    CustomerHistory,
    ReceiptEmailStatus,
    Returnable,
    StockElsewhere,
    StoredValueBalance,
    WebOrder,
)

# Someone is waiting at the counter: fail within a couple of seconds, then show local data.
LOOKUP_TIMEOUTS = Timeouts(connect=1.5, read=3.0)
T = TypeVar("T")
_ORDERS = TypeAdapter(list[WebOrder])
_CUSTOMERS = TypeAdapter(list[Customer])
_RETURNABLES = TypeAdapter(list[Returnable])
_EMAILS = TypeAdapter(list[ReceiptEmailStatus])


class HubLookups:
    def __init__(self, http: HubHttp) -> None:
        self._http = http

    @classmethod
    def connect(cls, hub_url: str, token: str) -> HubLookups:
        return cls(HubHttp(hub_url, token, timeouts=LOOKUP_TIMEOUTS))

    def close(self) -> None:
        self._http.close()

    def web_order(self, number: str) -> WebOrder:
        """This store's web order by number (for a return or a hand-over)."""
        orders = self._list(_ORDERS, "/v1/lookup/web-orders", {"number": number})
        if not orders:
            raise NotFound(f"no web order {number!r} for this store", status=404)
        return orders[0]

    def web_orders_by_email(self, email: str) -> list[WebOrder]:
        return self._list(_ORDERS, "/v1/lookup/web-orders", {"email": email})

    def customers(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        card: str | None = None,
        staff: str | None = None,
    ) -> list[Customer]:
        """By email, phone or loyalty card number (give exactly one); ``staff``: who asks
        (the hub logs every customer look-up with the till and the signed-in person)."""
        given = (("email", email), ("phone", phone), ("card", card))
        params = {k: v for k, v in given if v is not None}
        return self._list(_CUSTOMERS, "/v1/lookup/customers", params, _staff(staff))

    def customer_history(self, customer_ref: str, staff: str | None = None) -> CustomerHistory:
        """``customer_ref``: the hub's opaque id (``Customer.ref``)."""
        path = f"/v1/lookup/customers/{quote(customer_ref, safe='')}/history"
        return self._http.model(CustomerHistory, "GET", path, headers=_staff(staff))

    def create_customer(self, spec: CustomerCreate) -> Customer:
        """Raises ``Conflict`` when a customer already has this email."""
        body = spec.model_dump(mode="json", exclude_none=True)
        return self._http.model(Customer, "POST", "/v1/customers", json=body)

    def receipt_emails(self, sale_uuid: str) -> list[ReceiptEmailStatus]:
        path = f"/v1/lookup/receipt-emails/{quote(sale_uuid, safe='')}"
        return self._list(_EMAILS, path, {})

    def stock_elsewhere(self, sku: str) -> StockElsewhere:
        return self._http.model(StockElsewhere, "GET", f"/v1/lookup/stock/{quote(sku, safe='')}")

    def stored_value(self, code: str) -> StoredValueBalance:
        return self._http.model(
            StoredValueBalance, "GET", f"/v1/lookup/stored-value/{quote(code, safe='')}"
        )

    def returnable(
        self,
        *,
        sale_uuid: str | None = None,
        order_number: str | None = None,
        receipt_no: str | None = None,
    ) -> Returnable:
        """Per line of a sale or web order (any store): bought, returned in all, returnable."""
        given = (
            ("sale_uuid", sale_uuid),
            ("order_number", order_number),
            ("receipt_no", receipt_no),
        )
        params = {k: v for k, v in given if v}
        return self._http.model(Returnable, "GET", "/v1/lookup/returnable", params=params)

    def returnable_orders(self, email: str) -> list[Returnable]:
        """A customer's web orders in every store, newest first, with what can come back."""
        return self._list(_RETURNABLES, "/v1/lookup/returnable-orders", {"email": email})

    def check_coupon(self, code: str) -> CouponCheckResult:
        """Whether a single-use coupon code is still unused (POST: the answer is never cached)."""
        return self._http.model(
            CouponCheckResult, "POST", f"/v1/coupons/{quote(code, safe='')}/check"
        )

    def _list(
        self,
        adapter: TypeAdapter[list[T]],
        path: str,
        params: dict[str, str],
        headers: dict[str, str] | None = None,
    ) -> list[T]:
        body = self._http.call("GET", path, params=params, headers=headers)
        try:
            return adapter.validate_python(body)
        except ValidationError:
            raise BadResponse(f"unexpected answer from the hub for {path}") from None


STAFF_HEADER = "X-OmniTill-Staff"


def _staff(code: str | None) -> dict[str, str]:
    return {STAFF_HEADER: code[:64]} if code else {}
