"""Serial scanner driver against a pty: framing, garbage, huge input, unplug and replug."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hardware.base import DeviceState, DeviceStatus, ScanEvent
from hardware.serial_scanner import SerialScanner, SerialScannerConfig
from hardware.sim.serial_devices import PtyDevice

WAIT_S = 5.0  # generous upper bound; every wait returns as soon as the event arrives


class Recorder:
    """Thread-safe sinks for the scanner's callbacks, read with deadlines (no sleeps)."""

    def __init__(self) -> None:
        self.scans: queue.Queue[ScanEvent] = queue.Queue()
        self.errors: queue.Queue[str] = queue.Queue()
        self.states: queue.Queue[DeviceState] = queue.Queue()

    def on_status(self, status: DeviceStatus) -> None:
        self.states.put(status.state)

    def scan(self) -> str:
        return self.scans.get(timeout=WAIT_S).code

    def wait_state(self, state: DeviceState) -> None:
        while self.states.get(timeout=WAIT_S) is not state:
            pass


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def start_scanner(recorder: Recorder) -> Iterator[Callable[..., SerialScanner]]:
    started: list[SerialScanner] = []

    def _start(port: str, **overrides: object) -> SerialScanner:
        config = SerialScannerConfig(port=port, **overrides)  # type: ignore[arg-type]
        scanner = SerialScanner(
            config, recorder.scans.put, on_status=recorder.on_status, on_error=recorder.errors.put
        )
        scanner.start()
        started.append(scanner)
        return scanner

    yield _start
    for scanner in started:
        scanner.stop()


def test_codes_framed_by_the_suffix_reach_the_callback(
    pty_device: Callable[..., PtyDevice], start_scanner: Callable[..., SerialScanner],
    recorder: Recorder,
) -> None:  # fmt: skip
    device = pty_device()
    start_scanner(device.path)
    recorder.wait_state(DeviceState.READY)

    device.write(b"4006381333931\r96385074\r")
    device.write(b"00360002")  # a code split across two reads
    device.write(b"91452\r")
    assert [recorder.scan(), recorder.scan(), recorder.scan()] == [
        "4006381333931", "96385074", "0036000291452",
    ]  # fmt: skip


def test_crlf_scanner_and_custom_suffix(
    pty_device: Callable[..., PtyDevice], start_scanner: Callable[..., SerialScanner],
    recorder: Recorder,
) -> None:  # fmt: skip
    device = pty_device()
    start_scanner(device.path, suffix=b"\r\n")
    recorder.wait_state(DeviceState.READY)  # pyserial flushes input on open
    device.write(b"96385074\r\n5012345678900\r\n")
    assert [recorder.scan(), recorder.scan()] == ["96385074", "5012345678900"]


def test_gs1_group_separator_survives_framing(
    pty_device: Callable[..., PtyDevice], start_scanner: Callable[..., SerialScanner],
    recorder: Recorder,
) -> None:  # fmt: skip
    device = pty_device()
    start_scanner(device.path)
    recorder.wait_state(DeviceState.READY)
    device.write(b"0109501101530003101234\x1d21XYZ\r")
    assert recorder.scan() == "0109501101530003101234\x1d21XYZ"


def test_garbage_and_huge_input_are_discarded_and_scanning_goes_on(
    pty_device: Callable[..., PtyDevice], start_scanner: Callable[..., SerialScanner],
    recorder: Recorder,
) -> None:  # fmt: skip
    device = pty_device()
    start_scanner(device.path, max_length=64)
    recorder.wait_state(DeviceState.READY)
    device.write(b"\x00\xff\xfe\x1b[A\x07\r")  # line noise
    device.write(b"9" * 10_000 + b"\r")  # no real code is this long
    device.write(b"96385074\r")

    assert recorder.scan() == "96385074"
    first, second = recorder.errors.get(timeout=WAIT_S), recorder.errors.get(timeout=WAIT_S)
    assert "unreadable" in first
    assert "longer than 64" in second
    assert recorder.scans.empty()


def test_unplug_reports_disconnected_and_replug_at_the_same_path_reconnects(
    pty_device: Callable[..., PtyDevice], start_scanner: Callable[..., SerialScanner],
    recorder: Recorder, serial_link: Path,
) -> None:  # fmt: skip
    first = pty_device(link=serial_link)
    scanner = start_scanner(str(serial_link))
    recorder.wait_state(DeviceState.READY)
    first.write(b"96385074\r")
    assert recorder.scan() == "96385074"

    first.close()  # unplugged
    recorder.wait_state(DeviceState.DISCONNECTED)
    assert scanner.state is DeviceState.DISCONNECTED

    second = pty_device(link=serial_link)  # plugged back in: a new tty at the same path
    recorder.wait_state(DeviceState.READY)
    second.write(b"5012345678900\r")
    assert recorder.scan() == "5012345678900"


def test_scanner_absent_at_start_is_reported_then_found(
    pty_device: Callable[..., PtyDevice], start_scanner: Callable[..., SerialScanner],
    recorder: Recorder, serial_link: Path,
) -> None:  # fmt: skip
    start_scanner(str(serial_link))
    recorder.wait_state(DeviceState.DISCONNECTED)
    device = pty_device(link=serial_link)
    recorder.wait_state(DeviceState.READY)
    device.write(b"96385074\r")
    assert recorder.scan() == "96385074"


def test_a_failing_consumer_does_not_stop_the_reader(pty_device: Callable[..., PtyDevice]) -> None:
    got: queue.Queue[str] = queue.Queue()

    def consumer(event: ScanEvent) -> None:
        if event.code == "boom":
            raise RuntimeError("consumer bug")
        got.put(event.code)

    ready: queue.Queue[DeviceState] = queue.Queue()
    device = pty_device()
    scanner = SerialScanner(
        SerialScannerConfig(port=device.path), consumer, on_status=lambda s: ready.put(s.state)
    )
    scanner.start()
    try:
        assert ready.get(timeout=WAIT_S) is DeviceState.READY
        device.write(b"boom\r96385074\r")
        assert got.get(timeout=WAIT_S) == "96385074"
    finally:
        scanner.stop()
