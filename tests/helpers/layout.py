"""Does a screen fit? The checks behind tests/gui/test_layout_fits.py (issue 15 defect 2).

``layout_problems(root)`` walks every visible widget under ``root`` and lists, in words:

- text that is cut: a button's label line wider than the room the style leaves for it (a
  QPushButton never elides: "emove lin", a quick-cash note without its €), a label's text wider
  (or, word-wrapped, taller) than its contents; measured with the widget's own polished font;
- two visible sibling widgets that overlap (keypad keys over each other, a keypad over the
  card fields);
- a widget that sticks out of the window (a status bar cut at the right edge) or out of its
  parent, which clips it (a key pad's last row cut off under the cash field).

Widgets inside a scroll area's viewport are clipped by it on purpose and are only checked for
cut text; widgets under ``skip`` (by object name) are not checked at all.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QWidget,
)

SLACK_PX = 1  # rounding of fractional font metrics


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _in_viewport(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def _skipped(widget: QWidget, root: QWidget, skip: Collection[str]) -> bool:
    node: QWidget | None = widget
    while node is not None and node is not root:
        if node.objectName() in skip:
            return True
        node = node.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QPushButton, QLabel)):
        text = " " + repr(widget.text().replace("\n", " / ")[:40])
    return f"{type(widget).__name__}#{widget.objectName() or '-'}{text}"


def _button_cut(button: QPushButton) -> str:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    if not button.icon().isNull():
        room.setWidth(room.width() - button.iconSize().width() - 4)
    metrics = button.fontMetrics()
    lines = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&").split("\n")
    for line in lines:
        need = metrics.horizontalAdvance(line)
        if need > room.width() + SLACK_PX:
            return f"{line!r} needs {need} px, has {room.width()}"
    need_h = metrics.height() * len(lines)
    if need_h > room.height() + metrics.descent() + SLACK_PX:
        return f"{len(lines)} lines need {need_h} px high, have {room.height()}"
    return ""


def _label_cut(label: QLabel) -> str:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    room = label.contentsRect().adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    if label.wordWrap() or label.textFormat() == label.textFormat().RichText or "<" in text:
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK_PX:
            return f"wrapped text needs {need} px high, has {label.height()}"
        return ""
    metrics = label.fontMetrics()
    for line in text.split("\n"):
        need = metrics.horizontalAdvance(line)
        if need > room.width() + SLACK_PX:
            return f"{line!r} needs {need} px, has {room.width()}"
    return ""


def _overlaps(parent: QWidget, skip: Collection[str], root: QWidget) -> list[str]:
    children = [
        c
        for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if _shown(c) and not c.isWindow() and not _skipped(c, root, skip)
    ]
    found = []
    for i, a in enumerate(children):
        for b in children[i + 1 :]:
            common = a.geometry().intersected(b.geometry())
            if common.width() > SLACK_PX and common.height() > SLACK_PX:
                found.append(
                    f"{_name(a)} overlaps {_name(b)} by {common.width()}x{common.height()}"
                )
    return found


def layout_problems(root: QWidget, skip: Collection[str] = ()) -> list[str]:
    """Everything about ``root`` (a shown page, dialog or window) that does not fit."""
    window = root.window()
    frame = window.rect()
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not _shown(widget) or (widget.isWindow() and widget is not window):
            continue
        if _skipped(widget, root, skip):
            continue
        clipped = _in_viewport(widget, root)
        cut = ""
        if isinstance(widget, QPushButton) and widget.text():
            cut = _button_cut(widget)
        elif isinstance(widget, QLabel) and not isinstance(widget.parentWidget(), QComboBox):
            cut = _label_cut(widget)
        if cut:
            problems.append(f"cut: {_name(widget)}: {cut}")
        if clipped or isinstance(widget, (QAbstractSpinBox, QComboBox)):
            continue  # their parts are laid out by the style, not by our layouts
        if widget is not window:
            place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            if not frame.contains(place):
                problems.append(f"outside the window: {_name(widget)} at {place.getRect()}")
            parent = widget.parentWidget()
            if parent is not None:
                box = parent.rect().adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX)
                if not box.contains(widget.geometry()):
                    size = f"{parent.width()}x{parent.height()}"
                    problems.append(
                        f"cut by its parent: {_name(widget)} at {widget.geometry().getRect()}"
                        f" in {_name(parent)} {size}"
                    )
        problems += _overlaps(widget, skip, root)
    return problems


def placeholders_cut(root: QWidget) -> list[str]:
    """Visible line edits under ``root`` whose grey hint is wider than their text room ("Last
    4 di…"): a hint a cashier reads only half of. Not part of ``layout_problems``: a long
    search hint that trails off is fine, a field's only label is not."""
    found = []
    for edit in root.findChildren(QLineEdit):
        hint = edit.placeholderText()
        if not hint or not _shown(edit) or edit.text():
            continue
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        # Where QLineEdit draws its text (the theme's border and padding taken off), less the
        # 2 px it keeps on each side.
        inner = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        margins = edit.textMargins()
        room = inner.width() - margins.left() - margins.right() - 4
        need = edit.fontMetrics().horizontalAdvance(hint)
        if need > room + SLACK_PX:
            found.append(f"hint cut: {edit.objectName() or '-'} {hint!r} needs {need}, has {room}")
    return found
