"""`omnitill devices test` tells the installer the truth (issue 17 point 8).

The real CLI entry point against the simulated printer: non-zero on paper out, cover open and
a connection dropped mid-job; "printed" only when the printer confirmed; devices.toml (its
code page) is what is tested when no device is named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hardware.sim.printer import SimulatedPrinter
from pos_app import cli


def _devices_test(*args: str) -> list[str]:
    return ["devices", "test", *args]


@pytest.mark.parametrize(
    ("problem", "shown"),
    [("paper", "status: paper_out"), ("cover", "status: cover_open")],
)
def test_paper_out_and_cover_open_fail_and_print_nothing(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str], problem: str, shown: str
) -> None:
    if problem == "paper":
        sim_printer.set_paper(out=True)
    else:
        sim_printer.set_cover_open(True)

    code = cli.main(_devices_test("--printer", sim_printer.url, "--timeout", "0.5"))

    out = capsys.readouterr().out
    assert code == 1, out
    assert shown in out
    assert "test receipt: not printed" in out
    assert sim_printer.receipts == []


def test_a_connection_dropped_mid_job_is_a_failure_not_sent(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    # The status check passes; the job's connection is reset after its first 100 bytes.
    sim_printer.drop_next_connection(after_bytes=100)
    code = cli.main(_devices_test("--printer", sim_printer.url, "--timeout", "0.5"))

    out = capsys.readouterr().out
    assert sim_printer.dropped == 1
    assert code == 1, out
    assert "test receipt: FAILED" in out
    assert "printed" not in out.replace("not printed", "")


def test_silent_printer_is_sent_not_confirmed(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    sim_printer.set_status_replies(False)

    code = cli.main(_devices_test("--printer", sim_printer.url, "--timeout", "0.5"))

    out = capsys.readouterr().out
    assert code == 0, out  # "auto": a printer that does not answer is a valid set-up
    assert "test receipt: sent, not confirmed" in out
    assert len(sim_printer.wait_for_receipts(1)) == 1


def test_silent_printer_fails_where_status_is_required(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    sim_printer.set_status_replies(False)

    code = cli.main(_devices_test("--printer", sim_printer.url, "--timeout", "0.5", "--status",
                                  "required"))  # fmt: skip

    assert code == 1
    assert "status: FAILED" in capsys.readouterr().out


def test_without_flags_it_tests_the_configured_printer_and_its_code_page(
    sim_printer: SimulatedPrinter, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "devices.toml").write_text(
        f'[printer]\naddress = "{sim_printer.url}"\ntimeout_s = 0.5\ncode_page = "CP1252"\n'
        'profile = "TM-T88V"\npaper_width_mm = 58\n',
        encoding="utf-8",
    )

    code = cli.main(["--data-dir", str(tmp_path), "devices", "test"])

    out = capsys.readouterr().out
    assert code == 0, out
    assert "(TM-T88V, CP1252, 58 mm, status auto)" in out
    assert "test receipt: printed" in out
    [receipt] = sim_printer.wait_for_receipts(1)
    assert "Code page check: € £ é ü ñ" in receipt.text  # decoded with ESC t 16 (CP1252)
    assert max(len(line.text) for line in receipt.lines) <= 32  # 58 mm paper


def test_without_flags_or_settings_there_is_nothing_to_test(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "devices", "test"]) == 1
    assert "nothing to test" in capsys.readouterr().out
