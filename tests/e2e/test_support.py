"""Log files, `omnitill support-bundle`, `--version` and `self-test`, as a store would run them."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import zipfile
from collections.abc import Callable
from importlib.metadata import version
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app import cli, selftest, support
from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, database_path
from pos_app.logging_setup import HANDLER_NAME, LOG_DIR_ENV, LOG_FILENAME, configure_logging
from pos_app.services.sale.checkout import CompletedSale

TOKEN = "tkn_9f8e7d6c5b4a39281706"
PASSWORD = "correct-horse-battery"
HUB_JSON = {
    "version": 1,
    "hub_url": "https://hub.example",
    "token": TOKEN,
    "till_id": "till-1",
    "store_id": "store-1",
    "enrolled_at": "2026-11-25T10:00:00+00:00",
    "proxy": {"url": "http://proxy:3128", "proxy_password": PASSWORD},
}
DEVICES_TOML = f"""[printer]
address = "tcp://192.168.1.50:9100"
paper_width_mm = 80
[cloud]
api_secret = "{PASSWORD}"
"""


@pytest.fixture
def no_log_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a store's till: no $OMNITILL_LOG_DIR, so --data-dir keeps the logs."""
    monkeypatch.delenv(LOG_DIR_ENV, raising=False)


def _file_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]


@pytest.mark.usefixtures("no_log_env")
def test_commands_log_to_the_data_dir_or_the_log_dir(tmp_path: Path) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "db", "upgrade"]) == cli.EXIT_OK
    log = tmp_path / "logs" / LOG_FILENAME
    assert ": db" in log.read_text(encoding="utf-8")
    assert "Running upgrade" in log.read_text(encoding="utf-8")  # Alembic's own lines too

    elsewhere = tmp_path / "elsewhere"
    args = ["--data-dir", str(tmp_path), "--log-dir", str(elsewhere), "db", "status"]
    assert cli.main(args) == cli.EXIT_OK
    assert ": db" in (elsewhere / LOG_FILENAME).read_text(encoding="utf-8")
    assert len(_file_handlers()) == 1  # replaced, never stacked


def test_the_log_dir_variable_beats_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "service-logs"))
    args = ["--data-dir", str(tmp_path / "till"), "journal", "verify"]
    assert cli.main(args) == cli.EXIT_FAILED  # no till database there
    assert ": journal" in (tmp_path / "service-logs" / LOG_FILENAME).read_text(encoding="utf-8")
    assert not (tmp_path / "till").exists()  # a refused command creates no data folder


def test_log_files_rotate(tmp_path: Path) -> None:
    configure_logging(tmp_path)
    (handler,) = _file_handlers()
    assert isinstance(handler, RotatingFileHandler)
    handler.maxBytes = 1000
    for n in range(200):
        logging.getLogger("omnitill.test").warning("line %d of a long morning", n)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[:3] == [LOG_FILENAME, f"{LOG_FILENAME}.1", f"{LOG_FILENAME}.2"]
    assert len(names) == 6  # the current file and five old ones
    assert "line 199 " in (tmp_path / LOG_FILENAME).read_text(encoding="utf-8")


def _bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[zipfile.ZipFile, str]:
    output = tmp_path / "out" / "ticket.zip"
    code = cli.main(["--data-dir", str(tmp_path), "support-bundle", "--output", str(output)])
    assert code == cli.EXIT_OK
    return zipfile.ZipFile(output), capsys.readouterr().out


@pytest.mark.usefixtures("no_log_env")
def test_support_bundle_redacts_secrets_and_holds_what_it_says(
    tmp_path: Path,
    sell: Callable[..., CompletedSale],
    capsys: pytest.CaptureFixture[str],
) -> None:
    sell(["96385074"])
    (tmp_path / "hub.json").write_text(json.dumps(HUB_JSON), encoding="utf-8")
    (tmp_path / "devices.toml").write_text(DEVICES_TOML, encoding="utf-8")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / f"{LOG_FILENAME}.1").write_text(
        f"push failed: Authorization: Bearer opaque.value-42 sent with {TOKEN}\n", encoding="utf-8"
    )

    bundle, out = _bundle(tmp_path, capsys)
    with bundle:
        names = sorted(bundle.namelist())
        contents = {name: bundle.read(name) for name in names}
    assert f"schema {migrate.head_revision()}, journal OK" in out

    report = json.loads(contents["report.json"])
    assert sorted(report["files"]) == names
    assert {
        "config/hub.json",
        "config/devices.toml",
        f"logs/{LOG_FILENAME}",
        f"logs/{LOG_FILENAME}.1",
        "report.json",
    } <= set(names)
    assert not any(name.endswith(".sqlite3") for name in names)  # the sales stay in the store
    for name, data in contents.items():
        for secret in (TOKEN, PASSWORD, "opaque.value-42"):
            assert secret.encode() not in data, f"{secret} leaked into {name}"

    hub = json.loads(contents["config/hub.json"])
    assert hub["token"] == "REDACTED"
    assert hub["proxy"] == {"url": "http://proxy:3128", "proxy_password": "REDACTED"}
    assert hub["hub_url"] == "https://hub.example"
    devices = contents["config/devices.toml"].decode()
    assert 'api_secret = "REDACTED"' in devices
    assert 'address = "tcp://192.168.1.50:9100"' in devices
    assert "Bearer REDACTED sent with REDACTED" in contents[f"logs/{LOG_FILENAME}.1"].decode()

    database = report["database"]
    assert database["schema_revision"] == migrate.head_revision()
    assert database["journal"] == {"ok": True, "entries_checked": 1, "problems": []}
    assert report["omnitill_version"] == version("omnitill")


def test_support_bundle_reports_a_tampered_journal_without_changing_anything(
    tmp_path: Path,
    sell: Callable[..., CompletedSale],
    capsys: pytest.CaptureFixture[str],
) -> None:
    sell(["96385074"])
    engine = create_till_engine(database_path(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("UPDATE journal_entries SET payload = replace(payload, '119', '19')"))
    engine.dispose()
    before = database_path(tmp_path).read_bytes()

    bundle, out = _bundle(tmp_path, capsys)
    with bundle:
        report = json.loads(bundle.read("report.json"))
    assert "journal TAMPERED" in out
    assert report["database"]["journal"]["ok"] is False
    assert "edited" in report["database"]["journal"]["problems"][0]
    assert database_path(tmp_path).read_bytes() == before


def test_support_bundle_without_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, out = _bundle(tmp_path, capsys)
    with bundle:
        report = json.loads(bundle.read("report.json"))
    assert "no till database" in out
    assert report["database"]["error"] == "no till database"
    assert not database_path(tmp_path).exists()  # the bundle never creates one


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"omnitill {version('omnitill')}"


def test_self_test_passes_and_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "self-test"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.strip().endswith("self-test passed")
    for check in ("till database", "sale and receipts", "hub database", "resources"):
        assert f"ok   {check}" in out
    assert "ESC/POS bytes" in out
    assert not database_path(tmp_path).exists()


def test_self_test_flag_is_the_same_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--self-test"]) == cli.EXIT_OK
    assert capsys.readouterr().out.strip().endswith("self-test passed")


def test_self_test_fails_loudly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "resources_dir", lambda: tmp_path / "nowhere")
    assert cli.main(["--data-dir", str(tmp_path), "self-test"]) == cli.EXIT_FAILED
    out = capsys.readouterr().out
    assert "FAIL resources: AssertionError: theme.qss, translations missing" in out
    assert "ok   sale and receipts" in out  # the other checks still ran
    assert out.strip().endswith("self-test FAILED")


def test_installed_entry_point_self_tests(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "--log-dir", str(tmp_path), "self-test"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert "self-test" in (tmp_path / LOG_FILENAME).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "raw", "kept"),
    [
        ("devices.toml", 'api_secret = "s3cr3t-value"  # from the vendor\n', "# from the vendor"),
        ("devices.toml", "DB_PASSWORD=s3cr3t-value,\nport = 1\n", "port = 1"),
        ("hub.json", '{"hub_url": "https://h", "token": "s3cr3t-value", damaged', "https://h"),
        ("hub.json", '{"nested": [{"Refresh_Token": "s3cr3t-value"}]}', "Refresh_Token"),
    ],
)
def test_redaction_of_settings(name: str, raw: str, kept: str) -> None:
    found: set[str] = set()
    redacted = support.redact_settings(name, raw, found)
    assert "s3cr3t-value" not in redacted
    assert "REDACTED" in redacted
    assert kept in redacted
    assert found == {"s3cr3t-value"}
