"""The receipt barcode sized for the roll: CODE128 with digit runs in code set C, the widest
module that fits the printer's dots with its quiet zones, else a QR code.

An enrolled till's receipt number (``paris-11-T001-000123``) in code set B at 2 dots a module
needs 510 dots: wider than a 58 mm roll (384 dots) and tight on 80 mm (576). Code set C packs
two digits per symbol, so ``-000123`` costs 4 symbols instead of 7; the module width is then
the widest that fits with the 10-module quiet zone on each side that CODE128 needs to scan.
Epson printers take GS w 2..6, so where even 2 dots a module does not fit, the number is
printed as a QR code (about 25 modules square) which any 2D scanner at the returns desk reads;
the number is on the receipt as text in any case.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "PRINTABLE_DOTS",
    "code128_bytes",
    "code128_modules",
    "code128_payload",
    "module_width_for",
    "printable_dots",
]

# Printable width of a 203 dpi thermal head: 48 mm of a 58 mm roll, 72 mm of an 80 mm roll.
PRINTABLE_DOTS: dict[int, int] = {58: 384, 80: 576}
QUIET_MODULES = 10
MODULE_WIDTHS = (3, 2)  # dots; wider reads more easily, 3 is ample for a receipt number
HEIGHT_DOTS = 60
_SYMBOL = 11  # modules per CODE128 symbol; the stop pattern has 13
_STOP = 13


def printable_dots(profile: str, paper_width_mm: Literal[58, 80]) -> int:
    """Dots across the roll: the profile's own figure for full-width paper when it has one
    (a 180 dpi TM-T88V has 512), else the 203 dpi figure for the roll."""
    if paper_width_mm == 80:
        from escpos.capabilities import get_profile  # not escpos.printer: see escpos_render

        media = get_profile(profile).profile_data.get("media", {})
        pixels = media.get("width", {}).get("pixels")
        if isinstance(pixels, int) and 0 < pixels <= PRINTABLE_DOTS[80]:
            return pixels
    return PRINTABLE_DOTS[paper_width_mm]


def _digit_runs(text: str) -> list[tuple[bool, str]]:
    runs: list[tuple[bool, str]] = []
    for char in text:
        digit = char.isdigit() and char.isascii()
        if runs and runs[-1][0] == digit:
            runs[-1] = (digit, runs[-1][1] + char)
        else:
            runs.append((digit, char))
    return runs


def code128_payload(text: str) -> bytes:
    """ESC/POS GS k 73 data for printable ASCII ``text``: code set B, switching to C for a run
    of digits where that saves symbols (4+ at either end, 6+ inside; an odd run leaves its
    first digit in B). '{' is escaped as '{{'."""
    out = bytearray()
    current = ""
    runs = _digit_runs(text)
    for index, (digits, run) in enumerate(runs):
        edge = index in (0, len(runs) - 1)
        if digits and len(run) >= (4 if edge else 6):
            if len(run) % 2:
                if current != "B":
                    out += b"{B"
                    current = "B"
                out += run[0].encode("ascii")
                run = run[1:]
            if current != "C":
                out += b"{C"
                current = "C"
            out += bytes(int(run[i : i + 2]) for i in range(0, len(run), 2))
            continue
        if current != "B":
            out += b"{B"
            current = "B"
        out += run.replace("{", "{{").encode("ascii")
    return bytes(out)


def code128_modules(payload: bytes) -> int:
    """Modules of the symbol ``payload`` makes: start, data and code-set switches, check, stop."""
    symbols, i = 0, 0
    while i < len(payload):
        if payload[i] == ord("{") and i + 1 < len(payload):
            symbols += 0 if i == 0 else 1  # the first {X is the start symbol itself
            i += 2
            continue
        symbols += 1
        i += 1
    return _SYMBOL * (1 + symbols + 1) + _STOP


def module_width_for(payload: bytes, dots: int) -> int | None:
    """The widest module (dots) at which the symbol and its quiet zones fit; None if none."""
    modules = code128_modules(payload) + 2 * QUIET_MODULES
    return next((w for w in MODULE_WIDTHS if modules * w <= dots), None)


def code128_bytes(payload: bytes, module_width: int) -> bytes:
    """Centred, HRI text below: ESC a 1, GS h, GS w, GS H 2, GS f 0, GS k 73 n data, ESC a 0
    (the printer feeds past the symbol and its text by itself)."""
    if len(payload) > 255:
        raise ValueError("a CODE128 payload holds at most 255 bytes")
    return (
        b"\x1ba\x01"
        + bytes([0x1D, ord("h"), HEIGHT_DOTS, 0x1D, ord("w"), module_width])
        + b"\x1dH\x02\x1df\x00"
        + bytes([0x1D, ord("k"), 73, len(payload)])
        + payload
        + b"\x1ba\x00"
    )
