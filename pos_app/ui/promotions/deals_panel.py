"""The sale screen's Deals panel (Ctrl+O, not a modal dialog) and near-miss hints.

The panel lists the store's current promotions: name, what it gives, until when, and where it
also runs ("also online" for promotions of both channels, "store only"). The hint bar under
the basket says what would unlock a promotion ("Add 1 more Arabica Coffee → 3 for 10.00");
the hints come from the pure domain.promotions.hints, computed with the basket's totals on the
pricing lane after every basket change (ui.sale.pricing_lane), never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from pos_app.domain.promotions import (
    AmountOff,
    BuyXGetY,
    Channel,
    FixedPrice,
    MultiBuy,
    PercentOff,
    Promotion,
    SpendThreshold,
)
from pos_app.domain.promotions.hints import NearMiss
from pos_app.services.sale.screen_pricing import ScreenPrice
from pos_app.ui import formatting
from pos_app.ui.sale.controller import SaleController
from pos_app.ui.widgets import TOUCH_MIN

PROMOTED_ROW = TOUCH_MIN + 22  # room for the promotion's name under the item's


# These texts are made by functions, not widgets: translated in the panel's context, with the
# context at each call so that pyside6-lupdate files them there (it cannot see through a helper).
translate = QCoreApplication.translate


def _pct(value: Decimal) -> str:
    return format(value.normalize(), "f") + "%"  # 10 -> "10%", 12.50 -> "12.5%"


def describe(promo: Promotion, name_of: Callable[[str], str | None] = lambda _sku: None) -> str:
    """What a promotion gives, in a few words (the reward and what it is on)."""
    r = promo.reward
    if isinstance(r, PercentOff):
        text = translate("DealsPanel", "%s off") % _pct(r.percent)
    elif isinstance(r, AmountOff):
        each = "" if promo.scope.is_basket else translate("DealsPanel", " each")
        text = translate("DealsPanel", "%s off") % formatting.money(r.amount) + each
    elif isinstance(r, FixedPrice):
        text = translate("DealsPanel", "now %s each") % formatting.money(r.price)
    elif isinstance(r, MultiBuy):
        text = (
            translate("DealsPanel", "%1 for %2")
            .replace("%1", str(r.quantity))
            .replace("%2", formatting.money(r.price))
        )
    elif isinstance(r, BuyXGetY):
        free = (
            translate("DealsPanel", "free")
            if r.percent == 100
            else translate("DealsPanel", "%s off") % _pct(r.percent)
        )
        text = (
            translate("DealsPanel", "buy %1 get %2 %3")
            .replace("%1", str(r.buy))
            .replace("%2", str(r.get))
            .replace("%3", free)
        )
    else:
        assert isinstance(r, SpendThreshold)
        if r.percent is not None:
            off = _pct(r.percent)
        else:
            assert r.amount is not None
            off = formatting.money(r.amount)
        text = (
            translate("DealsPanel", "%1 off when you spend %2")
            .replace("%1", off)
            .replace("%2", formatting.money(r.threshold))
        )
    scope = promo.scope
    if scope.departments:
        text += translate("DealsPanel", " on %s") % ", ".join(sorted(scope.departments))
    elif scope.skus and len(scope.skus) <= 2:
        text += translate("DealsPanel", " on %s") % ", ".join(
            name_of(s) or s for s in sorted(scope.skus)
        )
    elif scope.skus:
        # Three or more, so always plural: lupdate files translate(..., n) as no plural.
        text += translate("DealsPanel", " on %1 items").replace("%1", str(len(scope.skus)))
    elif not isinstance(r, SpendThreshold):
        text += translate("DealsPanel", " on the basket")
    return text


def until(promo: Promotion, now: datetime) -> str:
    if promo.ends_at is None:
        return translate("DealsPanel", "no end date")
    end = promo.ends_at.astimezone(now.tzinfo)
    today = end.date() == now.date()
    shown = formatting.formats().time(end) if today else formatting.formats().day_and_time(end)
    return translate("DealsPanel", "until %s") % shown


def tags(promo: Promotion) -> list[str]:
    found = [
        translate("DealsPanel", "also online")
        if Channel.ONLINE in promo.channels
        else translate("DealsPanel", "store only")
    ]
    if promo.coupon is not None:
        found.append(translate("DealsPanel", "coupon %s") % promo.coupon)
    if promo.customer_only:
        found.append(translate("DealsPanel", "members"))
    return found


def hint_text(hint: NearMiss) -> str:
    if hint.sku is not None:
        return (
            translate("DealsPanel", "Add %1 more %2 for %3")
            .replace("%1", str(hint.units))
            .replace("%2", hint.item_name)
            .replace("%3", hint.promo_name)
        )
    assert hint.amount is not None
    where = translate("DealsPanel", " on %s") % hint.item_name if hint.item_name else ""
    return (
        translate("DealsPanel", "Spend %1 more%2 for %3")
        .replace("%1", formatting.money(hint.amount))
        .replace("%2", where)
        .replace("%3", hint.promo_name)
    )


class DealsPanel(QFrame):
    """The list of current deals; shown under the basket, toggled with Ctrl+O."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dealsPanel")
        self.setStyleSheet(
            "QFrame#dealsPanel { background: #ffffff; border: 2px solid #0b4f9c;"
            " border-radius: 8px; } QLabel#dealsTitle { font-weight: 700; color: #0b4f9c; }"
            " QLabel#dealsBody { background: #ffffff; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        self.title = QLabel()
        self.title.setObjectName("dealsTitle")
        layout.addWidget(self.title)
        self.body = QLabel()
        self.body.setObjectName("dealsBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll)
        self.setMaximumHeight(180)  # the basket keeps most of a 768-pixel screen
        self.hide()

    def show_deals(
        self,
        promotions: tuple[Promotion, ...],
        now: datetime,
        applied: frozenset[str] = frozenset(),
        name_of: Callable[[str], str | None] = lambda _sku: None,
    ) -> None:
        self.title.setText(
            self.tr("Deals today: %n promotion(s)", "", len(promotions))
            + "   "
            + self.tr("(Ctrl+O hides)")
        )
        if not promotions:
            self.body.setText(self.tr("No promotions are running in this store now."))
            return
        rows = []
        # Those working in this basket first, then by priority and name.
        order = sorted(
            promotions, key=lambda p: (p.promo_id not in applied, -p.priority, p.name.lower())
        )
        for promo in order:
            marks = [_escape(t) for t in tags(promo)]
            if promo.promo_id in applied:
                marks.insert(
                    0,
                    "<span style='color:#0a7a32'><b>✓ "
                    + _escape(self.tr("in this basket"))
                    + "</b></span>",
                )
            rows.append(
                "<tr>"
                f"<td width='55%'><b>{_escape(promo.name)}</b><br>"
                f"<span style='color:#3d4652'>{_escape(describe(promo, name_of))}</span></td>"
                f"<td align='right'>{_escape(until(promo, now))}<br>"
                f"<span style='color:#0b4f9c'>{' · '.join(marks)}</span></td>"
                "</tr>"
            )
        self.body.setText(
            "<table cellspacing='0' cellpadding='4' width='100%'>" + "".join(rows) + "</table>"
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class HintBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hintBar")
        self.setStyleSheet(
            "QLabel#hintBar { background: #fff8e1; color: #5c4700; border: 2px solid #8a6d00;"
            " border-radius: 6px; padding: 3px 8px; font-size: 15px; font-weight: 600; }"
        )
        self.setWordWrap(True)
        self.hide()

    def show_hints(self, hints: list[NearMiss]) -> None:
        if not hints:
            self.clear()
            self.hide()
            return
        self.setText("\n".join("➜ " + hint_text(h) for h in hints))
        self.show()


class DealsController(QObject):
    """Keeps the panel and the hints in step with the basket and the promotions."""

    def __init__(
        self,
        controller: SaleController,
        promotions: Callable[[], tuple[Promotion, ...]],
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller, self.promotions, self.clock = controller, promotions, clock
        sale = controller.window.sale
        self.panel = DealsPanel()
        self.hints = HintBar()
        sale.below_basket.addWidget(self.hints)
        sale.below_basket.addWidget(self.panel)
        self._applied: frozenset[str] = frozenset()
        sale.deals_button.clicked.connect(self.on_deals_button_clicked)
        controller.basket_repriced.connect(self.on_controller_basket_repriced)

    def on_deals_button_clicked(self) -> None:
        if self.panel.isVisible():
            self.panel.hide()
            return
        self.refresh_panel()
        self.panel.show()
        QTimer.singleShot(0, self.keep_selection_visible)

    def keep_selection_visible(self) -> None:
        """Taller rows or the opened panel must not hide the line just rung."""
        table = self.controller.window.sale.table
        selected = table.selectionModel().selectedRows()
        if selected:
            table.scrollTo(selected[0])

    def refresh_panel(self) -> None:
        context = self.controller.pricing()
        now = context.now if context is not None else self.clock()
        self.panel.show_deals(self.promotions(), now, self._applied, self._name_of)

    def _name_of(self, sku: str) -> str | None:
        item = self.controller.catalog.by_sku(sku)  # one indexed look-up, as a scan does
        return item.name if item is not None else None

    def on_controller_basket_repriced(self, priced: ScreenPrice) -> None:
        totals = priced.totals
        self._applied = frozenset(p.promo_id for line in totals.lines for p in line.promotions)
        table = self.controller.window.sale.table
        for row, line in enumerate(totals.lines):
            # A promoted line shows the promotion's name on a second line (basket_model).
            table.setRowHeight(row, PROMOTED_ROW if line.promotions else TOUCH_MIN)
        QTimer.singleShot(0, self.keep_selection_visible)  # after the layout settles
        if self.panel.isVisible():
            self.refresh_panel()  # the feed may have brought or ended promotions
        self.hints.show_hints(list(priced.hints))  # computed with the totals, off this thread
