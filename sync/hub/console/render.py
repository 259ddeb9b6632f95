"""What every console page shares: the templates (autoescaped), the page helper, money.

Money is shown one way on every page (the ``money`` filter: the till's amount format with
thousands separators) and right-aligned by the ``num`` class (console.css).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from pos_app.domain.errors import DomainError
from pos_app.domain.money import minor_units_of
from sync.hub.console.accounts import ConsoleIdentity
from sync.hub.console.roles import Permission, allows, is_store_scoped
from sync.hub.console.security import PREFIX

HERE = Path(__file__).parent
# Autoescape on for every template: whatever a user typed is shown as text, never as markup.
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
)
P = Permission
# Every console route, under /console; the pages modules add theirs (routes.py imports them).
router = APIRouter(prefix=PREFIX, include_in_schema=False)
Csrf = Annotated[str, Form(max_length=100)]


def money(minor: int | None, currency: str = "EUR") -> str:
    """Minor units in the currency's decimals, thousands separated: 1234567 → 12,345.67
    (JPY: 1,234,567)."""
    if minor is None:
        return ""
    try:
        digits = minor_units_of(currency)
    except DomainError:
        digits = 2
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(int(minor)), 10**digits)
    return f"{sign}{units:,}" + (f".{cents:0{digits}d}" if digits else "")


def quantity(milli: int | None) -> str:
    return "" if milli is None else f"{milli / 1000:,.3f}".rstrip("0").rstrip(".")


templates.env.filters["money"] = money
templates.env.filters["qty"] = quantity


def page(request: Request, name: str, who: ConsoleIdentity | None, **context: Any) -> HTMLResponse:
    context.update(request=request, who=who, P=P, allows=allows)
    response: HTMLResponse = templates.TemplateResponse(request, name, context)
    return response


def stores_of(who: ConsoleIdentity) -> list[str] | None:
    """The stores a store manager may see; None: the whole chain."""
    return list(who.stores) if is_store_scoped(who.role) else None


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(PREFIX + path, status_code=303)
