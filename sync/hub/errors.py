"""Failures the hub reports to its caller, each with the HTTP status it maps to."""

from __future__ import annotations

from pydantic import ValidationError

from pos_app.domain.l10n.problems import problem

MAX_DETAIL = 500


class HubError(Exception):
    status_code = 400

    def __init__(
        self, detail: str, *, code: str | None = None, params: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        # A stable code (pos_app/domain/l10n/problems.py) for refusals a person reads at a till,
        # which translates it; ``detail`` stays the English for everyone else.
        self.code = code
        self.params = params or {}

    @classmethod
    def problem(cls, key: str, /, **params: str) -> HubError:
        """The refusal ``key`` of PROBLEMS, its English as the detail."""
        return cls(str(problem(key, **params)), code=key, params=params)


class Unauthorized(HubError):
    status_code = 401


class Forbidden(HubError):
    status_code = 403


class NotFound(HubError):
    status_code = 404


class Conflict(HubError):
    status_code = 409


class Invalid(HubError):
    status_code = 422


def describe(error: ValidationError, prefix: str = "") -> str:
    """A validation error in one line a person can act on: where, then what."""
    parts = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in (prefix, *item["loc"]) if p != "")
        parts.append(f"{where or 'body'}: {item['msg']}")
    more = error.error_count() - 3
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)[:MAX_DETAIL]
