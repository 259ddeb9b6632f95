"""The benches that run as their own processes, folded into ``bench/run.py``'s table.

``ui`` (bench_ui.py: the real window, so Qt and a fresh interpreter) and ``hub``
(bench_hub.py: a PostgreSQL server and a hub process). Each writes its JSON; its budgets become
rows here, so ``run.py --check`` covers them like the in-process benches.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT, BenchResult, Row, Skip, Stat

BENCH = REPO_ROOT / "bench"


def _run(script: str, args: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        done = subprocess.run(
            [sys.executable, str(BENCH / script), *args, "--out", str(out)],
            cwd=REPO_ROOT, env=env, check=False,
        )  # fmt: skip
        if not out.exists():
            raise RuntimeError(f"{script} wrote no results (exit status {done.returncode})")
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return data


def _stat(data: dict[str, Any]) -> Stat:
    return Stat(**{k: data[k] for k in ("n", "p50_ms", "p99_ms", "max_ms", "mean_ms")})


def ui_result(products: int, seed: int) -> BenchResult:
    from bench.bench_ui import (
        COLD_BUDGET_S,
        PRICED_BUDGET_MS,
        RSS_BUDGET_MB,
        SCAN_BUDGET_MS,
        SCAN_FLOOR_RATIO,
        SEARCH_BUDGET_MS,
        STALL_LIMIT_MS,
    )

    data = _run("bench_ui.py", ["--products", str(products), "--seed", str(seed)])
    scan, floor, priced = _stat(data["scan"]), _stat(data["lookup_floor"]), _stat(data["priced"])
    search = _stat(data["search"])
    cold = Stat.of_ms([r["wall_ms"] for r in data["cold_start_runs"]])
    signin = Stat.of_ms([r["signin_wall_ms"] for r in data["cold_start_runs"]])
    ratio = float(data["scan_floor_ratio"])
    stall, rss = float(data["worst_stall_ms"]), float(data["cold_rss_mb"])
    rows = [
        Row(
            "UI: scan Enter → row in the basket",
            scan,
            f"p99 ≤ {SCAN_BUDGET_MS:g} ms, ≤ {SCAN_FLOOR_RATIO:g}× floor",
            scan.p99_ms <= SCAN_BUDGET_MS and ratio <= SCAN_FLOOR_RATIO,
            f"p99 = {ratio:.1f}× floor p99",
        ),
        Row("  floor: GuiCatalog.by_barcode", floor),
        Row(
            "UI: scan Enter → priced (pricing lane)",
            priced,
            f"p99 ≤ {PRICED_BUDGET_MS:g} ms",
            priced.p99_ms <= PRICED_BUDGET_MS,
        ),
        Row(
            "UI: type-ahead → results",
            search,
            f"p99 ≤ {SEARCH_BUDGET_MS:g} ms",
            search.p99_ms <= SEARCH_BUDGET_MS,
        ),
        Row(
            "UI: cold start → sign-in screen painted",
            signin,
            f"≤ {COLD_BUDGET_S:g} s",
            signin.max_ms <= COLD_BUDGET_S * 1000,
            "stage 1 of ui/start.py; the till loads behind it",
        ),
        Row(
            "UI: cold start → ready to scan",
            cold,
            f"≤ {COLD_BUDGET_S:g} s, RSS ≤ {RSS_BUDGET_MB:g} MB",
            cold.max_ms <= COLD_BUDGET_S * 1000 and rss <= RSS_BUDGET_MB,
            f"peak RSS {rss:.1f} MB",
        ),
        Row(
            "UI: worst event-loop stall, scripted sale",
            None,
            f"< {STALL_LIMIT_MS:g} ms",
            stall < STALL_LIMIT_MS,
            f"{stall:.1f} ms",
        ),
    ]
    return BenchResult("ui", rows, data)


def hub_result() -> BenchResult:
    if "OMNITILL_TEST_PG_URL" not in os.environ:
        raise Skip("OMNITILL_TEST_PG_URL is not set (the hub bench needs PostgreSQL)")
    from bench.bench_hub import INGEST_FLOOR_SHARE

    data = _run("bench_hub.py", ["--only", "ingest", "--duration", "10"])
    rows: list[Row] = []
    for run in data.get("ingest", []):
        label = f"hub: {run['tills']} tills, batch {run['batch']}"
        if run.get("interval_s"):
            rows.append(
                Row(
                    f"{label}, one every {run['interval_s']:g} s",
                    None,
                    "",
                    None,
                    f"{run['events_per_s']:,} events/s, p50 {run['p50_ms']} ms, "
                    f"p99 {run['p99_ms']} ms, {run['errors']} errors",
                )
            )
            continue
        floor = run["floor"]
        rows.append(
            Row(
                f"{label}, closed loop",
                None,
                f"≥ {INGEST_FLOOR_SHARE:.0%} of raw INSERTs",
                bool(run["ok"]),
                f"{run['events_per_s']:,} events/s = {run['share_of_floor']:.1%} of "
                f"{floor['rows_per_s']:,} rows/s ({floor['connections']} connections); "
                f"p50 {run['p50_ms']} ms, p99 {run['p99_ms']} ms",
            )
        )
    return BenchResult("hub", rows, data)
