"""Enrollment: a till trades a one-time code for its token and store (architecture.md §6)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pos_app.domain.l10n.locales import DEFAULT_LOCALE
from sync.protocol.common import Currency, LocaleId, ShortText, StoreId, WireModel


class EnrollRequest(WireModel):
    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    till_name: ShortText = ""


class StoreInfo(WireModel):
    store_id: StoreId
    name: ShortText
    currency: Currency
    tax_mode: Literal["inclusive", "exclusive"]
    cash_rounding_step: Annotated[str, StringConstraints(pattern=r"^\d{1,3}(\.\d{1,4})?$")]
    # an older hub sends none: its tills keep the English formats they had
    locale: LocaleId = DEFAULT_LOCALE


class EnrollResponse(WireModel):
    till_id: str
    token: str = Field(description="the device token; shown once, send as 'Bearer <token>'")
    store: StoreInfo
