"""Starting the till leaves nothing in the system's temporary folder (issue 15 defect 4)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("pickle_dir", ["ours", "given"])
def test_importing_the_till_makes_no_temporary_folder(tmp_path: Path, pickle_dir: str) -> None:
    temp, given = tmp_path / "tmp", tmp_path / "given"
    temp.mkdir()
    given.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    if pickle_dir == "given":  # set by the person, or inherited from a parent till process
        env["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(given)
    for _ in range(2):  # the first start writes escpos's pickle, the second reads it
        subprocess.run(
            [sys.executable, "-c", "import pos_app.ui.app, escpos.printer"], env=env, check=True
        )
    assert list(temp.iterdir()) == []
    cache = given if pickle_dir == "given" else tmp_path / "cache" / "omnitill" / "escpos"
    assert [p.suffix for p in cache.iterdir()] == [".pickle"]


def _env_with_cache(tmp_path: Path) -> tuple[dict[str, str], Path]:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    return env, tmp_path / "cache" / "omnitill" / "escpos"


def _python_version() -> str:
    return subprocess.run(
        [sys.executable, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.parametrize("content", [b"", b"\x80\x02}q\x00(X"], ids=["empty", "cut"])
def test_a_capabilities_pickle_cut_short_is_written_again(tmp_path: Path, content: bytes) -> None:
    # An empty pickle is what a second process saw while escpos (which opens the file for
    # writing before it parses the YAML) was still writing it: two pytest workers failed
    # with 'EOFError: Ran out of input'; a cut one is what a till killed mid-write left.
    env, cache = _env_with_cache(tmp_path)
    cache.mkdir(parents=True)
    broken = cache / f"{_python_version()}.capabilities.pickle"
    broken.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", "import hardware, escpos.printer; print('ok')"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with broken.open("rb") as f:
        assert "profiles" in pickle.load(f)
    assert sorted(p.name for p in cache.iterdir()) == [broken.name]


def test_tills_starting_together_on_a_new_machine_all_load_escpos(tmp_path: Path) -> None:
    env, cache = _env_with_cache(tmp_path)
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", "import hardware, escpos.printer"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    ended = [(p.communicate()[1], p.returncode) for p in starts]
    assert [err for err, code in ended if code != 0] == []
    assert [p.suffix for p in cache.iterdir()] == [".pickle"]
