"""The search box and its type-ahead results (filled by the SearchLane, off the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pos_app.db.catalog_repo import SearchHit
from pos_app.domain.catalog import CatalogItem
from pos_app.ui import formatting
from pos_app.ui.amount_rows import AmountRowDelegate, amount_row
from pos_app.ui.widgets import TOUCH_MIN


class SearchPanel(QWidget):
    text_edited = Signal(str)
    item_chosen = Signal(object)  # CatalogItem
    code_entered = Signal(str)  # digits typed then Enter with no result chosen: a keyed barcode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(self.tr("Search name or SKU, or key in a barcode  (F2)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumHeight(TOUCH_MIN)
        self.edit.textEdited.connect(self.text_edited)
        self.edit.returnPressed.connect(self.on_edit_return_pressed)
        self.edit.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setUniformItemSizes(True)
        self.results.setItemDelegate(AmountRowDelegate(self.results))
        self.results.itemClicked.connect(self.on_results_item_clicked)
        self.results.hide()
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        self._hits: list[SearchHit] = []

    def show_results(self, text: str, hits: list[SearchHit]) -> None:
        if text != self.edit.text():
            return  # typed on since: a fresher answer is coming
        self._hits = hits
        self.results.clear()
        for hit in hits:
            item = hit.item
            price = formatting.money(item.unit_price, symbol=True)
            row = QListWidgetItem(
                amount_row(
                    f"{item.name}   ·   {item.sku}",
                    price + (self.tr(" /kg") if item.sold_by_weight else ""),
                )
            )
            row.setSizeHint(QSize(0, TOUCH_MIN))
            self.results.addItem(row)
        if hits:
            self.results.setCurrentRow(0)
        rows = min(len(hits), 4)
        self.results.setFixedHeight(rows * (TOUCH_MIN + 2) + 4)
        self.results.setVisible(bool(hits))

    def current_item(self) -> CatalogItem | None:
        """The highlighted search result, while results are shown."""
        row = self.results.currentRow()
        if self.results.isVisible() and 0 <= row < len(self._hits):
            return self._hits[row].item
        return None

    def clear(self) -> None:
        self.edit.clear()
        self._hits = []
        self.results.clear()
        self.results.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.edit.text()
        ):
            self.clear()  # Esc empties the search box (with text in it; else Esc goes on)
            self.text_edited.emit("")
            return True
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and self._hits:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step:
                row = (self.results.currentRow() + step) % len(self._hits)
                self.results.setCurrentRow(row)
                return True
        return False

    def on_edit_return_pressed(self) -> None:
        text = self.edit.text().strip()
        if not text:
            return
        row = self.results.currentRow()
        if self._hits and 0 <= row < len(self._hits) and not text.isdigit():
            self._choose(self._hits[row].item)
        elif text.isdigit():
            self.clear()
            self.code_entered.emit(text)
        elif self._hits:
            self._choose(self._hits[max(row, 0)].item)

    def on_results_item_clicked(self, item: QListWidgetItem) -> None:
        row = self.results.row(item)
        if 0 <= row < len(self._hits):
            self._choose(self._hits[row].item)

    def _choose(self, item: CatalogItem) -> None:
        self.clear()
        self.item_chosen.emit(item)
