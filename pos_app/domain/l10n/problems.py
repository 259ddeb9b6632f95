"""Stable codes of the hub's refusals meant for people, and the message each one reads as.

The hub answers ``{"detail": "<English>", "code": "sale.not_found", "params": {...}}``
(``sync/hub/errors.py``); the till's client turns the code and params back into the message
(``problem_message``) and shows it in the store's language. The English ``detail`` stays for
other callers and logs. One home for both sides: a code's wording lives only here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from pos_app.domain.l10n.messages import N_, Message

__all__ = ["PROBLEMS", "problem", "problem_message"]

PROBLEMS: Final[Mapping[str, str]] = {
    "sale.not_found": N_("the hub has no sale with receipt number '{receipt}' (yet)"),
    "web_order.not_found": N_("no web order '{number}' for this store"),
    "account.not_found": N_("no gift card or store credit account '{code}'"),
    "customer.card_taken": N_("loyalty card {card} already belongs to a customer"),
    "web_order.wrong_currency": N_(
        "store {store} sells in {currency}: it cannot take web order {number} in {other}"
    ),
    "promotion.wrong_currency": N_(
        "store {store} sells in {currency}: promotion {promo} with amounts in {other} "
        "cannot run there"
    ),
}


def problem(key: str, /, **params: str) -> Message:
    """The message of code ``key`` with its fields (KeyError for a code that is not listed)."""
    return Message(PROBLEMS[key], params)


def problem_message(code: object, params: object) -> Message | None:
    """The message a hub answer names, or None (no code, an unknown code, wrong fields: an
    older or newer hub), in which case the caller shows the English detail."""
    if not isinstance(code, str) or code not in PROBLEMS or not isinstance(params, dict):
        return None
    values = {str(k): str(v)[:200] for k, v in params.items()}
    try:
        return Message(PROBLEMS[code], values)
    except ValueError:
        return None
