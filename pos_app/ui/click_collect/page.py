"""The click-and-collect screen: the queue by state, and one order's pick list. No logic here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.click_collect.orders import OrderState, delivery_town
from pos_app.domain.receipt import ReceiptDocument, render_text
from pos_app.services.click_collect.queue import QUEUE_ORDER, OrderDetail, OrderSummary, Queue
from pos_app.ui import formatting
from pos_app.ui.prompt_panel import PromptPanel
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage, action_button

GIVE_COLUMN = 5
HANDING_OVER = (OrderState.READY, OrderState.PARTIALLY_COLLECTED)
# The list shows the work in hand first: an order being picked stays at the top, never pushed
# below a morning's new orders (issue 15); then the queue's own order.
LIST_ORDER = (OrderState.PICKING, *(s for s in QUEUE_ORDER if s is not OrderState.PICKING))


def _milli(value: int) -> str:
    return f"{value / 1000:g}"


class CollectionsPage(QWidget):
    order_chosen = Signal(str)
    search_entered = Signal(str)
    search_cleared = Signal()
    line_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collections")
        self._labels = {
            OrderState.NEW: self.tr("New"),
            OrderState.PICKING: self.tr("Picking"),
            OrderState.READY: self.tr("Ready"),
            OrderState.PARTIALLY_COLLECTED: self.tr("Part collected"),
            OrderState.COLLECTED: self.tr("Collected today"),
            OrderState.SHIPPED: self.tr("Shipped today"),
            OrderState.CANCELLED: self.tr("Cancelled"),
            OrderState.EXPIRED: self.tr("Expired"),
        }
        root = QHBoxLayout(self)
        root.setSpacing(12)

        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Scan QR / type order no., name, email or phone"))
        self.search.setMinimumHeight(TOUCH_MIN)
        self.search.returnPressed.connect(self._on_search_return)
        self.search.textChanged.connect(self._on_search_text_changed)
        left.addWidget(self.search)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setObjectName("collectionCounts")
        left.addWidget(self.counts)
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("collectionQueue")
        self.queue_list.itemClicked.connect(self._on_queue_item_clicked)
        self.queue_list.setWordWrap(True)
        self.queue_list.setSpacing(3)
        self.queue_list.setAlternatingRowColors(True)
        self.queue_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.addWidget(self.queue_list, 1)
        root.addLayout(left, 1)

        right = QVBoxLayout()
        self.title = QLabel(self.tr("Choose an order on the left"))
        big = QFont(self.title.font())
        big.setPointSize(big.pointSize() + 6)
        big.setBold(True)
        self.title.setFont(big)
        self.title.setWordWrap(True)
        right.addWidget(self.title)
        self.info = QLabel()
        self.info.setWordWrap(True)
        right.addWidget(self.info)
        self.review = QLabel()
        self.review.setWordWrap(True)
        self.review.setObjectName("collectionReview")
        self.review.setStyleSheet(
            "background:#fde2e1;color:#8a1c13;padding:8px;font-weight:bold;border-radius:4px"
        )
        self.review.hide()
        right.addWidget(self.review)
        self.message = InlineMessage()
        right.addWidget(self.message)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Dept."),
                self.tr("Item"),
                self.tr("Ordered"),
                self.tr("Picked"),
                self.tr("Short"),
                self.tr("Give now"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_MIN)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4, GIVE_COLUMN):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellClicked.connect(self._on_table_cell_clicked)
        right.addWidget(self.table, 1)
        # A pay-in-store hand-over's change, as big as the sale screen shows it.
        self.change_caption = QLabel(self.tr("CHANGE"))
        self.change_caption.setObjectName("leftCaption")
        self.change_value = QLabel()
        self.change_value.setObjectName("changeValue")
        self.change_value.setProperty("state", "change")
        self.change_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        change_row = QHBoxLayout()
        change_row.addWidget(self.change_caption)
        change_row.addWidget(self.change_value, 1)
        self.change_box = QWidget()
        self.change_box.setObjectName("collectionChange")
        self.change_box.setLayout(change_row)
        change_row.setContentsMargins(0, 0, 0, 0)
        self.change_box.hide()
        right.addWidget(self.change_box)
        # The collection receipt just printed, in place of the lines until an order is chosen.
        self.receipt_preview = QPlainTextEdit()
        self.receipt_preview.setObjectName("collectionReceipt")
        self.receipt_preview.setReadOnly(True)
        self.receipt_preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.receipt_preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.receipt_preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.receipt_preview.hide()
        right.addWidget(self.receipt_preview, 1)
        # A manager's PIN when the signed-in user may not (expire, reviewed).
        self.prompt = PromptPanel()
        self.prompt.hide()
        right.addWidget(self.prompt)
        self.note = QLineEdit()
        self.note.setMinimumHeight(TOUCH_MIN)
        self._note_hint = self.tr("Note: ID checked / who collects / cancel reason")
        # A delivery's last step asks no customer: the box takes the parcel's reference.
        self._tracking_hint = self.tr("Parcel tracking no. (optional): type or scan")
        self.note.setPlaceholderText(self._note_hint)
        right.addWidget(self.note)

        grid = QGridLayout()
        grid.setSpacing(8)
        self.start_button = action_button(self.tr("Start pick"), "F3")
        self.short_button = action_button(self.tr("Line short"), "F4")
        self.ready_button = action_button(self.tr("Ready + label"), "F5")
        self.handover_button = action_button(self.tr("Hand over"), "F6")
        # In the Hand over button's place for a delivery (one of the two is ever shown).
        self.ship_button = action_button(self.tr("Shipped"), "F6")
        self.ship_button.setProperty("compact", True)
        self.ship_button.hide()
        self.cancel_button = action_button(self.tr("Cancel"), "F9", "danger")
        self.expire_button = action_button(self.tr("Expire late"), "F10")
        self.review_button = action_button(self.tr("Reviewed"), "F7")
        self.back_button = action_button(self.tr("Back"), "Esc")
        self.print_button = action_button(self.tr("Print pick list"), "F8")
        buttons = [
            self.start_button,
            self.print_button,
            self.short_button,
            self.ready_button,
            self.handover_button,
            self.cancel_button,
            self.expire_button,
            self.review_button,
            self.back_button,
        ]
        for i, button in enumerate(buttons):
            # Five to a row in two thirds of a 1024 px screen: the compact padding keeps
            # "Ready + label" whole (issue 15).
            button.setProperty("compact", True)
            grid.addWidget(button, i // 5, i % 5)
            if button is self.handover_button:
                grid.addWidget(self.ship_button, i // 5, i % 5)
        # Not ``actions``: that would hide QWidget.actions(), the widget's QActions.
        self.action_pad = QWidget()
        self.action_pad.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.action_pad)
        root.addLayout(right, 2)
        self._buttons = [*buttons, self.ship_button]
        self.next_button: QPushButton | None = None

    def _on_search_return(self) -> None:
        text = self.search.text()
        if not text.strip() and self.next_button is not None:
            self.next_button.click()  # Enter in the empty box: the highlighted next step
            return
        self.search_entered.emit(text)

    def _on_search_text_changed(self, text: str) -> None:
        if not text.strip():
            self.search_cleared.emit()

    def set_next_action(self, button: QPushButton | None) -> None:
        """Highlight the order's next step (Start pick, Ready + label, Hand over) as the
        default: it is drawn as the primary button and Enter in the empty search box presses
        it. None: nothing to press (picking: scan the next item)."""
        self.next_button = button
        for each in self._buttons:
            each.setProperty("next", each is button)
            each.style().unpolish(each)
            each.style().polish(each)

    def _on_queue_item_clicked(self, item: QListWidgetItem) -> None:
        self.order_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_table_cell_clicked(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.line_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_prompt(self) -> None:
        """The inline prompt instead of the buttons (their Esc would clash with its Esc)."""
        self.action_pad.hide()
        self.prompt.show()

    def show_actions(self) -> None:
        self.prompt.hide()
        self.action_pad.show()

    def show_receipt(self, receipt: ReceiptDocument) -> None:
        self.receipt_preview.setPlainText(render_text(receipt, 42))
        self.table.hide()
        self.receipt_preview.show()
        if receipt.tenders:  # paid here: the change to give, before anything else
            self.change_value.setText(formatting.money(receipt.change, symbol=True))
            self.change_box.show()

    def handover_quantities(self) -> dict[int, int] | None:
        """Per line, what to give now (milli), from the Give now boxes; None if there are none."""
        give: dict[int, int] = {}
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, GIVE_COLUMN)
            item = self.table.item(row, 0)
            if isinstance(box, QSpinBox) and item is not None:
                give[int(item.data(Qt.ItemDataRole.UserRole))] = box.value() * 1000
        return give or None

    def give_box(self, line_no: int) -> QSpinBox | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and int(item.data(Qt.ItemDataRole.UserRole)) == line_no:
                box = self.table.cellWidget(row, GIVE_COLUMN)
                return box if isinstance(box, QSpinBox) else None
        return None

    def selected_line(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def show_queue(self, queue: Queue, current: str | None = None) -> None:
        parts = [f"{self._labels[s]}: {queue.counts[s]}" for s in QUEUE_ORDER]
        if queue.review_count:
            parts.append(self.tr("NEEDS REVIEW: %1").replace("%1", str(queue.review_count)))
        self.counts.setText("  ·  ".join(parts))
        self.show_orders(queue.orders, current)

    def show_orders(
        self, orders: tuple[OrderSummary, ...] | list[OrderSummary], current: str | None = None
    ) -> None:
        self.queue_list.clear()
        rank = {s: i for i, s in enumerate(LIST_ORDER)}
        chosen: QListWidgetItem | None = None
        for o in sorted(orders, key=lambda o: (not o.needs_review, rank[o.state], o.created_at)):
            due = formatting.day_and_time(o.due_by)
            flags = []
            if o.needs_review:
                flags.append(self.tr("⚠ CHECK"))
            if o.overdue:
                flags.append(self.tr("OVERDUE"))
            head = f"{o.number}  ·  {self._labels[o.state]}  {' '.join(flags)}"
            pay = self.tr("paid") if o.paid else self.tr("PAY IN STORE")
            body = self.tr("%1 · %n item(s) · %2", "", o.item_count).replace("%1", o.customer_name)
            body = body.replace("%2", pay) + "\n"
            if o.delivery:  # no pickup date: where it goes
                town = delivery_town(o.deliver_to) or self.tr("no address")
                body += self.tr("DELIVER TO %1").replace("%1", town)
            else:
                body += self.tr("due by %1").replace("%1", due)
            item = QListWidgetItem(f"{head}\n{body}")
            item.setData(Qt.ItemDataRole.UserRole, o.number)
            if o.needs_review or o.overdue:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.queue_list.addItem(item)
            if o.number == current:
                item.setSelected(True)
                chosen = item
        if chosen is not None:  # the order in hand stays in view after every refresh
            self.queue_list.scrollToItem(chosen)

    def show_detail(self, detail: OrderDetail | None) -> None:
        self.change_box.hide()
        delivery = detail is not None and detail.summary.delivery
        self.handover_button.setVisible(not delivery)
        self.ship_button.setVisible(delivery)
        self.note.setPlaceholderText(self._tracking_hint if delivery else self._note_hint)
        if detail is None:
            self.title.setText(self.tr("Choose an order on the left"))
            self.info.clear()
            self.review.hide()
            self.table.setRowCount(0)
            self.receipt_preview.hide()
            self.table.show()
            return
        s = detail.summary
        self.title.setText(f"{s.number} — {self._labels[s.state]}")
        pay = self.tr("Paid online") if s.paid else self.tr("PAY IN STORE")
        claimed = self.tr(" · picking: %1").replace("%1", s.claimed_by) if s.claimed_by else ""
        due = formatting.day_and_time(s.due_by)
        overdue = self.tr(" · OVERDUE") if s.overdue else ""
        if s.delivery:
            address = s.deliver_to or self.tr("no address")
            where = self.tr("DELIVER TO: %1").replace("%1", address)
            if detail.tracking_ref:
                where += self.tr(" · tracking %1").replace("%1", detail.tracking_ref)
        else:
            where = self.tr("due by %1").replace("%1", due) + overdue
        self.info.setText(
            f"{s.customer_name} · {s.customer_email} · {s.customer_phone or ''}\n"
            f"{pay} · {where}{claimed}"
        )
        self.receipt_preview.hide()
        self.table.show()
        self.review.setVisible(s.needs_review)
        self.review.setText(formatting.text_of(s.review_reason or ""))
        self.table.setRowCount(len(detail.lines))
        for row, line in enumerate(detail.lines):
            cells = [
                line.department,
                line.name,
                _milli(line.ordered_milli),
                _milli(line.picked_milli),
                _milli(line.short_milli) if line.short_milli else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, line.line_no)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if line.to_pick_milli == 0:
                    item.setBackground(QColor("#d4f4dc" if not line.short_milli else "#fff1b8"))
                self.table.setItem(row, col, item)
            self.table.removeCellWidget(row, GIVE_COLUMN)
            if s.state in HANDING_OVER and line.waiting_milli >= 1000:
                box = QSpinBox()  # all that waits, by default; lower it to keep some back
                box.setRange(0, line.waiting_milli // 1000)
                box.setValue(line.waiting_milli // 1000)
                box.setMinimumHeight(TOUCH_MIN - 8)
                box.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setCellWidget(row, GIVE_COLUMN, box)
                self.table.setItem(row, GIVE_COLUMN, QTableWidgetItem())
            elif line.collected_milli:
                taken = QTableWidgetItem(
                    self.tr("%1 taken").replace("%1", _milli(line.collected_milli))
                )
                taken.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, GIVE_COLUMN, taken)
            else:
                self.table.setItem(row, GIVE_COLUMN, QTableWidgetItem())
