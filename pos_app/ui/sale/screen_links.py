"""How the other screens work with the sale screen: explicit links, no hooks set from outside.

A mixin of ``SaleController``. Nothing outside the sale screen assigns its attributes or calls
its private methods; instead:

- **What changed** reaches every screen through the till's ``ChangeNotifier`` (the pattern is
  described in ``pos_app.services.changes``; the model is Anki's ``OpChanges``). A completed
  sale publishes ``OpChanges(basket, outbox, sale, drawer_open)``; the returns, exchange and
  collections screens publish their own sales, drawer opens and queued events the same way;
  the feed's promotions, an accepted coupon and an attached customer publish ``promotions``,
  ``basket`` and ``customer``. ``on_op_changes`` reprices the basket on those and re-emits
  ``drawer_open_recorded`` and ``sale_completed`` for every published drawer open and sale,
  whichever screen made it, so the devices (kick, receipt, display) and the customer's email
  bar have one source. The sync bridge subscribes too (``outbox``: send now).
- **Scans** other screens take: ``route_scans`` (a screen shown instead of the sale takes all
  of them: collections, returns), ``claim_scans_first`` (a loyalty card is no product) and
  ``claim_unknown_scans`` (a coupon barcode that matched no product).
- **Weighing**: ``claim_weighing`` (the serial scale weighs an item sold by weight; its
  weight comes back through ``add_weighed``).
- **Acting on the sale**: ``attach_customer`` (and the read-only ``customer``); on the
  controller itself ``ask``/``close_prompt`` (the inline prompt), ``show_error``/``show_info``,
  ``take_payment``/``end_payment`` (the tender panel for another screen's payment),
  ``show_basket``, ``pricing``/``base_pricing``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pos_app.domain.catalog import CatalogItem
from pos_app.services.changes import ChangeNotifier, OpChanges
from pos_app.services.customers.directory import CustomerRef

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class ScreenLinksMixin:
    # Set up by SaleController.__init__.
    changes: ChangeNotifier
    _customer: CustomerRef | None
    _page_scans: dict[QWidget, Callable[[str], None]]
    _first_claims: list[Callable[[str], bool]]
    _unknown_claims: list[Callable[[str], bool]]
    _weigh_claims: list[Callable[[CatalogItem], bool]]
    drawer_open_recorded: Any
    sale_completed: Any

    if TYPE_CHECKING:  # provided by SaleController

        def show_basket(self, select_line: int | None = None) -> None: ...

    def on_op_changes(self, changes: OpChanges, origin: object | None) -> None:
        if changes.promotions or changes.customer or (changes.basket and origin is not self):
            self.show_basket()  # at the new prices
        if changes.drawer_open is not None:
            self.drawer_open_recorded.emit(changes.drawer_open)
        if changes.sale is not None:
            self.sale_completed.emit(changes.sale)

    @property
    def customer(self) -> CustomerRef | None:
        """The customer attached to this sale (the checkout records them)."""
        return self._customer

    def attach_customer(self, customer: CustomerRef | None) -> None:
        """Attach ``customer`` to this sale (None: detach); customer-only promotions price in
        or out."""
        if customer == self._customer:
            return
        self._customer = customer
        self.changes.publish(OpChanges(customer=True), origin=self)

    def route_scans(self, page: QWidget, handler: Callable[[str], None]) -> None:
        """While ``page`` is shown instead of the sale, its scans go to ``handler`` (the
        collections screen: picking and pickup codes; the returns screen: receipts)."""
        self._page_scans[page] = handler

    def claim_scans_first(self, claim: Callable[[str], bool]) -> None:
        """Offer every code scanned or keyed on the sale screen to ``claim`` before it is
        looked up as a product; True: it took it (a loyalty card)."""
        self._first_claims.append(claim)

    def claim_unknown_scans(self, claim: Callable[[str], bool]) -> None:
        """Offer a code that is no product to ``claim`` before saying so; True: it took it
        (a coupon barcode)."""
        self._unknown_claims.append(claim)

    def claim_weighing(self, weigh: Callable[[CatalogItem], bool]) -> None:
        """Offer an item sold by weight to ``weigh`` before asking for its weight; True: it
        weighs it (the serial scale, ui.devices) and calls ``add_weighed`` with the weight."""
        self._weigh_claims.append(weigh)

    def _claimed(self, claims: list[Callable[[str], bool]], code: str) -> bool:
        return any(claim(code) for claim in claims)
