"""Where one ``POST /v1/events`` spends its time, on PostgreSQL (issue 18 point 4).

    PYTHONPATH=. .venv/bin/python bench/profile_ingest.py                 # batches of 1 and 50
    PYTHONPATH=. .venv/bin/python bench/profile_ingest.py --batch 1 --requests 500 --top 20

The hub's real FastAPI app, in this process and this thread: each request is one ASGI call
(middleware, routing, auth dependency, body validation, ingest, response), with FastAPI's
thread pool replaced by a direct call so that one cProfile sees all of it. Not included: the
uvicorn HTTP parsing and the socket (bench/bench_hub.py measures those, over loopback).

For each batch size it prints
* the round trips of one request (tests/helpers/round_trips.py: statements, BEGIN/COMMIT,
  pings), with the statements;
* wall time per request without the profiler (p50, p99 over ``--requests``) and this
  process's CPU time per request (steadier than wall time on a shared machine);
* self time by layer under cProfile (its overhead inflates the layers made of many small
  Python calls, SQLAlchemy most, so read shares, not milliseconds), and the top functions.

A throwaway database (random name) on --pg-url is created and dropped.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import pstats
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import fastapi.dependencies.utils  # noqa: E402 - after the path set-up above
import fastapi.routing  # noqa: E402

from bench.bench_hub import ThrowawayDatabase, percentile, sale_event  # noqa: E402
from bench.common import pg_bench_parser  # noqa: E402
from sync.hub import migrate, tenancy  # noqa: E402
from sync.hub.app import create_app  # noqa: E402
from sync.hub.context import Hub  # noqa: E402
from sync.hub.db import HubDatabase  # noqa: E402
from sync.hub.settings import HubSettings  # noqa: E402
from sync.protocol import EnrollRequest, StoreIn  # noqa: E402
from tests.helpers.round_trips import RoundTrips  # noqa: E402

STORE = "prof-001"
WARM_UP = 30


async def _inline(func: Any, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


def _single_thread() -> None:
    """FastAPI runs sync endpoints and dependencies in a thread pool; run them inline, so the
    profiler (per thread) sees them. Same work, one thread."""
    fastapi.routing.run_in_threadpool = _inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = _inline  # type: ignore[assignment]


class Caller:
    """POST /v1/events as one ASGI call."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.token = token.encode()
        self.loop = asyncio.new_event_loop()

    def post(self, body: bytes) -> dict[str, Any]:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/v1/events",
            "raw_path": b"/v1/events",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"hub"),
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"authorization", b"Bearer " + self.token),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 80),
            "state": {},
        }
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        self.loop.run_until_complete(self.app(scope, receive, send))
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        answer = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        if status != 200:
            raise RuntimeError(f"status {status}: {answer[:300]!r}")
        data: dict[str, Any] = json.loads(answer)
        bad = [r for r in data["results"] if r["status"] != "accepted"]
        if bad:
            raise RuntimeError(f"not accepted: {bad[:2]}")
        return data


LAYERS = (
    # psycopg's Connection.wait calls libpq's wait in C: its self time is the wait for the
    # server (and the network), which cProfile cannot see as a separate function.
    ("PG wait (network + server)", ("psycopg/connection.py wait", "wait_c", "select.select")),
    ("psycopg", ("psycopg",)),
    ("SQLAlchemy", ("sqlalchemy",)),
    ("JSON / pydantic", ("pydantic", "json", "_json")),
    ("FastAPI / Starlette / asyncio", ("fastapi", "starlette", "anyio", "asyncio")),
    ("OmniTill (sync/, pos_app/)", ("/sync/", "/pos_app/")),
)


def layer_of(filename: str, name: str) -> str:
    where = f"{filename} {name}"
    for layer, marks in LAYERS:
        if any(mark in where for mark in marks):
            return layer
    return "other (stdlib: hashlib, datetime, uuid, …)"


def profile(caller: Caller, bodies: list[bytes], top: int) -> tuple[dict[str, float], str]:
    profiler = cProfile.Profile()
    profiler.enable()
    for body in bodies:
        caller.post(body)
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_layer: dict[str, float] = defaultdict(float)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        by_layer[layer_of(filename, name)] += tottime
    stream = _Lines()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)  # type: ignore[arg-type]
    return dict(by_layer), stream.text()


class _Lines:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def text(self) -> str:
        lines = "".join(self.parts).splitlines()
        start = next((i for i, ln in enumerate(lines) if "ncalls" in ln), 0)
        return "\n".join(ln for ln in lines[start:] if ln.strip())


def run(db_url: str, batch: int, requests: int, top: int) -> dict[str, Any]:
    db = HubDatabase(db_url)
    hub = Hub(db=db)
    tenancy.upsert_store(hub, StoreIn(store_id=STORE, name="Profile store"))
    code = tenancy.create_enroll_code(hub, STORE).code
    token = tenancy.enroll(hub, EnrollRequest(code=code)).token
    db.dispose()
    app = create_app(HubSettings(db_url=db_url, run_mailer=False, run_jobs=False))
    caller = Caller(app, token)
    rnd = random.Random(batch)
    counter = [0]

    def body() -> bytes:
        events = [sale_event(STORE, "T1", counter[0] + k, rnd) for k in range(batch)]
        counter[0] += batch
        return json.dumps({"events": events}).encode()

    for _ in range(WARM_UP):
        caller.post(body())
    engine = app.state.services.hub.db.engine
    trips = RoundTrips(engine)
    with trips.counting():
        caller.post(body())
    bodies = [body() for _ in range(requests)]
    walls, cpus = [], []
    for b in bodies:
        began, began_cpu = time.perf_counter(), time.process_time()
        caller.post(b)
        walls.append((time.perf_counter() - began) * 1000)
        cpus.append((time.process_time() - began_cpu) * 1000)
    layers, top_text = profile(caller, [body() for _ in range(requests)], top)
    app.state.services.hub.db.dispose()
    caller.loop.close()
    total = sum(layers.values())
    return {
        "batch": batch,
        "round_trips": trips.total,
        "statements": len(trips.statements),
        "trips_report": trips.report(),
        # This process's CPU per request: steadier than wall time when others load the box.
        "cpu_mean_ms": round(sum(cpus) / len(cpus), 2),
        "wall_p50_ms": round(percentile(walls, 50), 2),
        "wall_p99_ms": round(percentile(walls, 99), 2),
        "events_per_s_one_thread": round(batch * 1000 / percentile(walls, 50), 1),
        "layers": {k: round(v / total, 3) for k, v in sorted(layers.items(), key=lambda i: -i[1])},
        "top": top_text,
    }


def main(argv: list[str] | None = None) -> int:
    parser = pg_bench_parser(__doc__)
    parser.add_argument("--batch", type=int, action="append", help="events per request (1, 50)")
    parser.add_argument("--requests", type=int, default=300, help="timed and profiled requests")
    parser.add_argument("--top", type=int, default=15, help="functions listed by self time")
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    args = parser.parse_args(argv)
    _single_thread()
    results = []
    for batch in args.batch or [1, 50]:
        database = ThrowawayDatabase(args.pg_url)
        try:
            db = HubDatabase(database.url)
            migrate.upgrade(db.engine)
            db.dispose()
            requests = max(args.requests // batch, 20) if batch > 1 else args.requests
            result = run(database.url, batch, requests, args.top)
        finally:
            database.drop()
        results.append(result)
        print(f"== {batch} event(s) per request ==")
        print(result["trips_report"])
        print(
            f"wall per request: p50 {result['wall_p50_ms']} ms, p99 {result['wall_p99_ms']} ms "
            f"({result['events_per_s_one_thread']:,} events/s on one thread); "
            f"hub CPU {result['cpu_mean_ms']} ms per request (mean)"
        )
        print("self time by layer (cProfile):")
        for layer, share in result["layers"].items():
            print(f"  {share:6.1%}  {layer}")
        print(result["top"])
        print()
    if args.out is not None:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
