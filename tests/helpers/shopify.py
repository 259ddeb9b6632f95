"""Shopify as a sender: sample payloads from shopify_samples/ and webhooks signed like Shopify.

The signature is made by ``openssl dgst -sha256 -hmac`` (base64), not by the hub's own code,
so a test checks the hub against an independent signer.
"""

from __future__ import annotations

import base64
import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import requests

SAMPLES = Path(__file__).resolve().parent.parent / "sync" / "hub" / "shopify_samples"
SHOP = "omnitill-test.myshopify.com"
SECRET = "shpss_0123456789abcdef0123456789abcdef"
TIMEOUT = 10.0


def sample(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return document


def as_pickup(order: dict[str, Any], store_id: str | None = None) -> dict[str, Any]:
    """The order as a shop's local-pickup checkout marks it: a pickup shipping line at 0.00
    (and the chosen store as the ``pickup_store`` attribute when given)."""
    marked = dict(order)
    marked["shipping_lines"] = [
        {"code": "Pickup", "title": "Pickup in store", "source": "shopify", "price": "0.00"}
    ]
    if store_id is not None:
        marked["note_attributes"] = [{"name": "pickup_store", "value": store_id}]
    return marked


def as_shipped(order: dict[str, Any]) -> dict[str, Any]:
    """The order as a shop's shipping checkout marks it: a free standard shipping line."""
    marked = dict(order)
    marked["shipping_lines"] = [
        {"code": "Standard", "title": "Standard shipping", "source": "shopify", "price": "0.00"}
    ]
    marked.pop("note_attributes", None)
    return marked


def openssl_signature(secret: str, body: bytes) -> str:
    digest = subprocess.run(
        ["openssl", "dgst", "-sha256", "-hmac", secret, "-binary"],
        input=body,
        capture_output=True,
        check=True,
    ).stdout
    return base64.b64encode(digest).decode("ascii")


def send_webhook(
    base_url: str,
    topic: str,
    body: bytes | dict[str, Any],
    *,
    webhook_id: str | None = None,
    secret: str = SECRET,
    shop: str = SHOP,
    signature: str | None = None,
    session: requests.Session | None = None,
) -> requests.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-Webhook-Id": webhook_id or str(uuid.uuid4()),
        "X-Shopify-Hmac-Sha256": signature or openssl_signature(secret, raw),
        "X-Shopify-API-Version": "2024-04",
    }
    poster = session or requests
    return poster.post(
        f"{base_url}/v1/webhooks/shopify", data=raw, headers=headers, timeout=TIMEOUT
    )
