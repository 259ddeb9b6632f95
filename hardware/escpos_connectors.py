"""python-escpos connectors for the printer addresses of ``printer_connections``.

Its own module so that python-escpos is imported at the first print job, never at start-up
(``printer_connections.make_connector``). The caveats these classes handle are listed in
``printer_connections``.
"""

from __future__ import annotations

import socket
from typing import Any

import serial
from escpos import printer as escpos_printers
from escpos.exceptions import DeviceNotFoundError

from hardware.base import DeviceUnavailableError
from hardware.printer_connections import (
    STATUS_REPLY_BYTES,
    Connection,
    CupsConnection,
    NetworkConnection,
    SerialConnection,
    UsbConnection,
)


class _Network(escpos_printers.Network):  # type: ignore[misc]
    """escpos' Network, except that a failed connect closes its socket, a status read takes
    the one byte the printer sends, and EOF is a lost connection."""

    def open(self, raise_not_found: bool = True) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise DeviceNotFoundError(f"Could not open socket for {self.host}: {exc}") from exc
        self.device = sock

    def _read(self) -> bytes:
        data: bytes = self.device.recv(STATUS_REPLY_BYTES)
        if not data:
            raise ConnectionResetError("the printer closed the connection")
        return data


class _Serial(escpos_printers.Serial):  # type: ignore[misc]
    """escpos' Serial on any pyserial port name or URL, with RTS/CTS or XON/XOFF, reading the
    one status byte (pyserial returns as soon as that many bytes arrived)."""

    def __init__(self, connection: SerialConnection, timeout_s: float) -> None:
        super().__init__(
            connection.device,
            baudrate=connection.baudrate,
            timeout=timeout_s,
            xonxoff=connection.flow == "xonxoff",
            dsrdtr=False,
        )
        self.rtscts = connection.flow == "rtscts"

    def open(self, raise_not_found: bool = True) -> None:
        try:
            port = serial.serial_for_url(self.devfile, do_not_open=True)
            port.baudrate = self.baudrate
            port.timeout = self.timeout
            # A printer holding CTS low (paper out with RTS/CTS) must not hang the job forever.
            port.write_timeout = self.timeout
            port.xonxoff = self.xonxoff
            port.rtscts = self.rtscts
            port.open()
        except (ValueError, OSError, serial.SerialException) as exc:
            raise DeviceNotFoundError(
                f"Unable to open serial printer on {self.devfile}: {exc}"
            ) from exc
        self.device = port

    def _read(self) -> bytes:
        data: bytes = self.device.read(STATUS_REPLY_BYTES)
        if not data:
            raise TimeoutError(f"no reply within {self.timeout} s")
        return data

    def close(self) -> None:
        port: Any = getattr(self, "_device", False)
        self._device = False
        if port:
            try:
                port.flush()
            finally:
                port.close()


def connector_for(connection: Connection, timeout_s: float) -> Any:
    """The python-escpos printer object for one job (not opened yet)."""
    if isinstance(connection, NetworkConnection):
        return _Network(connection.host, connection.port, timeout=timeout_s)
    if isinstance(connection, SerialConnection):
        return _Serial(connection, timeout_s)
    if isinstance(connection, UsbConnection):
        # Check before constructing: an escpos Usb made without pyusb raises again from __del__.
        if not escpos_printers.Usb.is_usable():
            raise DeviceUnavailableError("usb", "USB printing needs pyusb (pip install pyusb)")
        return escpos_printers.Usb(
            connection.vendor_id,
            connection.product_id,
            timeout=int(timeout_s * 1000),  # pyusb counts milliseconds
            in_ep=connection.in_ep,
            out_ep=connection.out_ep,
        )
    if isinstance(connection, CupsConnection):
        if not escpos_printers.CupsPrinter.is_usable():
            raise DeviceUnavailableError("cups", "CUPS printing needs pycups (pip install pycups)")
        return escpos_printers.CupsPrinter(connection.queue, host=connection.host)
    return escpos_printers.File(connection.path)
