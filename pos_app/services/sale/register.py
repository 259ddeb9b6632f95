"""The sale being rung at this till by the signed-in person, with permissions enforced.

Qt-free: the UI calls these methods and shows what they return or raise. Every change that
needs a right goes through ``auth.require``, so a button hidden or shown in the UI is never
the only guard. An ``Approval`` from ``AuthService.approve`` lets one action through.
"""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain.barcodes import VariableMeasureConfig
from pos_app.domain.catalog import CatalogItem, CatalogLookup
from pos_app.domain.l10n.messages import msg
from pos_app.domain.money import Money
from pos_app.domain.sale.basket import Basket, BasketError, BasketLine, Discount
from pos_app.domain.sale.limits import DEFAULT_LINE_VOID_LIMIT_MINOR, line_void_over_limit
from pos_app.services.promotions.coupons import AcceptedCoupon, CouponCheck
from pos_app.services.staff.auth import Approval, Permission, StaffMember, require
from pos_app.services.store.till_context import TillContext


class Register:
    def __init__(
        self,
        context: TillContext,
        cashier: StaffMember,
        scan_config: VariableMeasureConfig | None = None,
        *,
        line_void_limit_minor: int | None = DEFAULT_LINE_VOID_LIMIT_MINOR,
    ) -> None:
        self._context = context
        self._cashier = cashier
        self.line_void_limit_minor = line_void_limit_minor
        self._scan_config = (
            scan_config if scan_config is not None else VariableMeasureConfig.default()
        )
        self._basket = context.new_basket()
        # The sale's coupon codes and how each was checked (services.promotions.coupons); they go
        # with the basket: a new, resumed or voided basket starts without any.
        self._coupons: dict[str, AcceptedCoupon] = {}

    @property
    def coupons(self) -> frozenset[str]:
        return frozenset(self._coupons)

    @property
    def coupons_checked_online(self) -> frozenset[str]:
        return frozenset(c for c, a in self._coupons.items() if a.checked is CouponCheck.ONLINE)

    def add_coupon(self, accepted: AcceptedCoupon) -> None:
        require(self._cashier, Permission.SELL)
        self._coupons[accepted.code] = accepted

    def remove_coupon(self, code: str) -> None:
        self._coupons.pop(code, None)

    @property
    def context(self) -> TillContext:
        return self._context

    @property
    def cashier(self) -> StaffMember:
        return self._cashier

    @property
    def basket(self) -> Basket:
        return self._basket

    def scan(self, raw: str, catalog: CatalogLookup) -> BasketLine:
        require(self._cashier, Permission.SELL)
        return self._basket.add_by_barcode(raw, catalog, self._scan_config)

    def add_item(self, item: CatalogItem, quantity: Decimal | int | None = None) -> BasketLine:
        require(self._cashier, Permission.SELL)
        return self._basket.add_item(item, quantity)

    def set_quantity(
        self, line_no: int, quantity: Decimal | int, approval: Approval | None = None
    ) -> BasketLine:
        require(self._cashier, Permission.CHANGE_QUANTITY, approval)
        return self._basket.set_quantity(line_no, quantity)

    def remove_line(self, line_no: int, approval: Approval | None = None) -> None:
        """A line void; above the limit it needs the over-limit right or an approval of it."""
        require(self._cashier, Permission.REMOVE_LINE, approval)
        line = self._basket.line(line_no)
        if line_void_over_limit(line.unit_price * line.quantity, self.line_void_limit_minor):
            require(self._cashier, Permission.LINE_VOID_OVER_LIMIT, approval)
        self._basket.remove_line(line_no)

    def discount_line(
        self, line_no: int, discount: Discount, approval: Approval | None = None
    ) -> BasketLine:
        require(self._cashier, Permission.LINE_DISCOUNT, approval)
        return self._basket.add_line_discount(line_no, discount)

    def discount_basket(self, discount: Discount, approval: Approval | None = None) -> None:
        require(self._cashier, Permission.BASKET_DISCOUNT, approval)
        self._basket.set_basket_discount(discount)

    def override_price(
        self, line_no: int, price: Money, reason: str, approval: Approval | None = None
    ) -> BasketLine:
        require(self._cashier, Permission.PRICE_OVERRIDE, approval)
        return self._basket.override_price(line_no, price, reason)

    def void(self, approval: Approval | None = None) -> None:
        require(self._cashier, Permission.VOID_BASKET, approval)
        self._basket.clear()
        self._coupons.clear()

    def check_park(self) -> None:
        require(self._cashier, Permission.PARK)

    def replace_basket(self, basket: Basket) -> None:
        """Take over a resumed basket; the current one must be empty (park it first)."""
        if not self._basket.is_empty:
            raise ValueError(
                msg("Finish, park or void the current basket before resuming another.")
            )
        self._basket = basket
        self._coupons.clear()

    def use_context(self, context: TillContext) -> None:
        """Store settings changed (the hub's feed): later lines and baskets use the new ones.

        The basket in progress is rebuilt with the new tax rates, so a till enrolled a moment
        ago sells as soon as its rates arrive. If its lines cannot be kept under the new
        settings (another currency), the basket is kept as it was and finished as it is.
        """
        self._context = context
        basket = self._basket
        if basket.currency != context.currency:
            return
        try:
            self._basket = Basket.restore(
                context.currency,
                context.tax_mode,
                context.tax_rates,
                basket.lines,
                basket.basket_discount,
            )
        except BasketError:
            return

    def start_new_sale(self) -> None:
        """After a completed (or parked) sale: a fresh, empty basket."""
        self._basket = self._context.new_basket()
        self._coupons.clear()
