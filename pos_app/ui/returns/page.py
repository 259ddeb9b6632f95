"""The returns screen: a receipt's lines with what can still come back. No logic here."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Money
from pos_app.domain.receipt import ReceiptDocument, render_text
from pos_app.domain.returns.rules import (
    Condition,
    IdDocument,
    ReasonCode,
    RefundMethod,
    ReturnAssessment,
    ReturnItem,
)
from pos_app.domain.sale.tenders import CardReference
from pos_app.services.returns.in_store import ReturnableSale
from pos_app.ui import formatting
from pos_app.ui.prompt_panel import PromptPanel
from pos_app.ui.sale.tender_panel import SCHEMES
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, action_button

QTY_COLUMN, REASON_COLUMN, CONDITION_COLUMN = 3, 4, 5


def _milli(value: int) -> str:
    return f"{value / 1000:g}"


class ReturnsPage(QWidget):
    receipt_entered = Signal(str)
    items_changed = Signal()  # a quantity, reason or condition changed: price it again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returns")
        self._reasons = {
            ReasonCode.CHANGED_MIND: self.tr("Changed mind"),
            ReasonCode.WRONG_SIZE: self.tr("Wrong size"),
            ReasonCode.FAULTY: self.tr("Faulty"),
            ReasonCode.DAMAGED_ON_ARRIVAL: self.tr("Damaged on arrival"),
            ReasonCode.NOT_AS_DESCRIBED: self.tr("Not as described"),
            ReasonCode.OTHER: self.tr("Other"),
        }
        self._conditions = {
            Condition.UNOPENED: self.tr("Unopened"),
            Condition.OPENED: self.tr("Opened, resaleable"),
            Condition.DAMAGED: self.tr("Damaged"),
            Condition.DEFECTIVE: self.tr("Defective"),
        }
        root = QVBoxLayout(self)
        root.setSpacing(8)
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setObjectName("returnsReceipt")
        self.receipt_edit.setPlaceholderText(self.tr("Scan or type the receipt number"))
        self.receipt_edit.setMinimumHeight(TOUCH_MIN)
        self.receipt_edit.returnPressed.connect(self.on_receipt_edit_return_pressed)
        root.addWidget(self.receipt_edit)
        self.title = QLabel(self.tr("Returns: scan the receipt"))
        big = QFont(self.title.font())
        big.setPointSize(big.pointSize() + 6)
        big.setBold(True)
        self.title.setFont(big)
        self.title.setWordWrap(True)
        root.addWidget(self.title)
        self.message = InlineMessage()
        root.addWidget(self.message)
        body = QHBoxLayout()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("returnsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Sold"),
                self.tr("Returnable"),
                self.tr("Return"),
                self.tr("Reason"),
                self.tr("Condition"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_MIN)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # The lines coming back above an exchange's new items: side by side, the reason and
        # condition columns would be squeezed out of sight at 1024 px.
        left = QVBoxLayout()
        left.addWidget(self.table, 3)
        body.addLayout(left, 3)
        # An exchange's new items, scanned after the lines coming back were chosen.
        self.new_table = QTableWidget(0, 3)
        self.new_table.setObjectName("exchangeTable")
        self.new_table.setHorizontalHeaderLabels(
            [self.tr("New item"), self.tr("Qty"), self.tr("Amount")]
        )
        self.new_table.verticalHeader().hide()
        self.new_table.verticalHeader().setDefaultSectionSize(TOUCH_MIN)
        self.new_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.new_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        new_header = self.new_table.horizontalHeader()
        new_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            new_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.new_table.hide()
        left.addWidget(self.new_table, 2)
        # The return receipt just printed.
        self.receipt_preview = QPlainTextEdit()
        self.receipt_preview.setObjectName("returnReceipt")
        self.receipt_preview.setReadOnly(True)
        self.receipt_preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.receipt_preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.receipt_preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.receipt_preview.hide()
        body.addWidget(self.receipt_preview, 2)
        root.addLayout(body, 1)
        self.refund_box = self._build_refund_box()
        root.addWidget(self.refund_box)
        # A manager's PIN when the return is above the cashier's limits.
        self.prompt = PromptPanel()
        self.prompt.hide()
        root.addWidget(self.prompt)
        grid = QGridLayout()
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        self.refund_button = action_button(self.tr("Refund"), "F12", "pay")
        self.back_button = action_button(self.tr("Back"), "Esc")
        self.store_credit_button = action_button(self.tr("Store credit instead"), "F9")
        self.exchange_button = action_button(self.tr("Exchange"), "F8")
        self.no_receipt_button = action_button(self.tr("No receipt"), "F7")
        # In an exchange, F7 takes back a new item scanned by mistake instead.
        self.remove_new_button = action_button(self.tr("Remove last new item"), "F7", "danger")
        self.remove_new_button.hide()
        grid.addWidget(self.back_button, 0, 0)
        grid.addWidget(self.no_receipt_button, 0, 1)
        grid.addWidget(self.remove_new_button, 0, 1)
        grid.addWidget(self.exchange_button, 0, 2)
        grid.addWidget(self.store_credit_button, 0, 3)
        grid.addWidget(self.refund_button, 0, 4)
        # Not ``actions``: that would hide QWidget.actions(), the widget's QActions.
        self.action_pad = QWidget()
        self.action_pad.setLayout(grid)
        root.addWidget(self.action_pad)
        self._line_nos: list[int] = []

    def _build_refund_box(self) -> QWidget:
        """How the money goes back (the plan), and the terminal's reference for a card refund."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("refundPlan")
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        plan_font = QFont(self.plan_label.font())
        plan_font.setPointSize(plan_font.pointSize() + 3)
        plan_font.setBold(True)
        self.plan_label.setFont(plan_font)
        row.addWidget(self.plan_label, 2)
        self.card_box = QGroupBox(
            self.tr("Card: refund on the terminal, then type what it printed")
        )
        form = QGridLayout(self.card_box)
        for col, text in enumerate((self.tr("Approval code"), self.tr("Last 4"), self.tr("Card"))):
            form.addWidget(QLabel(text), 0, col)
        self.card_approval = QLineEdit()
        self.card_approval.setObjectName("refundCardApproval")
        self.card_approval.setPlaceholderText(self.tr("Approval code"))
        self.card_last4 = QLineEdit()
        self.card_last4.setObjectName("refundCardLast4")
        self.card_last4.setPlaceholderText(self.tr("Last 4 digits"))
        self.card_last4.setMaxLength(4)
        self.card_scheme = QComboBox()
        self.card_scheme.addItems(SCHEMES)
        for col, widget in enumerate((self.card_approval, self.card_last4, self.card_scheme)):
            widget.setMinimumHeight(TOUCH_MIN)
            form.addWidget(widget, 1, col)
        self.card_box.hide()
        row.addWidget(self.card_box, 3)
        # A receipt-less return notes the customer's ID: its kind and last 4 characters only.
        self.id_box = QGroupBox(self.tr("Customer ID (only the last 4 characters are kept)"))
        id_form = QGridLayout(self.id_box)
        self.id_type = QComboBox()
        self.id_type.setObjectName("returnIdType")
        for code, label in (
            (IdDocument.DRIVING_LICENCE, self.tr("Driving licence")),
            (IdDocument.PASSPORT, self.tr("Passport")),
            (IdDocument.NATIONAL_ID, self.tr("National ID card")),
            (IdDocument.OTHER, self.tr("Other photo ID")),
        ):
            self.id_type.addItem(label, str(code))
        self.id_number = QLineEdit()
        self.id_number.setObjectName("returnIdNumber")
        self.id_number.setPlaceholderText(self.tr("ID number"))
        # Shown while typed, then masked: the screen faces a queue.
        self.id_number.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        for col, widget in enumerate((self.id_type, self.id_number)):
            widget.setMinimumHeight(TOUCH_MIN)
            id_form.addWidget(widget, 0, col)
        self.id_box.hide()
        row.addWidget(self.id_box, 3)
        return box

    def show_receiptless(self, active: bool) -> None:
        """No-receipt mode: scans are the items coming back; the ID box is shown."""
        self.id_box.setVisible(active)
        self.id_number.clear()
        self.exchange_button.setEnabled(not active)
        self.no_receipt_button.setEnabled(not active)
        self.store_credit_button.setEnabled(not active)  # it is store credit anyway
        if active:
            self.title.setText(self.tr("No receipt: scan the items coming back"))
            self.receipt_edit.setPlaceholderText(self.tr("No receipt: scan the items"))
        else:
            self.receipt_edit.setPlaceholderText(self.tr("Scan or type the receipt number"))

    def show_plan(
        self, assessment: ReturnAssessment | None, cash_rounding_step: Decimal = Decimal(0)
    ) -> None:
        """The refund as it will be paid back, with the drawer's cash rounding (the store's
        ``cash_rounding_step``) said: the total shown is the one paid and recorded (issue 15:
        "Refund €3.84" was followed by "Refunded €3.85"). The card fields only when a card is
        refunded."""
        if assessment is None or assessment.total.is_zero():
            self.plan_label.clear()
            self.card_box.hide()
            self.refund_button.setText(self.tr("Refund") + "\nF12")
            return
        names = {
            RefundMethod.CASH: self.tr("Cash"),
            RefundMethod.CARD: self.tr("Card"),
            RefundMethod.STORE_CREDIT: self.tr("Store credit"),
        }
        parts, rounding = self._refund_parts(assessment, cash_rounding_step, names)
        text = self.tr("Refund %1: %2").replace(
            "%1", formatting.money(assessment.paid_back(cash_rounding_step), symbol=True)
        )
        self.plan_label.setText(text.replace("%2", " + ".join(parts)) + rounding)
        card = any(p.method is RefundMethod.CARD for p in assessment.refund)
        self.card_box.setVisible(card)
        cash = any(p.method is RefundMethod.CASH for p in assessment.refund)
        label = self.tr("Refund to card") if card else self.tr("Refund cash")
        if card and cash:
            label = self.tr("Refund card + cash")
        if all(p.method is RefundMethod.STORE_CREDIT for p in assessment.refund):
            label = self.tr("Refund store credit")
        self.refund_button.setText(f"{label}\nF12")

    def show_exchange(self, lines: list[tuple[str, str, Money]] | None) -> None:
        """The new items of an exchange (name, quantity, amount); None: not an exchange."""
        self.new_table.setVisible(lines is not None)
        self.exchange_button.setEnabled(lines is None)
        self.no_receipt_button.setVisible(lines is None)
        self.store_credit_button.setEnabled(lines is None)
        self.remove_new_button.setVisible(lines is not None)
        self.remove_new_button.setEnabled(bool(lines))
        self.receipt_edit.setPlaceholderText(
            self.tr("Scan the receipt number")
            if lines is None
            else self.tr("Exchange: scan the new items the customer takes")
        )
        self.new_table.setRowCount(0 if lines is None else len(lines))
        for row, (name, qty, amount) in enumerate(lines or []):
            for col, text in enumerate((name, qty, formatting.money(amount, symbol=True))):
                item = QTableWidgetItem(text)
                if col == 2:  # money right-aligned
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                elif col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.new_table.setItem(row, col, item)
        if lines is not None:
            self.refund_button.setText(self.tr("Complete exchange") + "\nF12")

    def _refund_parts(
        self, assessment: ReturnAssessment, step: Decimal, names: dict[RefundMethod, str]
    ) -> tuple[list[str], str]:
        """Each way the refund goes back ("Cash €9.00"), the drawer's cash rounding in the cash
        part, and the words that say the rounding (" · Rounding +€0.01"; empty when none)."""
        rounding = assessment.cash_rounding(step)
        parts: list[str] = []
        unsaid = rounding
        for part in assessment.refund:
            amount = part.amount
            if part.method is RefundMethod.CASH:  # the drawer rounds all its cash once
                amount, unsaid = amount + unsaid, Money.zero(amount.currency)
            parts.append(f"{names[part.method]} {formatting.money(amount, symbol=True)}")
        if rounding.is_zero():
            return parts, ""
        return parts, " · " + self.tr("Rounding %1").replace(
            "%1", formatting.signed_money(rounding)
        )

    def show_exchange_quote(
        self,
        returned: Money,
        new_total: Money,
        assessment: ReturnAssessment | None,
        cash_rounding_step: Decimal = Decimal(0),
    ) -> None:
        """Back, new, and the difference: who pays whom, and how a refund goes back (in cash
        rounded as the drawer pays it, as show_plan says it)."""
        money = formatting.money
        head = (
            self.tr("Back %1 · New %2 · ")
            .replace("%1", money(returned, symbol=True))
            .replace("%2", money(new_total, symbol=True))
        )
        net = new_total - returned
        card = False
        if net.is_positive():
            tail = self.tr("Customer pays %1").replace("%1", money(net, symbol=True))
            action = self.tr("Take payment")
        elif net.is_zero():
            tail, action = self.tr("Even exchange: no money changes hands"), self.tr("Complete")
        else:
            names = {
                RefundMethod.CASH: self.tr("cash"),
                RefundMethod.CARD: self.tr("card"),
                RefundMethod.STORE_CREDIT: self.tr("store credit"),
            }
            parts: list[str] = []
            rounding, back = "", -net
            if assessment is not None:
                parts, rounding = self._refund_parts(assessment, cash_rounding_step, names)
                back += assessment.cash_rounding(cash_rounding_step)
            tail = self.tr("Customer gets %1 back").replace("%1", money(back, symbol=True))
            tail += (f" ({' + '.join(parts)})" if parts else "") + rounding
            card = assessment is not None and any(
                p.method is RefundMethod.CARD for p in assessment.refund
            )
            action = self.tr("Refund difference")
        self.plan_label.setText(head + tail)
        self.store_credit_button.setEnabled(net.is_negative())  # only money back can be credit
        self.card_box.setVisible(card)
        self.refund_button.setText(action + "\nF12")

    def card_reference(self) -> CardReference:
        """What the terminal printed for the card refund; TenderError says what is wrong."""
        return CardReference(
            approval_code=self.card_approval.text().strip(),
            last4=self.card_last4.text().strip(),
            scheme=self.card_scheme.currentText(),
        )

    def on_receipt_edit_return_pressed(self) -> None:
        self.receipt_entered.emit(self.receipt_edit.text())

    def reset(self) -> None:
        self.receipt_edit.clear()
        self.title.setText(self.tr("Returns: scan the receipt"))
        self.message.clear_message()
        self.show_sale(None)
        self.receipt_preview.hide()
        self.show_actions()
        self.card_approval.clear()
        self.card_last4.clear()
        self.show_exchange(None)
        self.show_receiptless(False)

    def show_prompt(self) -> None:
        """The inline prompt instead of the buttons (their Esc would clash with its Esc)."""
        self.action_pad.hide()
        self.refund_box.hide()  # room for the PIN pad at 1024x768; the prompt says why
        self.prompt.show()

    def show_actions(self) -> None:
        self.prompt.hide()
        self.refund_box.show()
        self.action_pad.show()

    def show_receipt(self, receipt: ReceiptDocument) -> None:
        self.receipt_preview.setPlainText(render_text(receipt, 42))
        self.receipt_preview.show()

    def show_sale(self, sale: ReturnableSale | None) -> None:
        self.table.setRowCount(0)
        self._line_nos = []
        self.show_plan(None)
        if sale is None:
            return
        when = formatting.day_and_time(sale.created_at, year=True)
        title = self.tr("Receipt %1 — %2").replace("%1", sale.receipt_no)
        if sale.receiptless:
            title = self.tr("No receipt — today's prices, store credit only, manager approves")
        if sale.sold_elsewhere:  # another till's receipt, from the hub (returns_hub.py)
            title += " — " + self.tr("Sale of %1").replace("%1", sale.sold_elsewhere)
        self.title.setText(title.replace("%2", when))
        self.table.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            orig = line.original
            self._line_nos.append(orig.line_no)
            for col, text in enumerate(
                (orig.name, _milli(orig.quantity_milli), _milli(line.returnable_milli))
            ):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
            box = QDoubleSpinBox()
            whole = orig.quantity_milli % 1000 == 0
            box.setDecimals(0 if whole else 3)
            box.setRange(0, line.returnable_milli / 1000)
            box.setValue(0)
            box.setEnabled(line.returnable_milli > 0)
            box.setMinimumHeight(TOUCH_MIN - 8)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.valueChanged.connect(self.items_changed)
            self.table.setCellWidget(row, QTY_COLUMN, box)
            reason = QComboBox()
            for code, label in self._reasons.items():
                reason.addItem(label, str(code))
            reason.currentIndexChanged.connect(self.items_changed)
            self.table.setCellWidget(row, REASON_COLUMN, reason)
            condition = QComboBox()
            for state, label in self._conditions.items():
                condition.addItem(label, str(state))
            condition.currentIndexChanged.connect(self.items_changed)
            self.table.setCellWidget(row, CONDITION_COLUMN, condition)

    def quantity_box(self, line_no: int) -> QDoubleSpinBox | None:
        if line_no not in self._line_nos:
            return None
        box = self.table.cellWidget(self._line_nos.index(line_no), QTY_COLUMN)
        return box if isinstance(box, QDoubleSpinBox) else None

    def combo(self, line_no: int, column: int) -> QComboBox | None:
        if line_no not in self._line_nos:
            return None
        box = self.table.cellWidget(self._line_nos.index(line_no), column)
        return box if isinstance(box, QComboBox) else None

    def return_items(self) -> list[ReturnItem]:
        """The lines with a quantity to return, as the boxes and combos say."""
        items: list[ReturnItem] = []
        for row, line_no in enumerate(self._line_nos):
            box = self.table.cellWidget(row, QTY_COLUMN)
            reason = self.table.cellWidget(row, REASON_COLUMN)
            condition = self.table.cellWidget(row, CONDITION_COLUMN)
            if not isinstance(box, QDoubleSpinBox) or box.value() <= 0:
                continue
            assert isinstance(reason, QComboBox)
            assert isinstance(condition, QComboBox)
            items.append(
                ReturnItem(
                    line_no,
                    round(box.value() * 1000),
                    ReasonCode(reason.currentData()),
                    Condition(condition.currentData()),
                )
            )
        return items
