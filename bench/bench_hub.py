"""Hub performance on PostgreSQL (docs/architecture.md §9): ingest under many tills, feed paging,
catalog import.

    .venv/bin/python bench/bench_hub.py                       # everything, ~2 minutes
    .venv/bin/python bench/bench_hub.py --only ingest --duration 5 --tills 50
    .venv/bin/python bench/bench_hub.py --catalog-rows 100000 --out bench/results/hub.json

A throwaway database (random name) is created on the server named by --pg-url (default:
$OMNITILL_TEST_PG_URL or the local server) and dropped at the end. The hub runs as a real
`omnitill hub serve --workers W` process on loopback; simulated tills are threads, each with its
own enrolled device token, pushing realistic `sale.completed` batches in a closed loop (send,
wait for the answer, send the next) for a fixed duration. The load generator shares the
machine with the hub: on a small box its own CPU use caps the figures, so read them as a floor.
"""

from __future__ import annotations

import csv
import json
import math
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import requests
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import pg_bench_parser  # noqa: E402
from sync.hub import migrate, tenancy  # noqa: E402 - after the path set-up above
from sync.hub.catalog_import import import_catalog  # noqa: E402
from sync.hub.context import Hub  # noqa: E402
from sync.hub.db import HubDatabase  # noqa: E402
from sync.protocol import EnrollRequest, StoreIn  # noqa: E402

CACHE = REPO_ROOT / "bench" / ".cache"
TILLS_PER_STORE = 10
SKUS_SOLD = 20_000  # sales pick from this many SKUs: realistic contention on stock rows
TIMEOUT = 60.0


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank: always a value that was measured."""
    ordered = sorted(values)
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- set-up ---------------------------------------------------------------------------------


class ThrowawayDatabase:
    def __init__(self, server_url: str) -> None:
        self._server = make_url(server_url).set(drivername="postgresql")
        self.name = f"omnitill_bench_{secrets.token_hex(5)}"
        with self._admin() as conn:
            conn.execute(f"CREATE DATABASE {self.name}")  # type: ignore[arg-type]
        self.url = self._server.set(database=self.name).render_as_string(hide_password=False)

    def _admin(self) -> psycopg.Connection[Any]:
        url = self._server.render_as_string(hide_password=False)
        return psycopg.connect(url, autocommit=True)

    def drop(self) -> None:
        with self._admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class HubProcess:
    def __init__(self, url: str, workers: int) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        argv = [sys.executable, "-m", "pos_app.cli", "hub", "serve", "--db", url]
        argv += ["--port", str(self.port), "--workers", str(workers)]
        self.process = subprocess.Popen(argv, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("the hub process exited during start-up")
            try:
                requests.get(f"{self.base_url}/v1/health", timeout=2).raise_for_status()
                return
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def enroll_tills(hub: Hub, count: int) -> list[tuple[str, str]]:
    """(store id, device token) for ``count`` tills, ten to a store."""
    tills = []
    for i in range(count):
        store = f"bench-{i // TILLS_PER_STORE:03d}"
        if i % TILLS_PER_STORE == 0:
            tenancy.upsert_store(hub, StoreIn(store_id=store, name=f"Bench store {store}"))
        code = tenancy.create_enroll_code(hub, store).code
        tills.append((store, tenancy.enroll(hub, EnrollRequest(code=code)).token))
    return tills


# --- load -----------------------------------------------------------------------------------


def sale_event(store: str, till: str, n: int, rnd: random.Random) -> dict[str, Any]:
    """The shape of pos_app.services.sale.checkout's outbox payload, with three lines."""
    lines, movements = [], []
    for line_no in range(1, 4):
        sku = f"SKU-{rnd.randrange(SKUS_SOLD):07d}"
        price = rnd.randrange(99, 2_999)
        lines.append(
            {
                "line_no": line_no,
                "sku": sku,
                "name": "Bench product",
                "quantity_milli": 1000,
                "unit_price_minor": price,
                "gross_minor": price,
                "line_discount_minor": 0,
                "basket_discount_minor": 0,
                "amount_minor": price,
                "tax_class": "standard",
                "price_override_reason": None,
            }
        )
        movements.append({"uuid": str(uuid.uuid4()), "sku": sku, "quantity_delta_milli": -1000})
    total = sum(line["amount_minor"] for line in lines)
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "sale.completed",
        "payload": {
            "version": 1,
            "sale_uuid": str(uuid.uuid4()),
            "store_id": store,
            "till_id": till,
            "receipt_no": f"{till}-{n:06d}",
            "created_at": datetime.now(UTC).isoformat(),
            "cashier": "bench",
            "currency": "EUR",
            "tax_mode": "inclusive",
            "offline": False,
            "totals": {"total_minor": total, "tax_minor": total // 6, "subtotal_minor": total},
            "lines": lines,
            "tenders": [{"kind": "cash", "amount_minor": total, "account": None}],
            "tax_lines": [],
            "stock_movements": movements,
            "journal": {"seq": n, "hash": "0" * 64},
        },
    }


@dataclass
class IngestResult:
    tills: int
    batch: int
    interval_s: float | None  # None: closed loop (send again at once); else one batch per interval
    seconds: float
    requests: int
    events: int
    events_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int


def run_together(
    threads: list[threading.Thread],
    start: threading.Barrier,
    stop_at: list[float],
    duration: float,
) -> float:
    """Start ``threads``, release them at once (``start``), let them run until ``stop_at``
    (set here, ``duration`` from now) and wait for them; returns when they were released."""
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at[0] = began + duration
    start.wait()
    for thread in threads:
        thread.join(timeout=duration + TIMEOUT + 10)
    return began


def run_ingest(
    base_url: str,
    tills: list[tuple[str, str]],
    batch: int,
    duration: float,
    interval: float | None = None,
) -> IngestResult:
    """Closed loop (``interval`` None: saturation, latency is mostly queueing) or paced: each
    till sends one batch every ``interval`` seconds from a random offset (an offered load, the
    way real tills behave; latency is then the service time under that load)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = threading.Barrier(len(tills) + 1)
    stop_at = [0.0]
    last_answer = [0.0] * len(tills)  # per till: when its last answer arrived

    def till_loop(index: int, store: str, token: str) -> None:
        rnd = random.Random(index)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        mine: list[float] = []
        failed = 0
        n = 0
        start.wait()
        due = time.monotonic() + (rnd.uniform(0, interval) if interval else 0.0)
        while time.monotonic() < stop_at[0]:
            if interval is not None:
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)  # pacing the load generator, not waiting for a state
                due += interval
                if time.monotonic() >= stop_at[0]:
                    break
            events = [sale_event(store, f"T{index}", n + k, rnd) for k in range(batch)]
            n += batch
            began = time.perf_counter()
            try:
                answer = session.post(
                    f"{base_url}/v1/events", json={"events": events}, timeout=TIMEOUT
                )
                ok = answer.status_code == 200 and all(
                    r["status"] == "accepted" for r in answer.json()["results"]
                )
            except requests.RequestException:
                ok = False
            last_answer[index] = time.monotonic()
            if ok:
                mine.append((time.perf_counter() - began) * 1000)
            else:
                failed += 1
        session.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [
        threading.Thread(target=till_loop, args=(i, store, token), daemon=True)
        for i, (store, token) in enumerate(tills)
    ]
    began = run_together(threads, start, stop_at, duration)
    # Until the last answer, not the join: a paced till may sleep past the end before it stops.
    seconds = max(last_answer) - began
    done = len(latencies)
    return IngestResult(
        tills=len(tills),
        batch=batch,
        interval_s=interval,
        seconds=round(seconds, 2),
        requests=done,
        events=done * batch,
        events_per_s=round(done * batch / seconds, 1),
        p50_ms=round(percentile(latencies, 50), 1) if latencies else math.nan,
        p99_ms=round(percentile(latencies, 99), 1) if latencies else math.nan,
        max_ms=round(max(latencies), 1) if latencies else math.nan,
        errors=errors[0],
    )


# --- the floor: bare INSERT + COMMIT on the same server -------------------------------------

FLOOR_CONNECTIONS = 50  # more would only queue for the server's CPUs; the floor used 50
INGEST_FLOOR_SHARE = 1 / 3  # budget (issue 18): ingest at least a third of the raw-INSERT rate


def run_insert_floor(url: str, connections: int, batch: int, duration: float) -> dict[str, Any]:
    """What the server does with no hub at all: ``connections`` psycopg connections, each
    committing ``batch`` event-sized rows per transaction (durable, as the hub's are), closed
    loop, for ``duration`` s. Run right before the ingest it is the floor of."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS floor_rows (id BIGSERIAL PRIMARY KEY, "
            "event_id UUID NOT NULL UNIQUE, payload TEXT NOT NULL)"
        )
    payload = json.dumps(sale_event("bench-000", "T0", 0, random.Random(0)))
    done = [0]
    lock = threading.Lock()
    start = threading.Barrier(connections + 1)
    stop_at = [0.0]

    def loop() -> None:
        rows = 0
        with psycopg.connect(url) as conn:
            start.wait()
            while time.monotonic() < stop_at[0]:
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO floor_rows (event_id, payload) VALUES (%s, %s)",
                        [(uuid.uuid4(), payload) for _ in range(batch)],
                    )
                conn.commit()
                rows += batch
        with lock:
            done[0] += rows

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(connections)]
    began = run_together(threads, start, stop_at, duration)
    seconds = time.monotonic() - began
    return {
        "connections": connections,
        "batch": batch,
        "rows": done[0],
        "rows_per_s": round(done[0] / seconds, 1),
    }


# --- catalog and feed -----------------------------------------------------------------------


def catalog_csv(rows: int) -> Path:
    path = CACHE / f"hub-catalog-{rows}.csv"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    say(f"writing {path} …")
    rnd = random.Random(1)
    departments = ("grocery", "beverages", "dairy", "household", "clothing", "books")
    nouns = ("Coffee Beans", "Orange Juice", "Whole Milk", "Dish Soap", "T-Shirt", "Paperback")
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["sku", "name", "department", "tax_class", "price", "barcodes"])
        for i in range(rows):
            d = rnd.randrange(len(departments))
            writer.writerow(
                [
                    f"SKU-{i:07d}",
                    f"Brand{rnd.randrange(500)} {nouns[d]} {rnd.randrange(1, 20) * 50} g",
                    departments[d],
                    "standard" if d > 2 else "reduced",
                    f"{rnd.randrange(49, 9_999) / 100:.2f}",
                    f"379{i:09d}0" + (f" 380{i:09d}0" if rnd.random() < 0.05 else ""),
                ]
            )
    return path


def run_import(db: HubDatabase, rows: int) -> dict[str, Any]:
    path = catalog_csv(rows)
    report = import_catalog(db, path)
    return {
        "rows": report.rows,
        "seconds": round(report.seconds, 1),
        "rows_per_s": round(report.rows / report.seconds),
    }


def run_feed(base_url: str, token: str, limit: int, max_seconds: float) -> dict[str, Any]:
    """Page through a till's whole feed from cursor 0 (the initial sync), one page at a time."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    cursor, pages, rows = 0, 0, 0
    latencies: list[float] = []
    began = time.monotonic()
    while time.monotonic() - began < max_seconds:
        t0 = time.perf_counter()
        answer = session.get(
            f"{base_url}/v1/feed", params={"cursor": cursor, "limit": limit}, timeout=TIMEOUT
        )
        answer.raise_for_status()
        page = answer.json()
        latencies.append((time.perf_counter() - t0) * 1000)
        pages += 1
        rows += len(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    seconds = time.monotonic() - began
    session.close()
    return {
        "limit": limit,
        "pages": pages,
        "rows": rows,
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 1),
        "rows_per_s": round(rows / seconds),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "complete": rows > 0 and cursor > 0 and not page["has_more"],
    }


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = pg_bench_parser(__doc__)
    parser.add_argument("--only", default="import,ingest,feed")
    parser.add_argument("--tills", default="50,500", help="comma-separated counts")
    parser.add_argument("--batches", default="1,50", help="comma-separated batch sizes")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per ingest run")
    parser.add_argument(
        "--paced-interval",
        type=float,
        default=10.0,
        help="paced runs: each till sends one batch every N seconds (0: skip paced runs)",
    )
    parser.add_argument("--catalog-rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="hub worker processes")
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a closed-loop ingest is under budget"
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    results: dict[str, Any] = {"workers": args.workers, "cpus": os.cpu_count()}

    database = ThrowawayDatabase(args.pg_url)
    db = HubDatabase(database.url)
    server = None
    try:
        migrate.upgrade(db.engine)
        hub = Hub(db=db)
        if "import" in only:
            say(f"import-catalog: {args.catalog_rows:,} rows …")
            results["import"] = run_import(db, args.catalog_rows)
            say(f"  {results['import']}")
        tills = enroll_tills(hub, max(int(t) for t in args.tills.split(",")))
        server = HubProcess(database.url, args.workers)
        if "ingest" in only:
            results["ingest"] = []
            for count in (int(t) for t in args.tills.split(",")):
                for batch in (int(b) for b in args.batches.split(",")):
                    conns = min(count, FLOOR_CONNECTIONS)
                    say(f"floor: raw INSERTs, {conns} connections, {batch} rows a commit …")
                    floor = run_insert_floor(database.url, conns, batch, args.duration)
                    say(f"ingest: {count} tills, batches of {batch}, {args.duration:g} s …")
                    outcome = run_ingest(server.base_url, tills[:count], batch, args.duration)
                    share = outcome.events_per_s / floor["rows_per_s"] if floor["rows"] else 0.0
                    row = {**asdict(outcome), "floor": floor, "share_of_floor": round(share, 3)}
                    row["ok"] = share >= INGEST_FLOOR_SHARE
                    verdict = "OK" if row["ok"] else "UNDER"
                    say(
                        f"  {outcome.events_per_s:,.1f} events/s = {share:.1%} of the floor's "
                        f"{floor['rows_per_s']:,.1f} rows/s (budget ≥ {INGEST_FLOOR_SHARE:.0%}) "
                        f"{verdict}; p50 {outcome.p50_ms} ms, p99 {outcome.p99_ms} ms"
                    )
                    results["ingest"].append(row)
                if args.paced_interval > 0:
                    say(f"ingest: {count} tills, one sale every {args.paced_interval:g} s …")
                    outcome = run_ingest(
                        server.base_url,
                        tills[:count],
                        1,
                        max(args.duration, 2 * args.paced_interval),
                        args.paced_interval,
                    )
                    say(f"  {asdict(outcome)}")
                    results["ingest"].append(asdict(outcome))
        if "feed" in only:
            results["feed"] = []
            for limit in (500, 5000):
                say(f"feed: pages of {limit} from cursor 0 …")
                outcome = run_feed(server.base_url, tills[0][1], limit, max_seconds=120)
                say(f"  {outcome}")
                results["feed"].append(outcome)
    finally:
        if server is not None:
            server.stop()
        db.dispose()
        database.drop()
    text = json.dumps(results, indent=2)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    under = [r for r in results.get("ingest", []) if r.get("ok") is False]
    return 1 if args.check and under else 0


if __name__ == "__main__":
    sys.exit(main())
