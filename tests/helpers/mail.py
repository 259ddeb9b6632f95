"""A REAL local SMTP server (aiosmtpd) and a served hub that mails through it.

Fixtures (registered in tests/conftest.py): ``smtp_port`` (free, nothing listening until a test
calls ``start_smtp``), ``inbox`` (what the server received) and ``mailing_hub`` (a running hub
whose sender polls fast and retries quickly, no store yet).
"""

from __future__ import annotations

import email
import threading
from collections.abc import Iterator
from email import policy
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from sync.hub.context import Hub
from sync.hub.settings import HubSettings, MailerTiming, SmtpSettings
from tests.helpers.hub import HubUnderTest, serve_hub
from tests.helpers.net import unused_port

SENDER = "till@shop.example"
FAST = MailerTiming(poll_seconds=0.05, retry_base_seconds=0.1, retry_cap_seconds=0.2,
                    max_attempts=50)  # fmt: skip


class Inbox:
    """aiosmtpd handler: keeps what it received; refuses recipients at refused.example."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:  # fmt: skip
        if address.endswith("@refused.example"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.messages.append(
                # The default policy decodes headers: a French subject reads as written.
                (
                    list(envelope.rcpt_tos),
                    email.message_from_bytes(envelope.content, policy=policy.default),
                )
            )
        return "250 Message accepted for delivery"

    def received(self) -> list[tuple[list[str], Message]]:
        with self._lock:
            return list(self.messages)


def text_of(message: Message) -> str:
    """A received text/plain mail's body, decoded."""
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


@pytest.fixture
def smtp_port() -> int:
    return unused_port()


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


def start_smtp(inbox: Inbox, port: int) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.fixture
def mailing_hub(hub_db_url: str, hub: Hub, smtp_port: int) -> Iterator[HubUnderTest]:
    settings = HubSettings(
        db_url=hub_db_url,
        pool_size=5,
        smtp=SmtpSettings(host="127.0.0.1", port=smtp_port, sender=SENDER, timeout=5.0),
        mailer=FAST,
    )
    with serve_hub(settings, hub) as served:
        yield served
