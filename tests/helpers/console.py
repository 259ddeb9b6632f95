"""Console fixtures: a running hub (tests/helpers/hub.py) with one signed-up user per role,
and requests sessions signed in through the real sign-in form over HTTP."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import requests

from sync.hub.console import accounts
from sync.hub.console.roles import Role
from sync.hub.web_orders import create_web_order
from sync.protocol import CustomerIn, PaymentStatus, WebOrderIn, WebOrderLineIn
from tests.helpers.hub import Api, HubUnderTest

STORE = "s1"
OTHER_STORE = "s2"
PASSWORD = "correct horse battery"  # a test password
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class ConsoleHub:
    hub: HubUnderTest
    emails: dict[Role, str]

    def sign_in(self, role: Role | None) -> Api:
        """A client signed in as ``role`` (None: a stranger who never signed in)."""
        api = self.hub.client()
        if role is not None:
            answer = sign_in(api, self.emails[role], PASSWORD)
            assert answer.status_code == 303, answer.text
        return api


def csrf_of(html: str) -> str:
    found = CSRF_FIELD.search(html)
    assert found is not None, "no CSRF field on the page"
    return found.group(1)


def sign_in(api: Api, email: str, password: str) -> requests.Response:
    form = api.get("/console/sign-in")
    return api.post(
        "/console/sign-in",
        data={"email": email, "password": password, "csrf": csrf_of(form.text)},
        allow_redirects=False,
    )


def add_order(hub: HubUnderTest, number: str, store: str = STORE) -> None:
    create_web_order(
        hub.hub,
        WebOrderIn(
            number=number,
            pickup_store_id=store,
            customer=CustomerIn(email=f"{number.lower()}@example.com", name="Jo <b>Bloggs</b>"),
            lines=[
                WebOrderLineIn(
                    sku="MUG-1", name="Stoneware mug", quantity_milli=2000, unit_price_minor=1250
                )
            ],
            currency="EUR",
            payment_status=PaymentStatus.PAID,
        ),
    )


@pytest.fixture
def console(running_hub: HubUnderTest) -> ConsoleHub:
    running_hub.add_store(STORE)
    running_hub.add_store(OTHER_STORE)
    emails: dict[Role, str] = {}
    for role in Role:
        email = f"{role.value}@example.com"
        stores = [STORE] if role is Role.STORE_MANAGER else []
        accounts.add_user(running_hub.hub, email=email, role=role, stores=stores,
                          password=PASSWORD, actor="tests")  # fmt: skip
        emails[role] = email
    return ConsoleHub(running_hub, emails)
