"""A local fake of Shopify's GraphQL Admin API (inventory only), over real HTTP on loopback.

It checks requests the way Shopify documents them and answers with Shopify's documented
shapes, so the hub's publisher (sync/hub/stock_publish.py) is tested against the contract, not
against itself:

- ``POST /admin/api/{version}/graphql.json`` with ``X-Shopify-Access-Token`` (401 otherwise) and
  a JSON body ``{"query": ..., "variables": ...}``.
- ``inventorySetQuantities(input: InventorySetQuantitiesInput!)`` (2026-04): ``name`` is
  ``available`` or ``on_hand``; ``reason`` one of the documented reasons; every quantity has
  ``inventoryItemId``, ``locationId``, ``quantity`` and an explicit ``changeFromQuantity``
  (mandatory, null skips the compare-and-swap check; else CHANGE_FROM_QUANTITY_STALE when it
  differs). From 2026-04 the mutation must carry ``@idempotent(key: "...")``: the same key with
  the same input answers the first result without applying again; with other input
  IDEMPOTENCY_KEY_PARAMETER_MISMATCH. Errors are ``userErrors {code field message}`` with
  ``field`` the path to the input, and nothing is applied (the mutation is all or nothing).
  Codes used: INVALID_INVENTORY_ITEM, INVALID_LOCATION, ITEM_NOT_STOCKED_AT_LOCATION,
  INVALID_QUANTITY_NEGATIVE, INVALID_NAME, INVALID_REASON.
- ``inventoryItems(first:, query: "sku:...")`` finds items by SKU (``nodes {id sku}``).
- Rate limits: a leaky bucket of query cost per shop (``maximumAvailable`` points, refilled at
  ``restoreRate`` per second); a mutation costs 10, a connection query ``2 + first/…``. Every
  answer carries ``extensions.cost {requestedQueryCost, actualQueryCost, throttleStatus
  {maximumAvailable, currentlyAvailable, restoreRate}}``; over the limit the answer is
  ``{"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}]}`` with the cost
  (``actualQueryCost`` null) and no ``data``.
- A test can queue faults for the next requests: ``"429"`` (HTTP 429 with ``Retry-After``),
  ``"500"``, ``"503"``, ``"throttled"``, ``"reset"`` (connection closed without an answer),
  ``"drop"`` (the request is applied, then the connection closes before the answer).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_VERSION = "2026-04"
TOKEN = "shpat_test_0123456789abcdef"
MUTATION_COST = 10
# The reasons inventorySetQuantities documents (quantities-states#set-inventory-quantities…).
REASONS = frozenset(
    {
        "correction",
        "cycle_count_available",
        "damaged",
        "movement_created",
        "movement_updated",
        "movement_received",
        "movement_canceled",
        "other",
        "promotion",
        "quality_control",
        "received",
        "reservation_created",
        "reservation_deleted",
        "reservation_updated",
        "restock",
        "safety_stock",
        "shrinkage",
    }
)
_IDEMPOTENT = re.compile(r'@idempotent\(\s*key:\s*"([^"]{1,255})"\s*\)')
_SKU_TERM = re.compile(r"sku:'?([^'\s)]+)'?")


@dataclass
class SetCall:
    """One applied inventorySetQuantities: what Shopify stored, in arrival order."""

    at: float
    key: str
    reason: str
    reference: str | None
    quantities: list[dict[str, Any]]


@dataclass
class FakeShop:
    items: dict[str, str] = field(default_factory=dict)  # sku -> gid://shopify/InventoryItem/n
    locations: set[str] = field(default_factory=set)
    stocked: set[tuple[str, str]] = field(default_factory=set)  # (item, location)
    levels: dict[tuple[str, str], int] = field(default_factory=dict)  # available
    maximum: float = 1000.0
    restore_rate: float = 50.0


class FakeShopify:
    """Start with ``with FakeShopify() as shop:``; ``shop.endpoint`` is the GraphQL URL."""

    def __init__(
        self,
        *,
        maximum: float = 1000.0,
        restore_rate: float = 50.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.shop = FakeShop(maximum=maximum, restore_rate=restore_rate)
        self._clock = clock  # seconds; the bucket refills by it (a test's own clock)
        self.lock = threading.Lock()
        self.faults: deque[str] = deque()
        self.calls: list[SetCall] = []
        self.requests = 0
        self.throttled = 0
        # Called (without the lock) before a mutation is applied: a test changes the hub's
        # stock there to make a change land while a send is in flight.
        self.before_set: Callable[[], None] | None = None
        self._available = maximum
        self._refilled = clock()
        self._idempotent: dict[str, tuple[str, dict[str, Any]]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- set-up --------------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/admin/api/{API_VERSION}/graphql.json"

    def add_location(self, number: int) -> str:
        gid = f"gid://shopify/Location/{number}"
        self.shop.locations.add(gid)
        return gid

    def add_item(self, sku: str, number: int, *, stocked_at: tuple[str, ...] = ()) -> str:
        gid = f"gid://shopify/InventoryItem/{number}"
        self.shop.items[sku] = gid
        for location in stocked_at:
            self.shop.stocked.add((gid, location))
            self.shop.levels.setdefault((gid, location), 0)
        return gid

    def level(self, sku: str, location: str) -> int | None:
        with self.lock:
            return self.shop.levels.get((self.shop.items.get(sku, ""), location))

    def sent_levels(self, sku: str, location: str) -> list[int]:
        """Every level Shopify stored for the item at the location, in order."""
        item = self.shop.items[sku]
        with self.lock:
            return [
                q["quantity"]
                for call in self.calls
                for q in call.quantities
                if q["inventoryItemId"] == item and q["locationId"] == location
            ]

    def __enter__(self) -> FakeShopify:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- the rate limit ------------------------------------------------------------------

    def _take(self, cost: float) -> tuple[bool, dict[str, Any]]:
        now = self._clock()
        shop = self.shop
        self._available = min(
            shop.maximum, self._available + (now - self._refilled) * shop.restore_rate
        )
        self._refilled = now
        ok = self._available >= cost
        if ok:
            self._available -= cost
        status = {
            "maximumAvailable": shop.maximum,
            "currentlyAvailable": int(self._available),
            "restoreRate": shop.restore_rate,
        }
        return ok, {
            "requestedQueryCost": cost,
            "actualQueryCost": cost if ok else None,
            "throttleStatus": status,
        }

    # -- GraphQL -------------------------------------------------------------------------

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        query = body.get("query")
        variables = body.get("variables") or {}
        if not isinstance(query, str) or not isinstance(variables, dict):
            return {"errors": [{"message": "Parse error: query must be a string"}]}
        if "inventorySetQuantities" in query:
            cost: float = MUTATION_COST
            handler = self._set_quantities
        elif "inventoryItems" in query:
            cost = 2 + int(variables.get("first", 1)) / 50
            handler = self._find_items
        else:
            return {"errors": [{"message": "Field doesn't exist on type 'QueryRoot'"}]}
        with self.lock:
            fault = self.faults.popleft() if self.faults and self.faults[0] == "throttled" else None
            ok, cost_info = self._take(cost)
            if fault == "throttled" or not ok:
                self.throttled += 1
                if fault == "throttled":
                    cost_info["actualQueryCost"] = None
                return {
                    "errors": [
                        {
                            "message": "Throttled",
                            "extensions": {
                                "code": "THROTTLED",
                                "documentation": "https://shopify.dev/api/usage/rate-limits",
                            },
                        }
                    ],
                    "extensions": {"cost": cost_info},
                }
            data = handler(query, variables)
        answer: dict[str, Any] = {"data": data} if "errors" not in data else data
        answer["extensions"] = {"cost": cost_info}
        return answer

    def _find_items(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        search = str(variables.get("query", ""))
        wanted = set(_SKU_TERM.findall(search))
        first = int(variables.get("first", 50))
        nodes = [
            {"id": gid, "sku": sku} for sku, gid in sorted(self.shop.items.items()) if sku in wanted
        ][:first]
        return {"inventoryItems": {"nodes": nodes}}

    def _set_quantities(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        match = _IDEMPOTENT.search(query)
        if match is None:
            # 2026-04: the directive is mandatory at runtime for this mutation.
            return {
                "errors": [
                    {
                        "message": "The @idempotent directive is required for this mutation.",
                        "extensions": {"code": "BAD_REQUEST"},
                    }
                ]
            }
        key = match.group(1)
        spec = variables.get("input")
        if not isinstance(spec, dict):
            return {
                "errors": [{"message": "Variable $input of type ... was provided invalid value"}]
            }
        digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()
        if key in self._idempotent:
            first_digest, first_result = self._idempotent[key]
            if first_digest != digest:
                return _user_errors(
                    [("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", ["input"], "key reused")]
                )
            return first_result
        errors = self._check(spec)
        if errors:
            result = _user_errors(errors)
        else:
            stored = []
            for q in spec["quantities"]:
                self.shop.levels[(q["inventoryItemId"], q["locationId"])] = int(q["quantity"])
                stored.append(dict(q))
            self.calls.append(
                SetCall(
                    time.monotonic(), key, spec["reason"], spec.get("referenceDocumentUri"), stored
                )
            )
            result = {
                "inventorySetQuantities": {
                    "inventoryAdjustmentGroup": {"reason": spec["reason"]},
                    "userErrors": [],
                }
            }
        self._idempotent[key] = (digest, result)
        return result

    def _check(self, spec: dict[str, Any]) -> list[tuple[str, list[str], str]]:
        errors: list[tuple[str, list[str], str]] = []
        if spec.get("name") not in ("available", "on_hand"):
            errors.append(("INVALID_NAME", ["input", "name"], "name must be available/on_hand"))
        if spec.get("reason") not in REASONS:
            errors.append(
                ("INVALID_REASON", ["input", "reason"], "The specified reason is invalid.")
            )
        quantities = spec.get("quantities")
        if not isinstance(quantities, list) or not quantities:
            return [*errors, ("INVALID_INVENTORY_ITEM", ["input", "quantities"], "required")]
        for i, q in enumerate(quantities):
            at = ["input", "quantities", str(i)]
            if not isinstance(q, dict) or "changeFromQuantity" not in q:
                # Mandatory (null skips the check): a missing one is an error, per the docs.
                errors.append(
                    (
                        "CHANGE_FROM_QUANTITY_STALE",
                        [*at, "changeFromQuantity"],
                        "changeFromQuantity must be given, even if null",
                    )
                )
                continue
            item, location = q.get("inventoryItemId"), q.get("locationId")
            if item not in self.shop.items.values():
                errors.append(
                    (
                        "INVALID_INVENTORY_ITEM",
                        [*at, "inventoryItemId"],
                        "The specified inventory item could not be found.",
                    )
                )
            elif location not in self.shop.locations:
                errors.append(
                    (
                        "INVALID_LOCATION",
                        [*at, "locationId"],
                        "The specified location could not be found.",
                    )
                )
            elif (item, location) not in self.shop.stocked:
                errors.append(
                    (
                        "ITEM_NOT_STOCKED_AT_LOCATION",
                        [*at, "locationId"],
                        "The specified inventory item is not stocked at the location.",
                    )
                )
            elif not isinstance(q.get("quantity"), int) or q["quantity"] < 0:
                errors.append(
                    (
                        "INVALID_QUANTITY_NEGATIVE",
                        [*at, "quantity"],
                        "The quantity can't be negative.",
                    )
                )
            elif q["changeFromQuantity"] is not None and q["changeFromQuantity"] != (
                self.shop.levels.get((str(item), str(location)), 0)
            ):
                errors.append(
                    (
                        "CHANGE_FROM_QUANTITY_STALE",
                        [*at, "changeFromQuantity"],
                        "The changeFromQuantity value does not match persisted value.",
                    )
                )
        return errors

    # -- HTTP ----------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with fake.lock:
                    fake.requests += 1
                    fault = fake.faults[0] if fake.faults else None
                    if fault in ("429", "500", "503", "reset", "drop"):
                        fake.faults.popleft()
                    else:
                        fault = None
                if fault == "reset":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fault == "429":
                    self._send(
                        429,
                        {
                            "errors": "Exceeded 2 calls per second for api client. "
                            "Reduce request rates to resume uninterrupted service."
                        },
                        {"Retry-After": "1.0"},
                    )
                    return
                if fault in ("500", "503"):
                    self._send(int(fault), {"errors": "Internal Server Error"})
                    return
                if self.path != f"/admin/api/{API_VERSION}/graphql.json":
                    self._send(404, {"errors": "Not Found"})
                    return
                if self.headers.get("X-Shopify-Access-Token") != TOKEN:
                    self._send(
                        401,
                        {
                            "errors": "[API] Invalid API key or access token "
                            "(unrecognized login or wrong password)"
                        },
                    )
                    return
                if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                    self._send(400, {"errors": "Content-Type must be application/json"})
                    return
                try:
                    body = json.loads(raw)
                except ValueError:
                    self._send(400, {"errors": "Bad Request: invalid JSON"})
                    return
                if fake.before_set is not None and "inventorySetQuantities" in str(body):
                    fake.before_set()
                answer = fake.answer(body if isinstance(body, dict) else {})
                if fault == "drop":  # applied, but the answer is lost on the way back
                    self.close_connection = True
                    self.connection.close()
                    return
                self._send(200, answer)

        return Handler


def _user_errors(errors: list[tuple[str, list[str], str]]) -> dict[str, Any]:
    return {
        "inventorySetQuantities": {
            "inventoryAdjustmentGroup": None,
            "userErrors": [
                {"code": code, "field": path, "message": message} for code, path, message in errors
            ],
        }
    }
