"""Shared pieces of the benches: timing, nearest-rank percentiles, results and skips."""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # The benches run as scripts from a checkout; pos_app need not be installed.
    sys.path.insert(0, str(REPO_ROOT))

T = TypeVar("T")

WARMUP = 20


class Skip(Exception):
    """A bench cannot run here (a module it measures does not exist yet, say)."""


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: always a value that was actually measured."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


@dataclass(frozen=True)
class Stat:
    n: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float

    @classmethod
    def of_ns(cls, samples_ns: Sequence[int]) -> Stat:
        ms = [s / 1e6 for s in samples_ns]
        return cls.of_ms(ms)

    @classmethod
    def of_ms(cls, ms: Sequence[float]) -> Stat:
        return cls(
            n=len(ms),
            p50_ms=percentile(ms, 50),
            p99_ms=percentile(ms, 99),
            max_ms=max(ms),
            mean_ms=statistics.fmean(ms),
        )


@dataclass
class Row:
    """One line of the results table: a measurement, or a floor printed under its bench."""

    label: str
    stat: Stat | None = None
    budget: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class BenchResult:
    name: str
    rows: list[Row] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool | None:
        verdicts = [r.ok for r in self.rows if r.ok is not None]
        return all(verdicts) if verdicts else None


def measure_interleaved(
    fns: Mapping[str, Callable[[T], object]],
    inputs: Sequence[T],
    warmup_inputs: Sequence[T] = (),
) -> dict[str, list[int]]:
    """Time each function on each input, alternating between them input by input.

    Alternating means a disk or scheduler hiccup lands on the bench and its floor alike,
    instead of on whichever happened to run during it.
    """
    for item in warmup_inputs:
        for fn in fns.values():
            fn(item)
    samples: dict[str, list[int]] = {name: [] for name in fns}
    clock = time.perf_counter_ns
    for item in inputs:
        for name, fn in fns.items():
            started = clock()
            fn(item)
            samples[name].append(clock() - started)
    return samples


def progress(message: str) -> None:
    print(f"  … {message}", flush=True)


def pg_bench_parser(doc: str | None) -> argparse.ArgumentParser:
    """The options of a PostgreSQL bench: its description and the server (``--pg-url``)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "OMNITILL_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
    )
    return parser
