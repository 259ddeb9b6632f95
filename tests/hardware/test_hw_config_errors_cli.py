"""A typo in devices.toml stops `omnitill run` with one line, exit status 2, before anything
opens (issue 17 point 7). The two cases the issue names run the real CLI in its own process;
the other checks are the same code path, exercised where the settings are read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hardware.config import DeviceConfigError, config_from_mapping


def _run(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "--data-dir", str(data_dir), "run"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("printer_line", "expected"),
    [
        (
            'profile = "TM-T88X"',
            "devices.toml: printer.profile: unknown printer profile 'TM-T88X' "
            "(did you mean 'TM-T88V'?); use one of ",
        ),
        (
            'code_page = "CP8588"',
            "devices.toml: printer.code_page: printer profile 'default' has no code page "
            "'CP8588' (did you mean 'CP858'?); use one of ",
        ),
    ],
    ids=["profile", "code-page"],
)
def test_omnitill_run_exits_2_with_one_line_naming_the_key(
    tmp_path: Path, printer_line: str, expected: str
) -> None:
    (tmp_path / "devices.toml").write_text(
        f'[printer]\naddress = "tcp://127.0.0.1:9"\n{printer_line}\n', encoding="utf-8"
    )

    result = _run(tmp_path)

    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("omnitill: device settings: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "till.sqlite3").exists()  # nothing was opened


@pytest.mark.parametrize(
    ("printer", "expected"),
    [
        ({"profile": "TM-T88X"}, "printer.profile: unknown printer profile"),
        ({"status": "sometimes"}, "printer.status must be one of auto, off, required"),
        ({"address": "serial:///dev/ttyS0?flow=dsrdtr"}, "printer.address: serial flow control"),
        ({"address": "serial:///dev/ttyS0?baud=fast"}, "printer.address: baud must be a number"),
        ({"address": "usb://04b8:0202?in_ep=0x200"}, "printer.address: in_ep must be"),
        ({"qr": "https://x.example/{receipt}"}, "printer.qr: "),
    ],
)
def test_every_printer_value_is_checked_when_the_settings_are_read(
    printer: dict[str, str], expected: str
) -> None:
    # The same checks guard `omnitill run`, the set-up screen and `devices test`.
    with pytest.raises(DeviceConfigError) as caught:
        config_from_mapping({"printer": {"address": "tcp://127.0.0.1:9", **printer}})
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)
