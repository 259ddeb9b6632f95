"""Taking payment: cash with quick-cash notes and change shown large, card via the external
terminal (only what it printed: approval code, last 4, scheme), split tenders.

The panel keeps the tenders entered so far and shows ``domain.tenders.settle`` for them; the
sale is completed by the controller, once, when the panel asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import DomainError
from pos_app.domain.money import Money, sum_money
from pos_app.domain.receipt import tender_label
from pos_app.domain.sale.tenders import (
    CardReference,
    Settlement,
    Tender,
    TenderKind,
    cash_due,
    settle,
)
from pos_app.ui import formatting
from pos_app.ui.amount_rows import AmountRowDelegate, amount_row
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, KeyPad, action_button, apply_key

NOTES = (Decimal(5), Decimal(10), Decimal(20), Decimal(50), Decimal(100), Decimal(200))
SCHEMES = ("VISA", "Mastercard", "Amex", "Maestro", "Other")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def quick_cash_amounts(due: Money, count: int = 3) -> list[Money]:
    """Exact, then the next notes a customer is likely to hand over."""
    amounts = [due]
    for note in NOTES:
        value = (due.amount / note).to_integral_value(rounding=ROUND_CEILING) * note
        candidate = Money.of(value, due.currency)
        if candidate > due and candidate not in amounts:
            amounts.append(candidate)
        if len(amounts) > count:
            break
    return amounts


@dataclass(frozen=True)
class PaymentPurpose:
    """What the panel is paying for when another screen borrows it (a pay-in-store collection):
    its title and button texts, so the associate never reads "Complete sale" there."""

    title: str
    complete: str
    back: str
    busy: str


class TenderPanel(QWidget):
    complete_requested = Signal(list)  # list[Tender]
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tenderPanel")
        self._total: Money | None = None
        self._step = Decimal("0.01")
        self._tenders: list[Tender] = []
        self._busy = False

        self._purpose: PaymentPurpose | None = None

        root = QVBoxLayout(self)
        # Shown only when another screen borrows the panel: says whose payment this is.
        self.title = QLabel()
        self.title.setObjectName("tenderTitle")
        self.title.setWordWrap(True)
        self.title.hide()
        root.addWidget(self.title)
        head = QHBoxLayout()
        self.due_caption, self.due_value = self._box(head, self.tr("Total due"), "dueValue", 2)
        self.paid_caption, self.paid_value = self._box(head, self.tr("Paid"), "paidValue", 2)
        self.left_caption, self.left_value = self._box(
            head, self.tr("Still to pay"), "changeValue", 3
        )
        self.left_caption.setObjectName("leftCaption")
        root.addLayout(head)
        self.message = InlineMessage()
        root.addWidget(self.message)

        body = QHBoxLayout()
        root.addLayout(body, 1)
        cash = QGroupBox(self.tr("Cash"))
        cash_layout = QVBoxLayout(cash)
        # What cash pays when the store rounds it, said before it is taken: "Total due €3.57"
        # over an "Exact €3.55" button read as a mistake (issue 15 defect 5).
        self.cash_rounding = QLabel()
        self.cash_rounding.setObjectName("cashRounding")
        self.cash_rounding.setAlignment(_RIGHT)
        self.cash_rounding.hide()
        cash_layout.addWidget(self.cash_rounding)
        self.quick = QGridLayout()
        cash_layout.addLayout(self.quick)
        self.cash_edit = QLineEdit()
        self.cash_edit.setObjectName("cashEdit")
        # Short, beside its button: "(Enter = exact)" was cut there; the Exact button says it.
        self.cash_edit.setPlaceholderText(self.tr("Cash handed over"))
        self.cash_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.cash_edit.setMinimumHeight(TOUCH_MIN)
        self.cash_edit.returnPressed.connect(self.on_cash_edit_return_pressed)
        # The field and its button on one row: under each other, with the pay-in-store title
        # above, the panel was taller than a 768-px screen and cut the pad's last row (issue 15).
        entry = QHBoxLayout()
        entry.addWidget(self.cash_edit, 3)
        cash_layout.addLayout(entry)
        pad = KeyPad()
        pad.key_pressed.connect(
            lambda key: self.cash_edit.setText(apply_key(self.cash_edit.text(), key))
        )
        cash_layout.addWidget(pad, 1)
        self.add_cash_button = action_button(self.tr("Add cash\n(Enter)"), "", "primary")
        self.add_cash_button.setMinimumHeight(TOUCH_MIN + 12)  # two lines, as a shortcut's
        self.add_cash_button.clicked.connect(self.on_cash_edit_return_pressed)
        entry.addWidget(self.add_cash_button, 2)
        cash_layout.setSpacing(4)
        body.addWidget(cash, 3)

        side = QVBoxLayout()
        card = QGroupBox(self.tr("Card (payment terminal)"))
        form = QGridLayout(card)
        form.setVerticalSpacing(6)
        self.card_amount = self._field(self.tr("Amount"), "cardAmount")
        # No grey hint: the caption beside each says it, and at 1024 px the hint was cut
        # ("Approval c…", "Last 4 di…"; issue 15). The amount's hint is what is left to pay.
        self.card_approval = self._field("", "cardApproval")
        self.card_last4 = self._field("", "cardLast4")
        self.card_last4.setMaxLength(4)
        self.card_scheme = QComboBox()
        self.card_scheme.addItems(SCHEMES)
        self.card_scheme.setMinimumHeight(TOUCH_MIN)
        # Two fields to a row: four rows did not fit 768 px high, the fields overlapped (and the
        # pay-in-store title takes a row more; issue 15).
        for index, (caption, widget) in enumerate(
            (
                (self.tr("Amount"), self.card_amount),
                (self.tr("Approval"), self.card_approval),
                (self.tr("Last 4"), self.card_last4),
                (self.tr("Scheme"), self.card_scheme),
            )
        ):
            row, column = index // 2, (index % 2) * 2
            form.addWidget(QLabel(caption), row, column)
            form.addWidget(widget, row, column + 1)
        for column in (1, 3):
            form.setColumnStretch(column, 1)
        self.add_card_button = action_button(self.tr("Add card payment"), "", "primary")
        self.add_card_button.clicked.connect(self.on_add_card_button_clicked)
        self.card_last4.returnPressed.connect(self.on_add_card_button_clicked)
        form.addWidget(self.add_card_button, 2, 0, 1, 4)
        side.addWidget(card)
        self.store_credit_button = action_button(self.tr("Store credit / gift card"))
        self.store_credit_button.setEnabled(False)
        self.store_credit_button.setToolTip(self.tr("Needs the hub, which is not connected yet."))
        side.addWidget(self.store_credit_button)
        side.addWidget(QLabel(self.tr("Payments")))
        self.payments = QListWidget()
        self.payments.setObjectName("paymentsList")
        self.payments.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.payments.setItemDelegate(AmountRowDelegate(self.payments))
        self.payments.setMinimumHeight(60)
        side.addWidget(self.payments, 1)
        self.remove_payment_button = action_button(self.tr("Remove last payment"))
        self.remove_payment_button.clicked.connect(self.on_remove_payment_button_clicked)
        side.addWidget(self.remove_payment_button)
        body.addLayout(side, 3)

        foot = QHBoxLayout()
        self.back_button = action_button(self.tr("Back to basket"), "Esc")
        self.back_button.clicked.connect(self.on_back_button_clicked)
        self.complete_button = action_button(self.tr("Complete sale"), "F12", "pay")
        # Two lines of the pay role's 24 px text: 60 px cut them (issue 15).
        self.complete_button.setMinimumHeight(TOUCH_MIN + 28)
        self.complete_button.clicked.connect(self.on_complete_button_clicked)
        foot.addWidget(self.back_button, 1)
        foot.addWidget(self.complete_button, 2)
        root.addLayout(foot)

    def _box(
        self, row: QHBoxLayout, caption: str, name: str, stretch: int
    ) -> tuple[QLabel, QLabel]:
        frame = QFrame()
        frame.setObjectName("tenderBox")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(0)
        cap, val = QLabel(caption), QLabel()
        cap.setProperty("role", "tenderCaption")
        val.setObjectName(name)
        for label in (cap, val):
            label.setAlignment(_RIGHT)
            layout.addWidget(label)
        row.addWidget(frame, stretch)
        return cap, val

    def _field(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(TOUCH_MIN)
        return edit

    # -- state ---------------------------------------------------------------------------------

    @property
    def tenders(self) -> list[Tender]:
        return list(self._tenders)

    def start(
        self, total: Money, cash_rounding_step: Decimal, purpose: PaymentPurpose | None = None
    ) -> None:
        """Start a payment; without ``purpose`` the panel is the sale screen's again."""
        self._total, self._step, self._tenders = total, cash_rounding_step, []
        self.set_purpose(purpose)
        self.set_busy(False)
        self.message.clear_message()
        self.cash_edit.clear()
        for edit in (self.card_amount, self.card_approval, self.card_last4):
            edit.clear()
        self._refresh()
        self.cash_edit.setFocus()

    def set_purpose(self, purpose: PaymentPurpose | None) -> None:
        self._purpose = purpose
        self.title.setText(purpose.title if purpose is not None else "")
        self.title.setVisible(purpose is not None)
        complete = purpose.complete if purpose is not None else self.tr("Complete sale")
        back = purpose.back if purpose is not None else self.tr("Back to basket")
        _relabel(self.complete_button, complete, "F12")
        _relabel(self.back_button, back, "Esc")

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.complete_button,
            self.back_button,
            self.add_cash_button,
            self.add_card_button,
            self.remove_payment_button,
        ):
            widget.setEnabled(not busy)
        if busy:
            text = self._purpose.busy if self._purpose else self.tr("Completing the sale…")
            self.message.show_info(text, 0)

    def settlement(self) -> Settlement | None:
        if self._total is None:
            return None
        return settle(self._total, self._tenders, self._step)

    def add_tender(self, tender: Tender) -> bool:
        try:
            if self._total is None:
                return False
            settle(self._total, [*self._tenders, tender], self._step)
        except DomainError as exc:
            self.message.show_error(formatting.error_text(exc))
            return False
        self._tenders.append(tender)
        self.message.clear_message()
        self._refresh()
        return True

    def _refresh(self) -> None:
        result = self.settlement()
        if result is None or self._total is None:
            return
        self.due_value.setText(formatting.money(result.amount_due, symbol=True))
        # Cash rounding changes what is due: say so, with the total it was rounded from, so
        # the €33.24 on the sale screen does not silently become €33.25 here (issue 15).
        adjustment = result.rounding_adjustment
        self.due_caption.setText(
            self.tr("Total due")
            if adjustment.is_zero()
            else self.tr("Total %1 · Rounded %2")
            .replace("%1", formatting.money(self._total, symbol=True))
            .replace("%2", formatting.signed_money(adjustment))
        )  # fmt: skip
        self.paid_value.setText(formatting.money(result.paid, symbol=True))
        if result.is_complete:
            self.left_caption.setText(self.tr("CHANGE"))
            self.left_value.setText(formatting.money(result.change, symbol=True))
            self.left_value.setProperty("state", "change")
        else:
            self.left_caption.setText(self.tr("Still to pay"))
            self.left_value.setText(formatting.money(result.remaining, symbol=True))
            self.left_value.setProperty("state", "due")
        self.left_value.style().unpolish(self.left_value)
        self.left_value.style().polish(self.left_value)
        self.payments.clear()
        for tender in self._tenders:
            self.payments.addItem(
                amount_row(tender_label(tender), formatting.money(tender.amount, symbol=True))
            )
        self.complete_button.setEnabled(result.is_complete and not self._busy)
        self._fill_quick_cash()
        remaining_non_cash = self._total - self._non_cash()
        self.card_amount.setPlaceholderText(
            "" if result.is_complete else formatting.money(remaining_non_cash)
        )

    def _non_cash(self) -> Money:
        assert self._total is not None
        paid = Money.zero(self._total.currency)
        for tender in self._tenders:
            if not tender.is_cash:
                paid = paid + tender.amount
        return paid

    def _cash_due_now(self) -> Money:
        assert self._total is not None
        cash_paid = Money.zero(self._total.currency)
        for tender in self._tenders:
            if tender.is_cash:
                cash_paid = cash_paid + tender.amount
        due = cash_due(self._total, self._non_cash(), self._step) - cash_paid
        return max(due, Money.zero(self._total.currency))

    def _fill_quick_cash(self) -> None:
        while self.quick.count():
            item = self.quick.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        due = self._cash_due_now()
        self._say_cash_rounding(due)
        if due.is_zero():
            return
        for i, amount in enumerate(quick_cash_amounts(due)):
            text = (
                self.tr("Exact %s") % formatting.money(amount, symbol=True)
                if i == 0
                else formatting.money(amount, symbol=True)
            )
            button = action_button(text, "", "quickCash")
            button.clicked.connect(lambda _=False, a=amount: self._add_cash(a))
            # "Exact" on a row of its own, the notes under it: four in a row cut the € signs
            # and the cents on a 1024-px screen (issue 15).
            if i == 0:
                self.quick.addWidget(button, 0, 0, 1, 3)
            else:
                self.quick.addWidget(button, 1, i - 1)

    def _say_cash_rounding(self, cash_due_now: Money) -> None:
        assert self._total is not None
        paid = sum_money((t.amount for t in self._tenders), self._total.currency)
        exact = max(self._total - paid, Money.zero(self._total.currency))
        rounding = cash_due_now - exact
        self.cash_rounding.setVisible(not cash_due_now.is_zero() and not rounding.is_zero())
        self.cash_rounding.setText(
            self.tr("In cash %1 · Rounding %2")
            .replace("%1", formatting.money(cash_due_now, symbol=True))
            .replace("%2", formatting.signed_money(rounding))
        )

    # -- slots ---------------------------------------------------------------------------------

    def _add_cash(self, amount: Money) -> None:
        try:
            tender = Tender(TenderKind.CASH, amount)
        except DomainError as exc:
            self.message.show_error(formatting.error_text(exc))
            return
        if self.add_tender(tender):
            self.cash_edit.clear()

    def on_cash_edit_return_pressed(self) -> None:
        if self._busy or self._total is None:
            return
        text = self.cash_edit.text().strip()
        result = self.settlement()
        if not text:
            if result is not None and result.is_complete:
                self.on_complete_button_clicked()
            else:
                self._add_cash(self._cash_due_now())
            return
        value = formatting.parse_decimal(text)
        if value is None:
            self.message.show_error(self.tr("%s is not an amount.") % text[:20])
            return
        try:
            self._add_cash(Money.of(value, self._total.currency))
        except DomainError as exc:
            self.message.show_error(formatting.error_text(exc))

    def on_add_card_button_clicked(self) -> None:
        if self._busy or self._total is None:
            return
        text = self.card_amount.text().strip() or self.card_amount.placeholderText()
        value = formatting.parse_decimal(text)
        if value is None:
            self.message.show_error(self.tr("Enter the card amount."))
            return
        try:
            card = CardReference(
                approval_code=self.card_approval.text().strip(),
                last4=self.card_last4.text().strip(),
                scheme=self.card_scheme.currentText(),
            )
            tender = Tender(TenderKind.CARD, Money.of(value, self._total.currency), card=card)
        except DomainError as exc:
            self.message.show_error(formatting.error_text(exc))
            return
        if self.add_tender(tender):
            for edit in (self.card_amount, self.card_approval, self.card_last4):
                edit.clear()
            self.cash_edit.setFocus()

    def on_remove_payment_button_clicked(self) -> None:
        if self._tenders and not self._busy:
            self._tenders.pop()
            self._refresh()

    def on_back_button_clicked(self) -> None:
        if not self._busy:
            self.cancelled.emit()

    def on_complete_button_clicked(self) -> None:
        result = self.settlement()
        if self._busy or result is None:
            return
        if not result.is_complete:
            self.message.show_error(
                self.tr("%s is still to pay.") % formatting.money(result.remaining, symbol=True)
            )
            return
        self.set_busy(True)
        self.complete_requested.emit(list(self._tenders))


def _relabel(button: QPushButton, text: str, shortcut: str) -> None:
    """New words on an ``action_button``; its shortcut line and binding stay."""
    button.setText(f"{text}\n{shortcut}")
    button.setAccessibleName(text)
