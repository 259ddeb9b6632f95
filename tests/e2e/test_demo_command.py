"""The README's demo path, run as a person would: the scripted sale on a fresh data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_scripted_demo_rings_and_verifies(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "pos_app.cli", "--data-dir", str(tmp_path), "demo"]
    first = subprocess.run(
        [*args, "--scripted", "--products", "300"], capture_output=True, text=True, check=False
    )
    assert first.returncode == 0, first.stderr
    assert "journal: OK, 1 entries" in first.stdout
    assert "outbox: 1 event(s) queued" in first.stdout
    assert "TOTAL" in first.stdout.upper()
    second = subprocess.run(
        [*args, "--scripted", "--products", "300"], capture_output=True, text=True, check=False
    )
    assert second.returncode == 0, second.stderr
    assert "building a demo catalog" not in second.stdout  # the catalog is reused
    assert "journal: OK, 2 entries" in second.stdout
    assert "outbox: 2 event(s) queued" in second.stdout
