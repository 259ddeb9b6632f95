"""The customer panel of the sale screen (inline, in the right column; never a modal dialog):
find a customer by email, phone or loyalty card, see their orders across channels and their
store credit, attach or detach them, or create a new one. Layout only; the customer
controller drives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Currency, Money, MoneyError, minor_units_of
from pos_app.services.customers.directory import CustomerRef
from pos_app.ui import formatting
from pos_app.ui.widgets import RIGHT, TOUCH_MIN, InlineMessage, action_button, touch_edit

if TYPE_CHECKING:
    from sync.protocol import CustomerHistory


class CustomerPanel(QFrame):
    search_requested = Signal(str)
    attach_requested = Signal(object)  # CustomerRef
    detach_requested = Signal()
    create_requested = Signal(str, str, str, str)  # name, email, phone, loyalty card
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Customer"))
        self.title.setObjectName("promptTitle")
        self.message = InlineMessage()
        self.pages = QStackedWidget()
        root.addWidget(self.title)
        root.addWidget(self.message)
        root.addWidget(self.pages, 1)

        # -- find ----------------------------------------------------------------------------
        self.find_page = QWidget()
        find = QVBoxLayout(self.find_page)
        find.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.query_edit = touch_edit(
            self.tr("Email, phone or scan the loyalty card"), "customerQuery"
        )
        self.query_edit.returnPressed.connect(self.on_find_button_clicked)
        self.find_button = action_button(self.tr("Find"), "", "primary")
        self.find_button.setMaximumWidth(96)
        self.find_button.clicked.connect(self.on_find_button_clicked)
        row.addWidget(self.query_edit, 1)
        row.addWidget(self.find_button)
        find.addLayout(row)
        self.results = QListWidget()
        self.results.setObjectName("customerResults")
        self.results.setFixedHeight(TOUCH_MIN + 6)
        self.results.currentItemChanged.connect(self.on_results_current_item_changed)
        self.results.itemActivated.connect(lambda _item: self.on_attach_button_clicked())
        find.addWidget(self.results)
        self.details = QLabel()
        self.details.setObjectName("customerDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        find.addWidget(self.details)
        credit_row = QHBoxLayout()
        self.credit_caption = QLabel(self.tr("Store credit"))
        self.credit_value = QLabel()
        self.credit_value.setObjectName("customerCredit")
        self.credit_value.setAlignment(RIGHT)
        credit_row.addWidget(self.credit_caption)
        credit_row.addWidget(self.credit_value, 1)
        find.addLayout(credit_row)
        self.history_caption = QLabel(self.tr("Recent orders (web and in store)"))
        self.history_caption.setObjectName("leftCaption")
        find.addWidget(self.history_caption)
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("customerHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Order"), self.tr("Total")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.history.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        find.addWidget(self.history, 1)
        # Short labels in one row: the 330 px column of a 1024 screen keeps room for history.
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.close_button = action_button(self.tr("Back"))
        self.new_button = action_button(self.tr("New"))
        self.new_button.setToolTip(self.tr("Create a new customer"))
        self.detach_button = action_button(self.tr("Detach"), "", "danger")
        self.attach_button = action_button(self.tr("Attach"), "", "primary")
        self.close_button.setToolTip("Esc")
        self.close_button.clicked.connect(self.closed)
        self.new_button.clicked.connect(self.show_create)
        self.detach_button.clicked.connect(self.detach_requested)
        self.attach_button.clicked.connect(self.on_attach_button_clicked)
        for button in (self.close_button, self.new_button, self.detach_button, self.attach_button):
            buttons.addWidget(button)
        find.addLayout(buttons)
        self.pages.addWidget(self.find_page)

        # -- create --------------------------------------------------------------------------
        self.create_page = QWidget()
        form = QVBoxLayout(self.create_page)
        form.setContentsMargins(0, 0, 0, 0)
        self.name_edit = touch_edit(self.tr("Name"), "newCustomerName")
        self.email_edit = touch_edit(self.tr("Email (required)"), "newCustomerEmail")
        self.phone_edit = touch_edit(self.tr("Phone (optional)"), "newCustomerPhone")
        self.card_edit = touch_edit(self.tr("Loyalty card (scan it; optional)"), "newCustomerCard")
        for edit in (self.name_edit, self.email_edit, self.phone_edit, self.card_edit):
            form.addWidget(edit)
            edit.returnPressed.connect(self.on_create_button_clicked)
        form.addStretch(1)
        create_buttons = QHBoxLayout()
        self.create_cancel_button = action_button(self.tr("Cancel"))
        self.create_button = action_button(self.tr("Create and attach"), "", "primary")
        self.create_cancel_button.clicked.connect(self.show_find)
        self.create_button.clicked.connect(self.on_create_button_clicked)
        create_buttons.addWidget(self.create_cancel_button)
        create_buttons.addWidget(self.create_button)
        form.addLayout(create_buttons)
        self.pages.addWidget(self.create_page)

        escape = QShortcut(QKeySequence("Esc"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.on_escape_activated)
        self._found: list[CustomerRef] = []
        self.currency: Currency | None = None  # the till's; set by the controller
        self.show_customer(None, None, None)

    # -- what the controller calls ----------------------------------------------------------

    def open(self, attached: CustomerRef | None) -> None:
        self.message.clear_message()
        self.show_find()
        if attached is not None:  # say who is on the sale now, whatever the list shows
            self.title.setText(self.tr("Customer · attached: %s") % attached.name)
        self.detach_button.setEnabled(attached is not None)
        if attached is not None and not self._found:
            self.show_results([attached])
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.find_button, self.create_button, self.attach_button):
            widget.setEnabled(not busy)

    def show_results(self, found: list[CustomerRef]) -> None:
        self._found = list(found)
        self.results.clear()
        for customer in found:
            text = f"{customer.name} · {customer.email}"
            if customer.pending:
                text += self.tr(" (not yet at the hub)")
            item = QListWidgetItem(text)
            item.setSizeHint(QSize(0, TOUCH_MIN))
            self.results.addItem(item)
        rows = max(1, min(3, len(found)))
        self.results.setFixedHeight(rows * TOUCH_MIN + 6)
        if found:
            self.results.setCurrentRow(0)
        else:
            self.show_customer(None, None, None)
        self.attach_button.setEnabled(bool(found))

    def selected(self) -> CustomerRef | None:
        row = self.results.currentRow()
        return self._found[row] if 0 <= row < len(self._found) else None

    def show_customer(
        self, customer: CustomerRef | None, history: CustomerHistory | None, note: str | None
    ) -> None:
        """Details of the chosen customer; ``note`` explains a missing history (offline)."""
        self.history.setRowCount(0)
        if customer is None:
            self.details.setText("")
            self.credit_value.setText("—")
            self.history_caption.setVisible(False)
            self.history.setVisible(False)
            return
        first = " · ".join(p for p in (customer.name, customer.phone) if p)
        second = customer.email
        if customer.loyalty_card:
            second += " · " + self.tr("card %s") % customer.loyalty_card
        self.details.setText(f"{first}\n{second}")
        self.history_caption.setVisible(True)
        self.history.setVisible(True)
        if history is None:
            self.credit_value.setText("—")
            self.history_caption.setText(note or self.tr("Recent orders (web and in store)"))
            return
        self.history_caption.setText(self.tr("Recent orders (web and in store)"))
        credit = list(history.store_credit)
        if credit:
            self.credit_value.setText(
                " + ".join(_money(a.balance_minor, a.currency, self.currency) for a in credit)
            )
        else:
            self.credit_value.setText(self.tr("none"))
        self.history.setRowCount(len(history.orders))
        for row, order in enumerate(history.orders):
            channel = self.tr("Web") if order.channel == "web" else self.tr("Store")
            date = formatting.day(order.created_at, weekday=False)
            status = "" if order.status == "sale" else f" · {order.status}"
            reference = order.reference
            if reference.startswith(order.store_id + "-"):  # a receipt no. starts with the till id
                reference = reference[len(order.store_id) + 1 :]
            cells = [
                QTableWidgetItem(date),
                QTableWidgetItem(f"{channel} {reference}{status}"),
                QTableWidgetItem(_money(order.total_minor, order.currency, self.currency)),
            ]
            cells[2].setTextAlignment(RIGHT)
            for column, cell in enumerate(cells):
                self.history.setItem(row, column, cell)

    def show_find(self) -> None:
        self.pages.setCurrentWidget(self.find_page)
        self.title.setText(self.tr("Customer"))
        self.query_edit.setFocus()

    def is_creating(self) -> bool:
        return self.isVisible() and self.pages.currentWidget() is self.create_page

    def show_create(self) -> None:
        self.message.clear_message()
        self.pages.setCurrentWidget(self.create_page)
        self.title.setText(self.tr("New customer"))
        text = self.query_edit.text().strip()
        if "@" in text and not self.email_edit.text():
            self.email_edit.setText(text)  # they searched for it: do not make them type it again
        self.name_edit.setFocus()

    def clear_form(self) -> None:
        for edit in (self.name_edit, self.email_edit, self.phone_edit, self.card_edit):
            edit.clear()

    # -- slots ---------------------------------------------------------------------------------

    def on_find_button_clicked(self) -> None:
        self.search_requested.emit(self.query_edit.text())

    def on_attach_button_clicked(self) -> None:
        customer = self.selected()
        if customer is not None:
            self.attach_requested.emit(customer)

    def on_create_button_clicked(self) -> None:
        self.create_requested.emit(
            self.name_edit.text(),
            self.email_edit.text(),
            self.phone_edit.text(),
            self.card_edit.text(),
        )

    def on_results_current_item_changed(self, *_: object) -> None:
        customer = self.selected()
        if customer is not None:
            self.customer_chosen.emit(customer)

    def on_escape_activated(self) -> None:
        if self.pages.currentWidget() is self.create_page:
            self.show_find()
        else:
            self.closed.emit()

    customer_chosen = Signal(object)  # CustomerRef: show its details (the controller fetches)


def _money(minor: int, currency_code: str, till: Currency | None) -> str:
    # The hub sends ISO codes; the till's own currency knows its minor units, others are
    # shown with two (every currency a web shop of ours sells in).
    currency = till if till is not None and till.code == currency_code else None
    try:
        currency = currency or Currency(currency_code, minor_units_of(currency_code))
        return formatting.money(Money.from_minor(minor, currency), symbol=True)
    except (TypeError, ValueError, MoneyError):
        return f"{minor} {currency_code}"


class EmailReceiptBar(QFrame):
    """Under the receipt: send it by email (the attached customer's address by default)."""

    send_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailReceiptBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.address_edit = touch_edit(self.tr("Email address for the receipt"), "receiptEmail")
        self.address_edit.returnPressed.connect(self.on_send_button_clicked)
        self.send_button = action_button(self.tr("Email receipt"), "Ctrl+E")
        self.send_button.clicked.connect(self.on_send_button_clicked)
        row.addWidget(self.address_edit, 1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.message = InlineMessage()
        layout.addWidget(self.message)

    def reset(self, address: str) -> None:
        self.address_edit.setText(address)
        self.message.clear_message()
        self.send_button.setEnabled(True)

    def on_send_button_clicked(self) -> None:
        self.send_requested.emit(self.address_edit.text())
