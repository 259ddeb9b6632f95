"""Line and basket edits (quantity, remove, discounts, price, void) and manager approvals.

A mixin of ``SaleController``: each action asks for its value inline (``PromptPanel``), calls
the Register, which checks the permission; on ``PermissionDeniedError`` a manager's PIN and a
reason are asked for, ``AuthService.approve`` journals the approval on the DB lane, and the
action is retried with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pos_app.domain.errors import DomainError
from pos_app.domain.money import Money
from pos_app.domain.reasons import DEFAULT_REASON_CODES, ReasonCode, ReasonKind, for_kind
from pos_app.domain.sale.basket import Discount
from pos_app.services.sale.voids import LINE_VOID_KIND, VOID_KIND, record_void
from pos_app.services.staff.auth import Approval, AuthResult, PermissionDeniedError
from pos_app.ui import formatting

if TYPE_CHECKING:
    from pos_app.services.sale.register import Register
    from pos_app.services.staff.auth import AuthService
    from pos_app.services.store.till_context import TillContext
    from pos_app.ui.main_window import TillWindow
    from pos_app.ui.runner import DbLane


@dataclass
class Pending:
    """What the prompt panel is asking for, and what to do with the answer."""

    kind: str
    apply: Callable[[str, str], None]


class BasketEditsMixin:
    window: TillWindow
    register: Register | None
    context: TillContext
    lane: DbLane
    auth: AuthService
    approval_granted: Any
    _pending: Pending | None
    # The chain's reason codes (the feed's, services/sale/reason_codes.py); until the hub
    # sends a set, the defaults. Replaced whole, never changed in place.
    reason_codes: tuple[ReasonCode, ...] = DEFAULT_REASON_CODES

    def _journal_void(self, kind: str, what: str, lines: int = 1) -> None:
        """After the void succeeded in memory: its journal entry (the Z counts voids)."""
        if self.register is None:
            return
        till, cashier = self.context.till_id, self.register.cashier.name
        self.lane.run(
            lambda s: record_void(
                s, till_id=till, kind=kind, cashier=cashier, what=what, lines=lines
            )
        )

    def _guarded(
        self,
        action: Callable[[Approval | None], object],
        what: str,
        reason: str = "",
        reasons: ReasonKind | None = None,
    ) -> None:
        """Run a permission-checked action; on denial, ask for a manager's approval (and for a
        reason, unless the cashier already gave one: ``reason``; ``reasons``: the kind whose
        reason codes the manager's prompt offers)."""
        try:
            action(None)
        except PermissionDeniedError as denied:
            self._ask_approval(denied, action, what, reason.strip(), reasons)
            return
        except DomainError as exc:
            self.show_error(formatting.error_text(exc))
            return
        self.window.sale.show_actions()
        self.show_basket(self._selected_line())

    def _ask_approval(
        self,
        denied: PermissionDeniedError,
        action: Callable[[Approval | None], object],
        what: str,
        given_reason: str = "",
        reasons: ReasonKind | None = None,
    ) -> None:
        assert self.register is not None
        cashier = self.register.cashier

        def apply(pin: str, typed_reason: str) -> None:
            reason = given_reason or typed_reason
            self.window.sale.prompt.message.show_info(self.tr("Checking…"), 0)

            def done(result: AuthResult) -> None:
                if result.approval is None:
                    self.show_error(formatting.message_text(result.message))
                    return
                self.approval_granted.emit(result.approval)
                self._pending = None
                self._guarded(lambda _none: action(result.approval), what)
                self.show_info(self.tr("Approved by %s.") % result.approval.approver.name)

            self.lane.run(
                lambda s: self.auth.approve(
                    s,
                    pin=pin,
                    permission=denied.permission,
                    requested_by=cashier,
                    what=what,
                    reason=reason,
                ),
                done,
                lambda exc: self.show_error(formatting.error_text(exc)),
            )

        self._pending = Pending("approval", apply)
        self.window.sale.show_prompt()
        self.window.sale.prompt.ask(
            self.tr("%1 — a manager must approve: %2")
            .replace("%1", formatting.error_text(denied))
            .replace("%2", what),
            placeholder=self.tr("Manager PIN"),
            masked=True,
            # The reason the cashier typed goes with the approval: never asked twice (issue 15).
            needs_reason=not given_reason,
            presets=for_kind(self.reason_codes, reasons)
            if reasons is not None and not given_reason
            else (),
        )
        self.window.sale.prompt.message.show_error(formatting.error_text(denied))

    def ask(
        self,
        kind: str,
        title: str,
        apply: Callable[[str, str], None],
        *,
        placeholder: str = "",
        initial: str = "",
        masked: bool = False,
        needs_reason: bool = False,
        reasons: ReasonKind | None = None,
        value: bool = True,
    ) -> None:
        """Ask for a value in the sale screen's inline prompt; ``apply(value, reason)`` gets the
        answer (another screen's feature may ask too: the coupon entry). ``reasons``: the kind
        whose reason codes are offered as buttons (a reason is then required)."""
        self._pending = Pending(kind, apply)
        self.window.sale.show_prompt()
        self.window.sale.prompt.ask(
            title,
            placeholder=placeholder,
            initial=initial,
            masked=masked,
            needs_reason=needs_reason,
            presets=for_kind(self.reason_codes, reasons) if reasons is not None else (),
            value=value,
        )

    # -- line and basket changes -----------------------------------------------------------

    def _line_or_error(self) -> int | None:
        line_no = self._selected_line()
        if line_no is None:
            self.show_error(self.tr("The basket is empty: scan an item first."))
        return line_no

    def on_qty_button_clicked(self) -> None:
        line_no = self._line_or_error()
        if line_no is None or self.register is None:
            return
        register, line = self.register, self.register.basket.line(line_no)

        def apply(value: str, _reason: str) -> None:
            qty = formatting.parse_decimal(value)
            if qty is None:
                self.show_error(self.tr("Enter a quantity."))
                return
            self._guarded(
                lambda ok: register.set_quantity(line_no, qty, ok),
                f"line {line_no} quantity {line.quantity} -> {qty}",
            )

        self.ask(
            "qty",
            self.tr("Quantity of %s") % line.item.name,
            apply,
            initial=formatting.editable(line.quantity),
        )

    def on_remove_button_clicked(self) -> None:
        line_no = self._line_or_error()
        if line_no is None or self.register is None:
            return
        register = self.register
        name = register.basket.line(line_no).item.name
        what = f"remove line {line_no}"

        def remove(approval: Approval | None) -> None:
            register.remove_line(line_no, approval)  # above the limit: a manager's approval
            reason = f": {approval.reason}" if approval is not None and approval.reason else ""
            self._journal_void(LINE_VOID_KIND, f"{what}{reason}")
            self.show_info(self.tr("Removed %s.") % name)

        self._guarded(remove, what, reasons=ReasonKind.LINE_VOID)

    def on_discount_button_clicked(self) -> None:
        line_no = self._line_or_error()
        if line_no is None or self.register is None:
            return
        register, line = self.register, self.register.basket.line(line_no)

        def apply(value: str, reason: str) -> None:
            # "10" or "10%" is a percentage; "2.00" (with decimals) is an amount off the line.
            text = value.strip()
            is_amount = not text.endswith("%") and any(sep in text for sep in ".,")
            number = formatting.parse_decimal(text.rstrip("%"))
            if number is None:
                self.show_error(self.tr("Enter 10 or 10% for a percentage, 2.00 for an amount."))
                return
            try:
                discount = Discount("amount" if is_amount else "percent", number, reason)
            except DomainError as exc:
                self.show_error(formatting.error_text(exc))
                return
            shown = text if is_amount else f"{number}%"
            self._guarded(
                lambda ok: register.discount_line(line_no, discount, ok),
                f"line {line_no} {line.item.sku} {shown} off",
                reason,
            )

        self.ask(
            "discount",
            self.tr("Discount on %1: 10% or an amount like 2.00").replace("%1", line.item.name),
            apply,
            placeholder="10%",
            needs_reason=True,
            reasons=ReasonKind.DISCOUNT,
        )

    def on_basket_discount_button_clicked(self) -> None:
        if self.register is None or self.register.basket.is_empty:
            self.show_error(self.tr("The basket is empty: scan an item first."))
            return
        register = self.register

        def apply(value: str, reason: str) -> None:
            is_pct = value.strip().endswith("%")
            amount = formatting.parse_decimal(value.strip().rstrip("%"))
            if amount is None:
                self.show_error(self.tr("Enter 10% for a percentage or 5.00 for an amount."))
                return
            try:
                discount = Discount("percent" if is_pct else "amount", amount, reason)
            except DomainError as exc:
                self.show_error(formatting.error_text(exc))
                return
            self._guarded(
                lambda ok: register.discount_basket(discount, ok),
                f"basket discount {value.strip()}",
                reason,
            )

        self.ask(
            "basket_discount",
            self.tr("Basket discount: 10% or an amount"),
            apply,
            placeholder="10%",
            needs_reason=True,
            reasons=ReasonKind.DISCOUNT,
        )

    def on_price_button_clicked(self) -> None:
        line_no = self._line_or_error()
        if line_no is None or self.register is None:
            return
        register, line = self.register, self.register.basket.line(line_no)

        def apply(value: str, reason: str) -> None:
            amount = formatting.parse_decimal(value)
            if amount is None:
                self.show_error(self.tr("Enter the new price."))
                return
            try:
                price = Money.of(amount, self.context.currency)
            except DomainError as exc:
                self.show_error(formatting.error_text(exc))
                return
            self._guarded(
                lambda ok: register.override_price(line_no, price, reason, ok),
                f"line {line_no} {line.item.sku} price {line.unit_price.format_amount()} -> "
                f"{price.format_amount()}",
                reason,
            )

        self.ask(
            "price",
            self.tr("New unit price of %s") % line.item.name,
            apply,
            initial=formatting.editable(line.unit_price),
            needs_reason=True,
            reasons=ReasonKind.PRICE_OVERRIDE,
        )

    def on_void_button_clicked(self) -> None:
        if self.register is None or self.register.basket.is_empty:
            self.show_error(self.tr("The basket is already empty."))
            return
        register = self.register

        def apply(_value: str, reason: str) -> None:
            if not reason.strip():
                self.show_error(self.tr("Give a reason to void the basket."))
                return
            what, lines = f"void basket: {reason.strip()}", len(register.basket.lines)

            def void(approval: Approval | None) -> None:
                register.void(approval)
                self._journal_void(VOID_KIND, what, lines)

            self._guarded(void, "void basket", reason)

        self.ask(
            "void",
            self.tr("Void the whole basket? Give the reason."),
            apply,
            reasons=ReasonKind.VOID,
            value=False,
        )

    def on_prompt_accepted(self, value: str, reason: str) -> None:
        if self._pending is not None:
            self._pending.apply(value, reason)

    def on_prompt_cancelled(self) -> None:
        self.close_prompt()

    def close_prompt(self) -> None:
        """Back to the action buttons; an answer still to come is no longer wanted."""
        self._pending = None
        self.window.sale.show_actions()

    # Stubs last: pyside6-lupdate loses the class (the tr() context) after a def nested in an if.
    if TYPE_CHECKING:  # provided by SaleController / QObject; no stubs at run time (MRO)

        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
        def show_error(self, text: str) -> None: ...
        def show_info(self, text: str) -> None: ...
        def show_basket(self, select_line: int | None = None) -> None: ...
        def _selected_line(self) -> int | None: ...
