"""The first-run screens' centred card: both steps (hub or standalone, then devices) use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget


def centred_card(page: QWidget, *, max_width: int, margin_v: int, spacing: int) -> QVBoxLayout:
    """A card centred on ``page`` (stretch above and below); returns the card's layout."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(24, margin_v, 24, margin_v)
    card = QFrame(page)
    card.setObjectName("firstRunCard")
    card.setMaximumWidth(max_width)
    card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
    outer.addStretch(1)
    outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addStretch(1)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, margin_v, 20, margin_v)
    layout.setSpacing(spacing)
    return layout
