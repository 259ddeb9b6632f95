#!/usr/bin/env python3
"""Run OmniTill's performance benches against a generated catalog (docs/architecture.md §9).

    python bench/run.py                         # 1,000,000 products, every bench
    python bench/run.py --products 20000 --only lookup,search
    python bench/run.py --rebuild               # regenerate the cached catalog first

The catalog database is built once per size (and schema revision) under bench/.cache/ and
reused; each run works on a fresh copy of it, so sales written by one run never skew the next.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make `bench` and `pos_app` importable from the checkout.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO_ROOT, BenchResult, Row, Skip, Stat

BENCH_DIR = REPO_ROOT / "bench"
CACHE_DIR = BENCH_DIR / ".cache"
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_PRODUCTS = 1_000_000
DEFAULT_SEED = 1
# "A million products in about a minute" (the generator's own target, not a budget of
# docs/architecture.md §9).
GENERATION_BUDGET_S_PER_MILLION = 60.0
BENCH_NAMES = ("generate", "lookup", "search", "sale", "coldstart", "promotions", "ui", "hub")


def _head_revision() -> str:
    from pos_app.db.migrate import head_revision

    return head_revision() or "none"


def _catalog_path(products: int) -> Path:
    return CACHE_DIR / f"catalog-{products}-rev{_head_revision()}.sqlite3"


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_catalog(products: int, seed: int) -> dict[str, Any]:
    """Generate the cached catalog; built under a temporary name so a crash never leaves a
    half-written file that a later run would take for a finished one."""
    from pos_app.db import migrate
    from pos_app.db.demo_data import generate_demo_data
    from pos_app.db.engine import create_till_engine

    final = _catalog_path(products)
    building = final.with_name(final.name + ".building")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    _remove_db(building)
    started = time.perf_counter()
    engine = create_till_engine(building)
    try:
        migrate.upgrade(engine)
        report = generate_demo_data(engine, products, seed=seed)
    finally:
        engine.dispose()
    # Disposing closed the last connection, which checkpoints and removes the WAL; the
    # catalog is then entirely in the main file and can be renamed and copied on its own.
    if Path(f"{building}-wal").exists():
        with sqlite3.connect(building) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Catalogs of this size built for older schema revisions are dead weight (~270 MB each).
    for stale in CACHE_DIR.glob(f"catalog-{products}-rev*.sqlite3"):
        _remove_db(stale)
        stale.with_suffix(".json").unlink(missing_ok=True)
    os.replace(building, final)
    Path(f"{building}-wal").unlink(missing_ok=True)
    Path(f"{building}-shm").unlink(missing_ok=True)
    meta = {
        "products": report.products,
        "barcodes": report.barcodes,
        "seconds": round(report.seconds, 3),
        "rows_per_second": round(report.rows_per_second),
        "seconds_with_migration": round(time.perf_counter() - started, 3),
        "seed": seed,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "size_mb": round(final.stat().st_size / 1e6, 1),
    }
    final.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def generation_result(meta: dict[str, Any]) -> BenchResult:
    budget_s = GENERATION_BUDGET_S_PER_MILLION * max(meta["products"], 1) / 1_000_000
    seconds = float(meta["seconds"])
    # One timing, not a distribution: the figures go in the note rather than the p-columns.
    row = Row(
        f"generate_demo_data ({meta['products']:,} products)",
        None,
        f"≤ {budget_s:.1f} s (≈1 min per 1M)",
        seconds <= budget_s,
        f"{seconds:.1f} s, {meta['rows_per_second']:,} rows/s, {meta['barcodes']:,} barcodes, "
        f"{meta['size_mb']} MB file",
    )
    return BenchResult("generate", [row], dict(meta))


def coldstart_result(db: Path, seed: int) -> BenchResult:
    for module in ("pos_app.db.catalog_repo", "pos_app.services.store.till_context"):
        if importlib.util.find_spec(module) is None:
            raise Skip(f"{module} does not exist yet")
    from bench.coldstart import BUDGET_RSS_MB, BUDGET_S, RUNS, run_coldstart

    print(f"  … {RUNS} fresh interpreters: import, open, migration check, first look-up")
    data = run_coldstart(db, seed)
    runs: list[dict[str, float]] = data["runs"]  # type: ignore[assignment]
    wall = Stat.of_ms([r["wall_ms"] for r in runs])
    rss = max(r["rss_mb"] for r in runs)
    budget_ms = BUDGET_S * 1000
    detail = {
        key: round(statistics.median(r[key] for r in runs), 1)
        for key in ("imports_ms", "migrate_check_ms", "first_lookup_ms", "in_process_ms")
    }
    return BenchResult(
        "coldstart",
        [
            Row(
                "spawn → first barcode answered",
                wall,
                f"≤ {BUDGET_S:g} s",
                wall.max_ms <= budget_ms,
                "median: "
                + ", ".join(f"{k.removesuffix('_ms')} {v:g} ms" for k, v in detail.items()),
            ),
            Row(
                "  peak RSS of the child (VmHWM)",
                None,
                f"≤ {BUDGET_RSS_MB:g} MB",
                rss <= BUDGET_RSS_MB,
                f"{rss:.1f} MB (ru_maxrss {max(r['ru_maxrss_mb'] for r in runs):.1f} MB)",
            ),
        ],
        {"runs": runs, "median_breakdown_ms": detail, "rss_mb": round(rss, 1)},
    )


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"


def print_table(
    results: list[BenchResult], skipped: dict[str, str], errors: dict[str, str]
) -> None:
    header = (
        f"{'bench':<44} {'n':>6} {'p50 ms':>10} {'p99 ms':>10} {'max ms':>10}  "
        f"{'budget':<32} verdict"
    )
    print()
    print(header)
    print("-" * len(header))
    for result in results:
        for row in result.rows:
            stat = row.stat
            verdict = "" if row.ok is None else ("ok" if row.ok else "OVER")
            print(
                f"{row.label:<44} {stat.n if stat else '':>6} "
                f"{_fmt(stat.p50_ms if stat else None):>10} "
                f"{_fmt(stat.p99_ms if stat else None):>10} "
                f"{_fmt(stat.max_ms if stat else None):>10}  {row.budget:<32} {verdict}"
            )
            if row.note:
                print(f"{'':<46}{row.note}")
    for name, reason in skipped.items():
        print(f"{name:<44} skipped: {reason}")
    for name, message in errors.items():
        print(f"{name:<44} ERROR: {message}")
    print()


def missed_budgets(results: list[BenchResult]) -> list[str]:
    """One line per budget a row missed: its figure, the budget, and the floor measured beside
    it in the same bench (the first "floor" row, or what the row's note says of it)."""
    lines = []
    for result in results:
        floors = [row for row in result.rows if "floor" in row.label and row.stat is not None]
        for row in result.rows:
            if row.ok is not False:
                continue
            figure = f"p99 {_fmt(row.stat.p99_ms)} ms" if row.stat else ""
            floor = (
                f"{floors[0].label.strip()}: p99 {_fmt(floors[0].stat.p99_ms)} ms"
                if (floors and floors[0].stat)
                else ""
            )
            parts = [p for p in (figure, row.note, floor) if p]
            lines.append(
                f"{result.name}: {row.label.strip()}: {'; '.join(parts)} — budget {row.budget}"
            )
    return lines


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--products", type=int, default=DEFAULT_PRODUCTS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="JSON results file (default: bench/results/…)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help=f"comma-separated benches to run, from: {', '.join(BENCH_NAMES)}",
    )
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached catalog")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a budget is exceeded"
    )
    args = parser.parse_args(argv)
    only = {name.strip() for chunk in args.only for name in chunk.split(",") if name.strip()}
    unknown = only - set(BENCH_NAMES)
    if unknown:
        parser.error(f"unknown bench {', '.join(sorted(unknown))}; choose from {BENCH_NAMES}")
    if args.products < 1:
        parser.error("--products must be at least 1")
    args.only = only or set(BENCH_NAMES)
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    products: int = args.products
    print(
        f"OmniTill bench: {products:,} products, SQLite {sqlite3.sqlite_version}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )

    catalog = _catalog_path(products)
    built: dict[str, Any] | None = None
    if args.rebuild or not catalog.exists():
        print(f"building the catalog cache {catalog.relative_to(REPO_ROOT)} …", flush=True)
        built = build_catalog(products, args.seed)
        print(f"  built in {built['seconds']:.1f} s ({built['rows_per_second']:,} rows/s)")
    else:
        print(f"reusing {catalog.relative_to(REPO_ROOT)} (--rebuild to regenerate)")

    run_dir = CACHE_DIR / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    work = run_dir / "till.sqlite3"
    _remove_db(work)
    shutil.copyfile(catalog, work)

    results: list[BenchResult] = []
    skipped: dict[str, str] = {}
    errors: dict[str, str] = {}

    def attempt(name: str, fn: Callable[[], BenchResult]) -> None:
        if name not in args.only:
            return
        print(f"[{name}]", flush=True)
        try:
            results.append(fn())
        except Skip as exc:
            skipped[name] = str(exc)
            print(f"  skipped: {exc}")
        except Exception as exc:
            traceback.print_exc()
            errors[name] = f"{type(exc).__name__}: {exc}"

    if built is not None:
        attempt("generate", lambda: generation_result(built))
    elif "generate" in args.only:
        skipped["generate"] = "catalog reused from the cache (run with --rebuild to time it)"

    from bench.catalog_bench import bench_lookup, bench_search
    from bench.sale_bench import bench_sale

    attempt("lookup", lambda: bench_lookup(work, args.seed))
    attempt("search", lambda: bench_search(work, args.seed))
    attempt("sale", lambda: bench_sale(work, args.seed))
    attempt("coldstart", lambda: coldstart_result(work, args.seed))
    from bench.bench_promotions import bench_promotions

    attempt("promotions", lambda: bench_promotions(args.seed))  # in memory: no catalog needed
    from bench.external import hub_result, ui_result

    attempt("ui", lambda: ui_result(products, args.seed))  # its own process, its own copy
    attempt("hub", hub_result)  # PostgreSQL: a throwaway database
    _remove_db(work)
    _remove_db(run_dir / "floor.sqlite3")

    print_table(results, skipped, errors)
    missed = missed_budgets(results)
    if missed:
        print(f"{len(missed)} budget(s) missed:")
        for line in missed:
            print(f"  MISSED {line}")
        print()

    stamp = datetime.now(UTC)
    out: Path = args.out or RESULTS_DIR / f"{stamp:%Y%m%d-%H%M%S}-{products}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "started_at": stamp.isoformat(timespec="seconds"),
        "products": products,
        "seed": args.seed,
        "git_commit": _git_commit(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "catalog": str(catalog.relative_to(REPO_ROOT)),
        "benches": [
            {
                "name": r.name,
                "ok": r.ok,
                "rows": [asdict(row) for row in r.rows],
                "extra": r.extra,
            }
            for r in results
        ],
        "skipped": skipped,
        "errors": errors,
    }
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"results written to {out}")
    if errors:
        return 1
    if args.check and any(r.ok is False for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
