"""Bench d) start to ready-to-scan, in a fresh interpreter each time.

Run by ``bench/run.py``; as a script (``coldstart.py DB BARCODE``) it is the child process: it
imports what the till imports, opens the engine, runs the migration check, answers one barcode
look-up and prints its timings and peak RSS as JSON.

"Cold-ish": the database file sits in the OS page cache (the bench has just copied it), and
the GUI toolkit is not part of this start.
"""

from __future__ import annotations

import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
BUDGET_S = 1.5
BUDGET_RSS_MB = 250.0


def _child(db: Path, barcode: str) -> dict[str, float]:
    t0 = time.perf_counter()
    repo_root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(repo_root))
    from pos_app.db import migrate
    from pos_app.db.catalog_repo import SqlCatalog
    from pos_app.db.engine import create_till_engine, make_session_factory
    from pos_app.services.store.till_context import load_till_context

    t_imported = time.perf_counter()
    engine = create_till_engine(db, writer=True)
    migrate.upgrade(engine)
    t_migrated = time.perf_counter()
    with make_session_factory(engine)() as session:
        context = load_till_context(session)
        item = SqlCatalog(session, context.currency).by_barcode(barcode)
    t_answered = time.perf_counter()
    if item is None:
        raise SystemExit(f"barcode {barcode} not found")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    maxrss_mb = maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024
    engine.dispose()
    return {
        "imports_ms": (t_imported - t0) * 1000,
        "migrate_check_ms": (t_migrated - t_imported) * 1000,
        "first_lookup_ms": (t_answered - t_migrated) * 1000,
        "in_process_ms": (t_answered - t0) * 1000,
        "ru_maxrss_mb": maxrss_mb,
        "rss_mb": _peak_rss_mb() or maxrss_mb,
    }


def _peak_rss_mb() -> float | None:
    """This process's own peak RSS (Linux VmHWM).

    ru_maxrss is not enough on Linux: exec keeps the high-water mark of the process image it
    replaces, so a child spawned by a bench that had just generated a big catalog reports the
    parent's peak (measured: 644 MB against a true 60 MB).
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def run_coldstart(db: Path, seed: int) -> dict[str, object]:
    """Spawn RUNS fresh interpreters; returns wall times (spawn → answer) and their details."""
    with sqlite3.connect(db) as conn:
        (top,) = conn.execute("SELECT max(rowid) FROM product_barcodes").fetchone()
        rng = random.Random(seed + 3)
        barcodes = [
            conn.execute(
                "SELECT barcode FROM product_barcodes WHERE rowid = ?", (rng.randint(1, top),)
            ).fetchone()[0]
            for _ in range(RUNS)
        ]
    runs: list[dict[str, float]] = []
    for barcode in barcodes:
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), str(db), barcode],
            capture_output=True,
            text=True,
            check=False,
        )
        wall_ms = (time.perf_counter() - started) * 1000
        if proc.returncode != 0:
            raise RuntimeError(f"cold-start child failed: {proc.stderr.strip()[-2000:]}")
        figures = json.loads(proc.stdout.strip().splitlines()[-1])
        figures["wall_ms"] = wall_ms
        runs.append(figures)
    return {"runs": runs}


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[1]), sys.argv[2])))
