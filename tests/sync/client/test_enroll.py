"""Enrollment: `omnitill enroll` against a real hub; settings 0600, nothing written on failure."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app.cli import main
from pos_app.db.engine import create_till_engine, database_path, make_session_factory
from pos_app.db.models import StoreProfile
from pos_app.services.sync.enrollment import EnrollmentError, enroll
from sync.client.config import CONFIG_FILENAME, ConfigError, load_config
from tests.helpers.hub import TILL_STORE, RestartableHub
from tests.helpers.net import unused_port


def test_enroll_stores_token_0600_and_the_store_profile(
    restartable_hub: RestartableHub, seeded: sessionmaker[Session], tmp_path: Path
) -> None:
    restartable_hub.add_store(TILL_STORE)
    config_dir = tmp_path / "cfg"
    done = enroll(
        restartable_hub.base_url + "/",
        restartable_hub.enroll_code(TILL_STORE).lower(),  # typed in any case
        config_dir=config_dir,
        write_sessions=seeded,
    )
    path = config_dir / CONFIG_FILENAME
    assert done.config_path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in config_dir.iterdir()] == [CONFIG_FILENAME]  # no temp file left
    loaded = load_config(config_dir)
    assert loaded == done.config
    assert loaded.hub_url == restartable_hub.base_url
    assert loaded.token.startswith("otd_")
    assert loaded.token not in repr(loaded)
    with seeded() as session:
        profile = session.scalars(select(StoreProfile)).one()
    assert (profile.store_id, profile.till_id) == (TILL_STORE, done.config.till_id)
    assert profile.address == "1 High Street\nTown"  # the receipt header set locally is kept
    # The token works: the hub knows this till.
    api = restartable_hub.admin.__class__(restartable_hub.base_url, loaded.token)
    assert api.get("/v1/feed").status_code == 200
    api.close()


def test_cli_enroll_writes_settings_beside_the_data_dir(
    restartable_hub: RestartableHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    restartable_hub.add_store(TILL_STORE)
    data_dir = tmp_path / "till"
    code = restartable_hub.enroll_code(TILL_STORE)
    argv = ["--data-dir", str(data_dir), "enroll", "--hub", restartable_hub.base_url]
    assert main([*argv, "--code", code]) == 0
    out = capsys.readouterr().out
    assert "enrolled as till" in out
    assert stat.S_IMODE((data_dir / CONFIG_FILENAME).stat().st_mode) == 0o600
    engine = create_till_engine(database_path(data_dir))
    with make_session_factory(engine)() as session:
        assert session.get(StoreProfile, 1) is not None
    engine.dispose()
    # The code was used up: a second till cannot reuse it, and the first keeps its settings.
    assert main([*argv, "--code", code, "--config-dir", str(tmp_path / "other")]) == 1
    assert "refused the code" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize(
    ("hub", "message"),
    [
        ("not a url", "not a hub URL"),
        ("ftp://hub.example", "not a hub URL"),
        ("http://127.0.0.1:99999", "not a hub URL"),
        ("http://127.0.0.1:{closed}", "hub unreachable"),
    ],
)
def test_cli_enroll_failures_are_one_line_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hub: str, message: str
) -> None:
    data_dir = tmp_path / "till"
    url = hub.format(closed=unused_port())
    code = main(["--data-dir", str(data_dir), "enroll", "--hub", url, "--code", "ABCD-EFGH-JKMN"])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err
    assert err.count("\n") == 1
    assert err.startswith("omnitill: ")
    assert not data_dir.exists()


def test_bad_code_and_wrong_server_write_nothing(
    restartable_hub: RestartableHub, seeded: sessionmaker[Session], tmp_path: Path
) -> None:
    restartable_hub.add_store(TILL_STORE)
    config_dir = tmp_path / "cfg"
    with pytest.raises(EnrollmentError, match="refused the code"):
        enroll(restartable_hub.base_url, "WRONG-CODE", config_dir=config_dir, write_sessions=seeded)
    # A web server that is not a hub (a path that does not exist on it).
    with pytest.raises(EnrollmentError, match=r"refused|does not answer like"):
        enroll(
            restartable_hub.base_url + "/nothing-here",
            "ABCD",
            config_dir=config_dir,
            write_sessions=seeded,
        )
    assert not config_dir.exists()
    with seeded() as session:
        assert session.get(StoreProfile, 1).till_id == "till-1"  # unchanged


def test_standalone_without_settings_and_a_damaged_file_is_named(tmp_path: Path) -> None:
    assert load_config(tmp_path) is None  # no hub: the till runs standalone
    (tmp_path / CONFIG_FILENAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="damaged; enroll the till again"):
        load_config(tmp_path)
