from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_app.cli import build_parser, cmd_run
from pos_app.db import migrate
from sync.client.config import HubConfig, save_config


def omnitill(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "not a whole number"),
        ("0", "between 1"),
        ("-5", "between 1"),
        ("9" * 400, "between"),
    ],
)
def test_demo_data_rejects_bad_counts(tmp_path: Path, value: str, message: str) -> None:
    result = omnitill("--data-dir", str(tmp_path), "demo-data", "--products", value)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "till.sqlite3").exists()  # bad input changes nothing


def test_unknown_command_is_a_usage_error() -> None:
    result = omnitill("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_not_a_database_gives_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "till.sqlite3").write_bytes(b"this is not sqlite" * 100)
    result = omnitill("--data-dir", str(tmp_path), "db", "status")
    assert result.returncode == 1
    assert "cannot open the till database" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_status_and_upgrade(tmp_path: Path) -> None:
    result = omnitill("--data-dir", str(tmp_path), "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert f"schema {migrate.head_revision()}" in result.stdout
    assert (tmp_path / "till.sqlite3").exists()


def test_run_on_an_enrolled_till_without_a_profile_says_what_to_do(tmp_path: Path) -> None:
    save_config(
        tmp_path,
        HubConfig("http://127.0.0.1:1", "otd_x", "till-9", "store-9", datetime.now(UTC)),
    )
    result = omnitill("--data-dir", str(tmp_path), "run")
    assert result.returncode == 1
    assert "no store profile" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_on_a_new_till_opens_the_first_run_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No hub settings and no store profile: no error, the till window (first run) opens."""
    import pos_app.ui.start

    calls: list[Path] = []
    monkeypatch.setattr(
        pos_app.ui.start,
        "run_till",
        lambda path, **kwargs: calls.append(kwargs["hub_config_dir"]) or 0,
    )
    assert cmd_run(build_parser().parse_args(["--data-dir", str(tmp_path), "run"])) == 0
    assert calls == [tmp_path]


@pytest.mark.parametrize("value", ["0", "241", "ten", ""])
def test_idle_minutes_are_checked(tmp_path: Path, value: str) -> None:
    result = omnitill("--data-dir", str(tmp_path), "run", "--idle-minutes", value)
    assert result.returncode == 2
    assert "minutes" in result.stderr
    assert not (tmp_path / "till.sqlite3").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_work_before_or_after_the_sub_command(tmp_path: Path, where: str) -> None:
    """README: every command takes --data-dir (and --log-dir), wherever it is written."""
    data, logs = tmp_path / "data", tmp_path / "logs"
    options = ["--data-dir", str(data), "--log-dir", str(logs)]
    command = ["demo-data", "--products", "20"]
    args = [*options, *command] if where == "before" else [*command, *options]
    result = omnitill(*args)
    assert result.returncode == 0, result.stderr
    assert (data / "till.sqlite3").exists()
    assert (logs / "omnitill.log").exists()
    nested = omnitill("journal", "verify", "--data-dir", str(data))  # an action's options too
    assert nested.returncode == 0, nested.stderr
    assert "journal OK" in nested.stdout


def test_an_option_after_the_sub_command_wins_over_one_before(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--data-dir", str(tmp_path / "a"), "db", "status", "--data-dir", str(tmp_path / "b")]
    )
    assert args.data_dir == tmp_path / "b"
    assert build_parser().parse_args(["db", "status"]).data_dir is None


def test_dev_py_demo_passes_the_data_dir_after_the_sub_command(tmp_path: Path) -> None:
    """`python3 dev.py demo --data-dir X --scripted`: dev.py hands the options to
    `omnitill demo` as they are, so the data folder named after the sub-command is used."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", Path(__file__).parents[2] / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    dev.venv_python = lambda: Path(sys.executable)  # this environment, not a new ./.venv
    code = dev.command_demo(["--data-dir", str(tmp_path), "--scripted", "--products", "50"])
    assert code == 0
    assert (tmp_path / "till.sqlite3").exists()
