"""An incremental ESC/POS parser: the byte stream a printer receives → what it would print.

Models an Epson-compatible thermal printer closely enough to check our receipts at the byte
level: text decoded through the code page selected with ESC t, print modes (bold, double
height/width, invert), barcodes (GS k), QR codes (GS ( k), raster images, cuts, drawer kicks
(ESC p and DLE DC4) and real-time status requests (DLE EOT). Commands split across TCP reads
are held until complete. Unknown commands are recorded, never fatal: a printer skips them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Cut",
    "DrawerKick",
    "EscPosParser",
    "PrintedBarcode",
    "PrintedImage",
    "PrintedLine",
    "PrintedQr",
    "StatusRequest",
]

ESC, GS, DLE, FS = 0x1B, 0x1D, 0x10, 0x1C
# Epson's ESC t table (the pages a European shop needs); others decode as U+FFFD.
CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252",
              17: "cp866", 18: "cp852", 19: "cp858"}  # fmt: skip
BARCODE_TYPES = {0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF",
                 6: "CODABAR", 65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8",
                 69: "CODE39", 70: "ITF", 71: "CODABAR", 72: "CODE93", 73: "CODE128"}  # fmt: skip
# Commands that are just their letter plus a fixed number of parameter bytes.
ESC_FIXED = {"@": 0, "t": 1, "!": 1, "E": 1, "G": 1, "-": 1, "a": 1, "M": 1, "d": 1, "J": 1,
             "K": 1, "2": 0, "3": 1, "A": 1, "+": 1, "p": 3, "{": 1, "V": 1, "r": 1, " ": 1,
             "R": 1, "U": 1, "i": 0, "m": 0, "c": 2, "=": 1, "$": 2, "\\": 2, "D": 0}  # fmt: skip
GS_FIXED = {"!": 1, "B": 1, "h": 1, "w": 1, "f": 1, "H": 1, "b": 1, "|": 1, "L": 2, "W": 2,
            "a": 1, "r": 1, "I": 1, "P": 2}  # fmt: skip


@dataclass(frozen=True)
class PrintedLine:
    text: str
    bold: bool = False
    double_height: bool = False
    double_width: bool = False
    invert: bool = False
    align: str = "left"


@dataclass(frozen=True)
class PrintedBarcode:
    symbology: str
    data: str
    # GS w in force (dots per narrowest bar; the printer default is 3), and the CODE128 symbol's
    # width in modules without quiet zones: how wide it came out, not what it says.
    module_width: int = field(default=3, compare=False)
    modules: int = field(default=0, compare=False)

    @property
    def width_dots(self) -> int:
        """What the symbol takes across the paper, with CODE128's 10-module quiet zones."""
        return (self.modules + 20) * self.module_width


@dataclass(frozen=True)
class PrintedQr:
    data: str


@dataclass(frozen=True)
class PrintedImage:
    width: int
    height: int
    # GS v 0 raster rows, width/8 bytes each, most significant bit leftmost, 1 = black.
    raster: bytes = field(default=b"", compare=False)

    def dot(self, x: int, y: int) -> bool:
        """Whether the printer burns the dot at column ``x``, row ``y``."""
        byte = self.raster[y * (self.width // 8) + x // 8]
        return bool(byte & (0x80 >> (x % 8)))


@dataclass(frozen=True)
class Cut:
    partial: bool


@dataclass(frozen=True)
class DrawerKick:
    pin: int
    on_ms: int
    off_ms: int


@dataclass(frozen=True)
class StatusRequest:
    """DLE EOT n: the printer must answer one status byte right away (real-time command)."""

    n: int


@dataclass(frozen=True)
class UnknownCommand:
    code: bytes


Printed = PrintedLine | PrintedBarcode | PrintedQr | PrintedImage | Cut | DrawerKick
Event = Printed | StatusRequest | UnknownCommand


class _Incomplete(Exception):
    """The command continues in bytes not received yet."""


@dataclass
class _Mode:
    bold: bool = False
    double_height: bool = False
    double_width: bool = False
    invert: bool = False
    align: str = "left"
    code_page: int = 0
    module_width: int = 3


def code128_width_modules(raw: bytes) -> int:
    """Modules of a GS k 73 symbol: start (the leading {X), 11 per data character, code-set
    switch and FNC1, then check character (11) and stop (13)."""
    symbols, i = 0, 0
    while i < len(raw):
        if raw[i] == ord("{") and i + 1 < len(raw):
            if i > 0:
                symbols += 1
            i += 2
        else:
            symbols += 1
            i += 1
    return 11 + 11 * symbols + 11 + 13


def decode_code128(raw: bytes) -> str:
    """GS k 73 data: '{A'/'{B'/'{C' switch code sets, '{1' is FNC1 (sent on as GS), '{{' is '{'."""
    out: list[str] = []
    code_set, i = "B", 0
    while i < len(raw):
        b = raw[i]
        if b == ord("{") and i + 1 < len(raw):
            nxt = chr(raw[i + 1])
            if nxt in "ABC":
                code_set = nxt
            elif nxt == "1":
                out.append("\x1d")
            elif nxt == "{":
                out.append("{")
            i += 2
            continue
        out.append(f"{b:02d}" if code_set == "C" else chr(b))
        i += 1
    return "".join(out)


@dataclass
class EscPosParser:
    """Feed bytes as they arrive; get back events in order."""

    _buffer: bytearray = field(default_factory=bytearray)
    _line: list[str] = field(default_factory=list)
    _line_mode: _Mode | None = None
    _mode: _Mode = field(default_factory=_Mode)
    _qr_data: bytes = b""

    def feed(self, data: bytes) -> list[Event]:
        self._buffer += data
        events: list[Event] = []
        pos = 0
        buf = self._buffer
        while pos < len(buf):
            try:
                pos = self._step(buf, pos, events)
            except _Incomplete:
                break
        del buf[:pos]
        return events

    def flush(self) -> list[Event]:
        """End of the connection: a line without LF still printed."""
        events: list[Event] = []
        self._end_line(events)
        return events

    # -- internals ---------------------------------------------------------------------------

    def _end_line(self, events: list[Event]) -> None:
        if self._line or self._line_mode is not None:
            mode = self._line_mode or self._mode
            events.append(
                PrintedLine(
                    "".join(self._line),
                    mode.bold,
                    mode.double_height,
                    mode.double_width,
                    mode.invert,
                    mode.align,
                )
            )
        self._line = []
        self._line_mode = None

    def _char(self, b: int) -> None:
        if self._line_mode is None:
            self._line_mode = _Mode(**vars(self._mode))
        codec = CODE_PAGES.get(self._mode.code_page)
        if b < 0x80:
            self._line.append(chr(b))
        elif codec is None:
            self._line.append("\ufffd")
        else:
            self._line.append(bytes([b]).decode(codec, errors="replace"))

    @staticmethod
    def _need(buf: bytearray, end: int) -> None:
        if end > len(buf):
            raise _Incomplete

    def _step(self, buf: bytearray, pos: int, events: list[Event]) -> int:
        b = buf[pos]
        if b == 0x0A:
            if not self._line and self._line_mode is None:
                self._line_mode = _Mode(**vars(self._mode))
            self._end_line(events)
            return pos + 1
        if b == 0x09:
            self._line.append(" " * (8 - len("".join(self._line)) % 8))
            return pos + 1
        if b == ESC:
            return self._esc(buf, pos, events)
        if b == GS:
            return self._gs(buf, pos, events)
        if b == DLE:
            return self._dle(buf, pos, events)
        if b == FS:
            self._need(buf, pos + 2)
            return pos + 2
        if b >= 0x20:
            self._char(b)
        return pos + 1  # CR, NUL and other control bytes print nothing

    def _esc(self, buf: bytearray, pos: int, events: list[Event]) -> int:
        self._need(buf, pos + 2)
        cmd = chr(buf[pos + 1])
        if cmd == "*":  # bit image: ESC * m nL nH d1..dk
            self._need(buf, pos + 5)
            m, columns = buf[pos + 2], buf[pos + 3] + 256 * buf[pos + 4]
            end = pos + 5 + columns * (1 if m in (0, 1) else 3)
            self._need(buf, end)
            events.append(PrintedImage(columns, 8 if m in (0, 1) else 24))
            return end
        if cmd not in ESC_FIXED:
            events.append(UnknownCommand(bytes(buf[pos : pos + 2])))
            return pos + 2
        end = pos + 2 + ESC_FIXED[cmd]
        self._need(buf, end)
        args = buf[pos + 2 : end]
        mode = self._mode
        if cmd == "@":
            self._end_line(events)
            self._mode = _Mode()
        elif cmd == "t":
            mode.code_page = args[0]
        elif cmd == "!":
            mode.bold = bool(args[0] & 0x08)
            mode.double_height = bool(args[0] & 0x10)
            mode.double_width = bool(args[0] & 0x20)
        elif cmd in "EG":
            mode.bold = bool(args[0] & 1)
        elif cmd == "a":
            mode.align = {0: "left", 1: "center", 2: "right"}.get(args[0] % 48, "left")
        elif cmd in "dJ":
            self._end_line(events)
        elif cmd in "im":
            self._end_line(events)
            events.append(Cut(partial=cmd == "m"))
        elif cmd == "p":
            pin = 2 if args[0] in (0, 48) else 5
            events.append(DrawerKick(pin, args[1] * 2, args[2] * 2))
        return end

    def _gs(self, buf: bytearray, pos: int, events: list[Event]) -> int:
        self._need(buf, pos + 2)
        cmd = chr(buf[pos + 1])
        if cmd == "V":  # cut: GS V m, or GS V m n for the feed-and-cut forms
            self._need(buf, pos + 3)
            m = buf[pos + 2]
            end = pos + 4 if m in (65, 66, 97, 98, 103, 104) else pos + 3
            self._need(buf, end)
            self._end_line(events)
            events.append(Cut(partial=m in (1, 49, 66, 98, 104)))
            return end
        if cmd == "k":
            return self._barcode(buf, pos, events)
        if cmd == "(":  # GS ( X pL pH payload
            self._need(buf, pos + 5)
            size = buf[pos + 3] + 256 * buf[pos + 4]
            end = pos + 5 + size
            self._need(buf, end)
            self._two_d(chr(buf[pos + 2]), bytes(buf[pos + 5 : end]), events)
            return end
        if cmd == "v":  # GS v 0 m xL xH yL yH data: raster image
            self._need(buf, pos + 8)
            width_bytes = buf[pos + 4] + 256 * buf[pos + 5]
            height = buf[pos + 6] + 256 * buf[pos + 7]
            end = pos + 8 + width_bytes * height
            self._need(buf, end)
            self._end_line(events)
            raster = bytes(buf[pos + 8 : end])
            events.append(PrintedImage(width_bytes * 8, height, raster))
            return end
        if cmd not in GS_FIXED:
            events.append(UnknownCommand(bytes(buf[pos : pos + 2])))
            return pos + 2
        end = pos + 2 + GS_FIXED[cmd]
        self._need(buf, end)
        if cmd == "!":
            self._mode.double_width = buf[pos + 2] >> 4 > 0
            self._mode.double_height = buf[pos + 2] & 0x0F > 0
        elif cmd == "w":
            self._mode.module_width = buf[pos + 2]
        elif cmd == "B":
            self._mode.invert = bool(buf[pos + 2] & 1)
        return end

    def _barcode(self, buf: bytearray, pos: int, events: list[Event]) -> int:
        self._need(buf, pos + 3)
        m = buf[pos + 2]
        if m <= 6:  # function A: data ends with NUL
            nul = buf.find(0, pos + 3)
            if nul < 0:
                raise _Incomplete
            data, end = bytes(buf[pos + 3 : nul]), nul + 1
        else:  # function B: GS k m n d1..dn
            self._need(buf, pos + 4)
            end = pos + 4 + buf[pos + 3]
            self._need(buf, end)
            data = bytes(buf[pos + 4 : end])
        self._end_line(events)
        symbology = BARCODE_TYPES.get(m, f"type-{m}")
        text = decode_code128(data) if m == 73 else data.decode("ascii", errors="replace")
        modules = code128_width_modules(data) if m == 73 else 0
        events.append(PrintedBarcode(symbology, text, self._mode.module_width, modules))
        return end

    def _two_d(self, kind: str, payload: bytes, events: list[Event]) -> None:
        if kind == "k" and len(payload) >= 2 and payload[0] == ord("1"):  # QR, cn = 49
            fn = chr(payload[1])
            if fn == "P":  # store: cn fn m data
                self._qr_data = payload[3:]
            elif fn == "Q":  # print what was stored
                self._end_line(events)
                events.append(PrintedQr(self._qr_data.decode("utf-8", errors="replace")))
        elif kind == "L" and len(payload) >= 2 and payload[1] == 50:  # graphics: print buffer
            self._end_line(events)
            events.append(PrintedImage(0, 0))

    def _dle(self, buf: bytearray, pos: int, events: list[Event]) -> int:
        self._need(buf, pos + 2)
        cmd = buf[pos + 1]
        if cmd == 0x04:  # DLE EOT n
            self._need(buf, pos + 3)
            events.append(StatusRequest(buf[pos + 2]))
            return pos + 3
        if cmd == 0x05:  # DLE ENQ n
            self._need(buf, pos + 3)
            return pos + 3
        if cmd == 0x14:  # DLE DC4 fn ...: fn 1 = drawer pulse m t (t x 100 ms)
            self._need(buf, pos + 3)
            fn = buf[pos + 2]
            end = pos + 5 if fn in (1, 2) else pos + 7
            self._need(buf, end)
            if fn == 1:
                on = buf[pos + 4] * 100
                events.append(DrawerKick(2 if buf[pos + 3] == 0 else 5, on, on))
            return end
        return pos + 1
