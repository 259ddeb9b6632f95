"""Serial scale (NCI "W" protocol) against the pty-backed simulated scale."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from hardware.base import (
    DeviceTimeoutError,
    DeviceUnavailableError,
    MalformedReplyError,
    Scale,
    ScaleOverloadError,
    ScaleUnstableError,
)
from hardware.serial_scale import SerialScale, SerialScaleConfig, parse_reply
from hardware.sim.scale import SimulatedScale
from hardware.sim.serial_devices import PtyDevice

WAIT_S = 5.0


@pytest.fixture
def sim_scale(pty_device: Callable[..., PtyDevice]) -> Iterator[SimulatedScale]:
    scale = SimulatedScale(pty_device())
    yield scale
    scale.close()


@pytest.fixture
def make_scale() -> Iterator[Callable[..., SerialScale]]:
    made: list[SerialScale] = []

    def _make(port: str, **overrides: float) -> SerialScale:
        options = {"timeout_s": 0.3, "settle_s": 1.0, "poll_s": 0.02, **overrides}
        scale = SerialScale(SerialScaleConfig(port=port, **options))  # type: ignore[arg-type]
        made.append(scale)
        return scale

    yield _make
    for scale in made:
        scale.close()


def test_stable_weight_is_read_in_kilograms(
    sim_scale: SimulatedScale, make_scale: Callable[..., SerialScale]
) -> None:
    scale = make_scale(sim_scale.device.path)
    assert isinstance(scale, Scale)
    sim_scale.set_weight("1.234")
    assert scale.read_weight_kg() == Decimal("1.234")
    sim_scale.set_weight("0.350", unit="G")
    assert scale.read_async().result(timeout=WAIT_S) == Decimal("0.350")


def test_a_moving_load_is_asked_again_until_it_settles(
    sim_scale: SimulatedScale, make_scale: Callable[..., SerialScale]
) -> None:
    scale = make_scale(sim_scale.device.path)
    sim_scale.set_weight("0.750", moving_for=3)
    reading = scale.read_once()
    assert reading.in_motion
    assert reading.weight_kg == Decimal("0.750")
    assert scale.read_weight_kg() == Decimal("0.750")
    assert sim_scale.requests == 4  # one moving read above, two more moving, then stable


def test_a_load_that_never_settles_is_refused_in_bounded_time(
    sim_scale: SimulatedScale, make_scale: Callable[..., SerialScale]
) -> None:
    scale = make_scale(sim_scale.device.path, settle_s=0.2)
    sim_scale.set_weight("2.000", moving_for=-1)
    started = time.monotonic()
    with pytest.raises(ScaleUnstableError):
        scale.read_weight_kg()
    assert time.monotonic() - started < 1.5
    assert sim_scale.requests >= 2  # it did ask again before giving up


@pytest.mark.parametrize(
    ("over", "under", "match"), [(True, False, "over"), (False, True, "under")]
)
def test_out_of_range_weights_are_typed_errors(
    sim_scale: SimulatedScale,
    make_scale: Callable[..., SerialScale],
    over: bool,
    under: bool,
    match: str,
) -> None:
    scale = make_scale(sim_scale.device.path)
    sim_scale.set_weight("31.000")
    sim_scale.set_overload(over=over, under=under)
    with pytest.raises(ScaleOverloadError, match=match):
        scale.read_weight_kg()


def test_a_silent_scale_times_out_and_recovers(
    sim_scale: SimulatedScale, make_scale: Callable[..., SerialScale]
) -> None:
    scale = make_scale(sim_scale.device.path, timeout_s=0.2)
    sim_scale.set_weight("0.500")
    sim_scale.set_silent(True)
    started = time.monotonic()
    with pytest.raises(DeviceTimeoutError):
        scale.read_weight_kg()
    assert time.monotonic() - started < 1.0
    sim_scale.set_silent(False)
    assert scale.read_weight_kg() == Decimal("0.500")


def test_unplugged_scale_raises_then_reconnects(
    pty_device: Callable[..., PtyDevice], make_scale: Callable[..., SerialScale], tmp_path: Path
) -> None:
    link = tmp_path / "ttyScale"
    first = SimulatedScale(pty_device(link=link))
    scale = make_scale(str(link))
    first.set_weight("1.000")
    assert scale.read_weight_kg() == Decimal("1.000")
    first.close()
    link.unlink()
    with pytest.raises((DeviceUnavailableError, DeviceTimeoutError)):
        scale.read_weight_kg()
    second = SimulatedScale(pty_device(link=link))
    try:
        second.set_weight("2.500")
        # The failed port was dropped: the next read opens the path again, now the new scale.
        assert scale.read_weight_kg() == Decimal("2.500")
    finally:
        second.close()


@pytest.mark.parametrize(
    ("reply", "weight", "motion"),
    [
        (b"\n  1.234KG\r\nS00\r\x03", Decimal("1.234"), False),
        (b"\n  0.500kg\r\nS10\r\x03", Decimal("0.500"), True),
        (b"\n    250g\r\nS00\r\x03", Decimal("0.250"), False),
        (b"\n  2.000LB\r\nS000\r\x03", Decimal("0.907"), False),
        (b"\nS02\r\x03", None, False),
    ],
)
def test_replies_are_parsed(reply: bytes, weight: Decimal | None, motion: bool) -> None:
    reading = parse_reply("scale", reply)
    assert reading.weight_kg == weight
    assert reading.in_motion is motion


def test_status_flags() -> None:
    assert parse_reply("s", b"\nS02\r\x03").over_capacity
    assert parse_reply("s", b"\nS01\r\x03").under_capacity
    assert parse_reply("s", b"\n  0.000KG\r\nS20\r\x03").at_zero
    assert parse_reply("s", b"\n  0.000KG\r\nS40\r\x03").hardware_error
    assert not parse_reply("s", b"\n  0.000KG\r\nS00\r\x03").hardware_error


@pytest.mark.parametrize(
    "reply",
    [b"", b"garbage\r\x03", b"\n  1.000ST\r\nS00\r\x03", b"\n  1.000KG\r\nSx0\r\x03",
     b"\n  1.000KG\r\n"],
)  # fmt: skip
def test_malformed_replies_are_typed_errors(reply: bytes) -> None:
    with pytest.raises(MalformedReplyError):
        parse_reply("scale", reply)


@pytest.mark.parametrize("option", [{"timeout_s": 0}, {"settle_s": 60}, {"poll_s": 0}])
def test_impossible_settings_are_refused(option: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        SerialScaleConfig(port="x", **option)  # type: ignore[arg-type]
