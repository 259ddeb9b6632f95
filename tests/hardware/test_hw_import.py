"""Starting the till leaves nothing in the system's temporary folder (issue 15 defect 4)."""

from __future__ import annotations

import os
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
