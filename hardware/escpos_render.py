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

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hardware.receipt_barcode import code128_bytes, code128_payload, module_width_for
from hardware.receipt_layout import BarcodeBlock, Block, CutBlock, QrBlock, TextBlock, printable
from hardware.receipt_raster import drawable, fits_code_page, line_image, raster_bytes

__all__ = [
    "DrawerPulse",
    "EscposRenderer",
    "check_code_page",
    "check_profile",
    "drawer_kick_bytes",
    "known_profiles",
]


@dataclass(frozen=True)
class DrawerPulse:
    """ESC p m t1 t2: pin 2 (m=0) or pin 5 (m=1), on/off times in milliseconds.

    The printer counts in 2 ms units, so odd values round down; 0..510 ms each.
    """

    pin: int = 2
    on_ms: int = 100
    off_ms: int = 100

    def __post_init__(self) -> None:
        if self.pin not in (2, 5):
            raise ValueError(f"drawer kick pin must be 2 or 5, not {self.pin}")
        for name, value in (("on_ms", self.on_ms), ("off_ms", self.off_ms)):
            if not 2 <= value <= 510:
                raise ValueError(f"drawer pulse {name} must be 2..510 ms, not {value}")


def drawer_kick_bytes(pulse: DrawerPulse) -> bytes:
    """The kick command, made by python-escpos' ``cashdraw`` from a decimal sequence."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.cashdraw([27, 112, 0 if pulse.pin == 2 else 1, pulse.on_ms // 2, pulse.off_ms // 2])
    return bytes(printer.output)


def known_profiles() -> list[str]:
    """The printer models python-escpos has a capability profile for."""
    from escpos.capabilities import CAPABILITIES

    return sorted(CAPABILITIES["profiles"])


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_profile(profile: str) -> None:
    """ValueError naming the known profiles unless python-escpos has this one."""
    profiles = known_profiles()
    if profile not in profiles:
        raise ValueError(
            f"unknown printer profile {profile!r}{_did_you_mean(profile, profiles)}; "
            f"use one of {', '.join(profiles)}"
        )


# "auto": the code page of the receipt's language (code_page_for), so a Polish store's receipts
# print ł and ż as text rather than as pictures; CP858 (Western Europe, with €) otherwise.
AUTO_CODE_PAGE = "auto"
DEFAULT_CODE_PAGE = "CP858"
_CODE_PAGE_BY_LANGUAGE = {
    "pl": "CP852", "cs": "CP852", "sk": "CP852", "hu": "CP852", "hr": "CP852", "sl": "CP852",
    "ro": "CP852", "ru": "CP866", "uk": "CP866", "bg": "CP866", "el": "CP737", "tr": "CP857",
}  # fmt: skip


def _pages(profile: str) -> list[str]:
    from escpos.capabilities import get_profile  # python-escpos stays lazy (hardware/__init__)

    return sorted(p for p in get_profile(profile).get_code_pages() if p != "Unknown")


def code_page_for(locale: str, profile: str = "default") -> str:
    """The code page for a receipt in ``locale`` ("fr_FR" -> CP858, "pl_PL" -> CP852) that
    ``profile`` has; CP858 when it has not (letters missing there print as images)."""
    language = locale.split("_", 1)[0].lower()
    page = _CODE_PAGE_BY_LANGUAGE.get(language, DEFAULT_CODE_PAGE)
    return page if page in _pages(profile) else DEFAULT_CODE_PAGE


def check_code_page(profile: str, code_page: str) -> None:
    """ValueError naming the profile's code pages unless it has this one (or is "auto")."""
    check_profile(profile)
    if code_page == AUTO_CODE_PAGE:
        return
    pages = _pages(profile)
    if code_page not in pages:
        raise ValueError(
            f"printer profile {profile!r} has no code page {code_page!r}"
            f"{_did_you_mean(code_page, pages)}; use one of {', '.join(pages)}"
        )


class EscposRenderer:
    """Renders layout blocks for one printer model (profile) and one code page."""

    def __init__(
        self,
        profile: str = "default",
        code_page: str = AUTO_CODE_PAGE,
        *,
        dots: int = 576,
        columns: int = 42,
    ) -> None:
        from escpos.capabilities import get_profile

        check_code_page(profile, code_page)
        probe = get_profile(profile)
        self.profile = profile
        self.code_page = code_page
        self._default_page = DEFAULT_CODE_PAGE if code_page == AUTO_CODE_PAGE else code_page
        self.dots = dots  # across the roll: sizes the receipt barcode and raster lines
        self.columns = columns
        self._hw_barcodes = bool(probe.supports("barcodeB"))
        self._hw_qr = bool(probe.supports("qrCode"))

    def page_for(self, locale: str) -> str:
        """The code page a document in ``locale`` prints in: the configured one, or by language."""
        if self.code_page != AUTO_CODE_PAGE:
            return self.code_page
        return code_page_for(locale, self.profile) if locale else self._default_page

    def render(self, blocks: Sequence[Block], *, code_page: str | None = None) -> bytes:
        from escpos.printer import Dummy  # at the first job, on the printer's worker thread

        page = code_page or self._default_page
        printer: Any = Dummy(profile=self.profile)
        printer.hw("INIT")
        printer.charcode(page)
        for block in blocks:
            if isinstance(block, TextBlock):
                self._text(printer, block, page)
            elif isinstance(block, BarcodeBlock):
                self._barcode(printer, block.data)
            elif isinstance(block, QrBlock):
                self._qr(printer, block.data)
            elif isinstance(block, CutBlock):
                printer.cut(mode="PART" if block.partial else "FULL")
        return bytes(printer.output)

    def _text(self, printer: Any, block: TextBlock, page: str) -> None:
        text = printable(block.text)
        if not fits_code_page(text, page) and drawable(text):
            # A letter the code page lacks (Ł, Greek): the line as a picture, not "?".
            image = line_image(text, dots=self.dots, columns=self.columns, bold=block.bold)
            printer._raw(raster_bytes(image))
            return
        styled = block.bold or block.double_height or block.invert
        if styled:
            if block.double_height:
                printer.set(double_height=True)
            printer.set(bold=block.bold, invert=block.invert)
        printer.text(text + "\n")
        if styled:
            printer.set(normal_textsize=True, bold=False, invert=False)

    def _barcode(self, printer: Any, data: str) -> None:
        if self._hw_barcodes:
            payload = code128_payload(data)
            width = module_width_for(payload, self.dots)
            if width is not None:
                printer._raw(code128_bytes(payload, width))
            else:  # too long for this roll even at 2 dots a module
                self._qr(printer, data)
            return
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
