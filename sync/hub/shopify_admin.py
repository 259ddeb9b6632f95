"""Shopify's GraphQL Admin API, the two calls the stock publisher makes (docs/architecture.md
§7b): ``inventorySetQuantities`` and ``inventoryItems`` by SKU, with Shopify's documented error
shapes turned into exceptions (THROTTLED and 429 → ``Throttled`` with the wait the answer
implies; timeouts, resets, 5xx → ``Unavailable``; other refusals → ``Refused``; per-quantity
``userErrors`` returned as ``UserError``), and its leaky bucket read from each answer's
``extensions.cost.throttleStatus`` so the next mutation can wait instead of being refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import requests

API_VERSION = "2026-04"
REASON = "correction"
MAX_ERROR = 500
MUTATION_COST = 10  # Shopify's documented cost of a mutation (requestedQueryCost)
# Codes that name something Shopify does not have: retrying the same row cannot help.
PERMANENT_CODES = frozenset(
    {
        "INVALID_INVENTORY_ITEM",
        "INVALID_LOCATION",
        "ITEM_NOT_STOCKED_AT_LOCATION",
        "NON_MUTABLE_INVENTORY_ITEM",
        "INVALID_QUANTITY_TOO_HIGH",
    }
)
SET_AVAILABLE = """
mutation SetAvailable($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) @idempotent(key: "%s") {
    inventoryAdjustmentGroup { reason }
    userErrors { code field message }
  }
}
"""
FIND_ITEMS = """
query FindItems($first: Int!, $query: String!) {
  inventoryItems(first: $first, query: $query) { nodes { id sku } }
}
"""


def default_endpoint(shop_domain: str) -> str:
    return f"https://{shop_domain}/admin/api/{API_VERSION}/graphql.json"


class Throttled(Exception):
    def __init__(self, wait_seconds: float) -> None:
        super().__init__(f"throttled by the web store; waiting {wait_seconds:.1f} s")
        self.wait_seconds = wait_seconds


class Unavailable(Exception):
    """The web store could not be reached or failed (timeouts, resets, 5xx): retry later."""


class Refused(Exception):
    """The web store refused the request as a whole (401, a GraphQL error): retry later, loudly."""


@dataclass(frozen=True)
class UserError:
    code: str
    field: tuple[str, ...]
    message: str

    @property
    def quantity_index(self) -> int | None:
        if len(self.field) >= 3 and self.field[1] == "quantities" and self.field[2].isdigit():
            return int(self.field[2])
        return None


class ShopifyAdmin:
    """The two GraphQL calls we make, with Shopify's error shapes turned into exceptions."""

    def __init__(
        self, endpoint: str, token: str, http: requests.Session, timeout: float = 10.0
    ) -> None:
        self.endpoint = endpoint
        self.token = token
        self.http = http
        self.timeout = timeout
        # From the last answer's extensions.cost: the points left and their restore rate.
        self.available: float | None = None
        self.restore_rate: float | None = None

    def wait_before(self, cost: float) -> float:
        """Seconds to wait so the bucket holds ``cost`` again (0 when it does, or unknown):
        pacing by the documented leaky bucket instead of running into THROTTLED."""
        if self.available is None or not self.restore_rate or self.available >= cost:
            return 0.0
        return (cost - self.available) / self.restore_rate

    def _note_cost(self, extensions: Any) -> None:
        try:
            status = extensions["cost"]["throttleStatus"]
            self.available = float(status["currentlyAvailable"])
            self.restore_rate = float(status["restoreRate"])
        except (KeyError, TypeError, ValueError):
            pass

    def call(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        try:
            answer = self.http.post(
                self.endpoint,
                json={"query": query, "variables": variables},
                headers={"X-Shopify-Access-Token": self.token, "Accept": "application/json"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise Unavailable(f"{type(exc).__name__}: {exc}"[:MAX_ERROR]) from None
        if answer.status_code == 429:
            raise Throttled(_retry_after(answer.headers.get("Retry-After")))
        if answer.status_code >= 500:
            raise Unavailable(f"HTTP {answer.status_code} from the web store")
        if answer.status_code != 200:
            raise Refused(f"HTTP {answer.status_code}: {answer.text[:200]}")
        try:
            body = answer.json()
        except ValueError:
            raise Unavailable("the web store answered something that is not JSON") from None
        if not isinstance(body, dict):
            raise Unavailable("the web store answered an unexpected document")
        errors = body.get("errors")
        if errors:
            if _is_throttled(errors):
                raise Throttled(_throttle_wait(body.get("extensions")))
            raise Refused(f"GraphQL error: {str(errors)[:300]}")
        self._note_cost(body.get("extensions"))
        data = body.get("data")
        if not isinstance(data, dict):
            raise Unavailable("the web store's answer has no data")
        return data

    def find_items(self, skus: Sequence[str]) -> dict[str, str]:
        """{sku: inventory item gid} of the SKUs Shopify knows (at most 50 per call)."""
        terms = " OR ".join(f"sku:'{sku}'" for sku in skus)
        data = self.call(FIND_ITEMS, {"first": len(skus), "query": terms})
        nodes = ((data.get("inventoryItems") or {}).get("nodes")) or []
        return {
            str(n["sku"]): str(n["id"])
            for n in nodes
            if isinstance(n, dict) and n.get("sku") in skus and n.get("id")
        }

    def set_available(
        self, quantities: Sequence[dict[str, Any]], *, key: str, reference: str
    ) -> list[UserError]:
        spec = {
            "name": "available",
            "reason": REASON,
            "referenceDocumentUri": reference,
            "quantities": [{**q, "changeFromQuantity": None} for q in quantities],
        }
        data = self.call(SET_AVAILABLE % key, {"input": spec})
        payload = data.get("inventorySetQuantities") or {}
        return [
            UserError(
                str(e.get("code")),
                tuple(str(p) for p in e.get("field") or ()),
                str(e.get("message")),
            )
            for e in payload.get("userErrors") or ()
            if isinstance(e, dict)
        ]


def _retry_after(value: str | None) -> float:
    try:
        return max(0.1, float(value)) if value else 1.0
    except ValueError:
        return 1.0


def _is_throttled(errors: Any) -> bool:
    return isinstance(errors, list) and any(
        isinstance(e, dict) and (e.get("extensions") or {}).get("code") == "THROTTLED"
        for e in errors
    )


def _throttle_wait(extensions: Any) -> float:
    """Seconds until the bucket holds the request's cost again (1 s when not said)."""
    try:
        cost = extensions["cost"]
        status = cost["throttleStatus"]
        missing = float(cost["requestedQueryCost"]) - float(status["currentlyAvailable"])
        return max(0.1, missing / float(status["restoreRate"]))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return 1.0
