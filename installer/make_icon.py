"""Make ``installer/omnitill.ico`` (the Windows executables' and uninstaller's icon) from
``installer/omnitill.svg``: Qt renders the SVG, Pillow writes the sizes Windows asks for.

    QT_QPA_PLATFORM=offscreen python installer/make_icon.py

The .ico is committed; run this again only when the SVG changes.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(HERE / "omnitill.svg")).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    Image.open(io.BytesIO(bytes(buffer.data().data()))).save(HERE / "omnitill.ico", sizes=SIZES)
    del app


if __name__ == "__main__":
    main()
