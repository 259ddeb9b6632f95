"""The till's sync client in a process of its own, for tests that kill it with SIGKILL.

    python tests/helpers/till_sync_proc.py push --db TILL.sqlite3 --config-dir DIR [--hub-url URL]
    python tests/helpers/till_sync_proc.py pull --db TILL.sqlite3 --config-dir DIR [--hub-url URL]

Builds ``TillSync`` from the enrolled till's config folder and database file, as the app does,
then ``push`` runs the outbox pusher thread until the hub has acknowledged every queued event,
and ``pull`` pulls and applies the feed page by page until the hub says there is no more. Each
prints one line and exits 0 when done, 2 when it did not get there in time. ``--hub-url``
sends the traffic through a test proxy instead of the enrolled URL.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from pos_app.db.engine import create_till_engine  # noqa: E402 - after the path set-up above
from pos_app.services.sync.runtime import TillSync  # noqa: E402
from sync.client.config import load_config  # noqa: E402
from sync.client.http import Timeouts  # noqa: E402
from sync.client.status import SyncStatus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("push", "pull"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--config-dir", type=Path, required=True)
    parser.add_argument("--hub-url", default=None)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--feed-page", type=int, default=2_000)
    parser.add_argument("--feed-chunk", type=int, default=250)
    parser.add_argument("--deadline", type=float, default=60.0)
    args = parser.parse_args(argv)

    config = load_config(args.config_dir)
    if config is None:
        print("not enrolled", flush=True)
        return 1
    if args.hub_url:
        config = dataclasses.replace(config, hub_url=args.hub_url)
    writer = create_till_engine(args.db)
    reader = create_till_engine(args.db, writer=False)
    sync = TillSync(
        config,
        writer,
        reader,
        batch_size=args.batch_size,
        feed_page=args.feed_page,
        feed_chunk=args.feed_chunk,
        feed_wait=0.5,
        backoff_base=0.02,
        backoff_cap=0.2,
        timeouts=Timeouts(connect=2.0, read=30.0),
    )
    try:
        if args.mode == "push":
            return push(sync, args.deadline)
        return pull(sync, args.deadline)
    finally:
        sync.stop(timeout=10)
        reader.dispose()
        writer.dispose()


def push(sync: TillSync, deadline: float) -> int:
    drained = threading.Event()

    def on_status(status: SyncStatus) -> None:
        if status.queued == 0 and status.last_success is not None:
            drained.set()

    sync.add_listener(on_status)
    sync.pusher.start()
    if not drained.wait(deadline):
        print(f"not drained: {sync.status()}", flush=True)
        return 2
    print("drained", flush=True)
    return 0


def pull(sync: TillSync, deadline: float) -> int:
    ends = time.monotonic() + deadline
    pause = threading.Event()
    while time.monotonic() < ends:
        page = sync.puller.pull_once()
        if page is None:
            pause.wait(0.05)  # the hub failed: a short backoff, like the puller thread's
        elif not page.has_more:
            print(f"caught up at {page.next_cursor}", flush=True)
            return 0
    print("not caught up", flush=True)
    return 2


if __name__ == "__main__":
    sys.exit(main())
