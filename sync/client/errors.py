"""Typed failures of a call to the hub, so callers can say what happened in one line.

``transient`` errors (the hub cannot be reached, timed out or answered 5xx/429) are retried
by the sync threads and shown as "offline"; the others need a person (a revoked token, a
refused code) or name a thing that does not exist.
"""

from __future__ import annotations

from pos_app.domain.l10n.messages import Message


class HubError(Exception):
    """Base class: ``str(exc)`` is a one-line message fit for a status bar."""

    transient = False

    def __init__(self, message: str | Message, *, status: int | None = None) -> None:
        # A refusal with a known code carries its Message (l10n.problems): the till shows it
        # in the store's language; str() is the English either way.
        super().__init__(message)
        self.status = status


class HubUnreachable(HubError):
    """No answer: connection refused or reset, DNS failure, timeout."""

    transient = True


class HubUnavailable(HubUnreachable):
    """The hub answered but cannot serve now (5xx, 429); try again later."""


class Unauthorized(HubError):
    """401: the device token is unknown or revoked; the till must be enrolled again."""


class Forbidden(HubError):
    """403: the token may not do this (another store's data, a used enrollment code)."""


class NotFound(HubError):
    """404: no such thing at the hub."""


class Conflict(HubError):
    """409: refused because of the current state at the hub (the reason says which)."""


class InvalidRequest(HubError):
    """400/422: the hub refused what we sent."""


class BadResponse(HubError):
    """The answer is not what an OmniTill hub sends (wrong URL, proxy page, newer hub)."""
