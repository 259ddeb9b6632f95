"""What the first run's devices step says of a printer's answers and errors, in words an
installer reads (the texts are the DevicesPage's, for the translators)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hardware.base import DeviceError, PaperLevel, PrinterStatus, StatusNotSupportedError

translate = QCoreApplication.translate


def sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def describe_status(status: PrinterStatus) -> tuple[bool, str]:
    """(usable, words) for a DLE EOT answer."""
    if status.paper is PaperLevel.OUT:
        return False, translate("DevicesPage", "The printer answers, but it is out of paper.")
    if status.cover_open:
        return False, translate("DevicesPage", "The printer answers, but its cover is open.")
    if not status.online or status.error:
        return False, translate(
            "DevicesPage", "The printer answers, but it is offline or reports an error."
        )
    if status.paper is PaperLevel.NEAR_END:
        return True, translate("DevicesPage", "Printer online — paper is running low.")
    return True, translate("DevicesPage", "Printer online, paper OK.")


def device_words(exc: DeviceError) -> str:
    if isinstance(exc, StatusNotSupportedError):
        return translate(
            "DevicesPage", "this connection cannot report status; print a test receipt instead"
        )
    message = exc.message
    if message.startswith("no answer"):  # "no answer within 3.0 s" and the like
        return translate("DevicesPage", "no answer from the printer") + message.removeprefix(
            "no answer"
        )
    if message.startswith("no status reply"):
        return translate("DevicesPage", "no answer from the printer") + message.removeprefix(
            "no status reply"
        )
    if "cannot connect" in message:
        return translate("DevicesPage", "no answer from the printer (%1)").replace("%1", message)
    return message
