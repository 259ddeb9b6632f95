"""Limits, field types and the base model every wire model shares (the hub's wire contract,
docs/architecture.md §6).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from pos_app.domain.l10n.locales import check_language_tag, normalize_locale

API_PREFIX = "/v1"
MAX_EVENTS_PER_BATCH = 500
MAX_FEED_PAGE = 5_000
MAX_FEED_WAIT_SECONDS = 60.0
MAX_LINES = 500
# Integers that fit a PostgreSQL BIGINT with room for sums; anything larger is a typo or an
# attack, and refusing it up front keeps it out of the database driver.
MAX_AMOUNT = 10**12
MAX_QUANTITY_MILLI = 10**9
# One event's payload as JSON; a larger one is refused alone (a real sale of 500 lines is
# well under 300 KB), so no till can make the hub store megabytes verbatim.
MAX_EVENT_BYTES = 512 * 1024

StoreId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Sku = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^\S+$")]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Minor = Annotated[int, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
QuantityMilli = Annotated[int, Field(ge=-MAX_QUANTITY_MILLI, le=MAX_QUANTITY_MILLI)]
Email = Annotated[
    str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$", strip_whitespace=True)
]
Phone = Annotated[str, StringConstraints(max_length=32, pattern=r"^\+?[0-9 ()./-]{3,31}$")]
# A CLDR locale ("fr_FR"), normalised; LocaleError is a ValueError, so pydantic reports it.
LocaleId = Annotated[str, StringConstraints(max_length=32), AfterValidator(normalize_locale)]
# A customer's language as a BCP 47 tag ("fr", "de-AT"), normalised to Babel's "de_AT".
LanguageTag = Annotated[str, StringConstraints(max_length=64), AfterValidator(check_language_tag)]
LoyaltyCard = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}[0-9]{6,16}$")]
# How every API path, response and event names a hub customer: an opaque random UUID (lower-case,
# canonical form), never the hub's sequential key, so the chain-wide view cannot be walked by
# counting (docs/architecture.md §10).
CustomerRef = Annotated[
    str,
    StringConstraints(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", to_lower=True
    ),
]


class WireModel(BaseModel):
    """Unknown fields are ignored so an older hub accepts a newer till's extra fields."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ErrorBody(WireModel):
    detail: str
    code: str | None = Field(
        None, description="stable code of a refusal meant for people (the till translates it)"
    )
    params: dict[str, str] = Field(default_factory=dict, description="the code's fields")
