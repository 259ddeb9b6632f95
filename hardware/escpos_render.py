"""ReceiptDocument → ESC/POS bytes, built with python-escpos against a capability profile.

Rendering is pure (no I/O): the bytes are made once, then any connector sends them. That keeps
the hot path measurable (bench/bench_hardware.py) and lets a failed job be resent unchanged.

Code pages: python-escpos 3.1 can print € after ESC @ with a code page it never re-selected
(its encoder remembers the page across the printer reset). So every job is rendered on a fresh
escpos object and selects its one code page right after ESC @ with ``charcode``; from then on
magic encoding is off and a character the page lacks becomes ``?`` instead of a page switch
the printer may not support, or an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from escpos.printer import Dummy

from hardware.printer_config import DrawerPulse
from hardware.receipt_layout import BarcodeBlock, Block, CutBlock, QrBlock, TextBlock, printable

__all__ = ["DrawerPulse", "EscposRenderer", "drawer_kick_bytes"]


def drawer_kick_bytes(pulse: DrawerPulse) -> bytes:
    """The kick command, made by python-escpos' ``cashdraw`` from a decimal sequence."""
    printer = Dummy()
    printer.cashdraw([27, 112, 0 if pulse.pin == 2 else 1, pulse.on_ms // 2, pulse.off_ms // 2])
    return bytes(printer.output)


class EscposRenderer:
    """Renders layout blocks for one printer model (profile) and one code page."""

    def __init__(self, profile: str = "default", code_page: str = "CP858") -> None:
        probe = Dummy(profile=profile)
        pages = probe.profile.get_code_pages()
        if code_page not in pages:
            raise ValueError(
                f"printer profile {profile!r} has no code page {code_page!r}; "
                f"it knows {', '.join(sorted(pages))}"
            )
        self.profile = profile
        self.code_page = code_page
        self._hw_barcodes = bool(probe.profile.supports("barcodeB"))
        self._hw_qr = bool(probe.profile.supports("qrCode"))

    def render(self, blocks: Sequence[Block]) -> bytes:
        printer: Any = Dummy(profile=self.profile)
        printer.hw("INIT")
        printer.charcode(self.code_page)
        for block in blocks:
            if isinstance(block, TextBlock):
                self._text(printer, block)
            elif isinstance(block, BarcodeBlock):
                self._barcode(printer, block.data)
            elif isinstance(block, QrBlock):
                self._qr(printer, block.data)
            elif isinstance(block, CutBlock):
                printer.cut(mode="PART" if block.partial else "FULL")
        return bytes(printer.output)

    @staticmethod
    def _text(printer: Any, block: TextBlock) -> None:
        styled = block.bold or block.double_height or block.invert
        if styled:
            if block.double_height:
                printer.set(double_height=True)
            printer.set(bold=block.bold, invert=block.invert)
        printer.text(printable(block.text) + "\n")
        if styled:
            printer.set(normal_textsize=True, bold=False, invert=False)

    def _barcode(self, printer: Any, data: str) -> None:
        if self._hw_barcodes:
            # The private _hw_barcode is used because the public barcode() print()s the
            # renderer it chose to stdout on every call.
            printer._hw_barcode("{B" + data, "CODE128", 60, 2, "BELOW", "A", True, "B", True)
        else:
            printer._sw_barcode("code128", data, impl="bitImageRaster", center=True)
        printer.set(align="left")

    def _qr(self, printer: Any, data: str) -> None:
        if self._hw_qr:
            printer.set(align="center")
            printer.qr(data, native=True, size=4)
            printer.text("\n")
            printer.set(align="left")
        else:
            printer.qr(data, native=False, center=True)
