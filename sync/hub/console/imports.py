"""Catalog CSV imports started from the console: one at a time, on their own thread.

The rules and the writing are the CLI importer's (sync/hub/catalog_import.py): every row is
checked first (the per-row error report: line and problem, nothing imported if any), then the
file is written in chunks, each its own transaction, with progress after each chunk. The
import and its audit entry cannot be one transaction (a million rows are written in chunks
so tills are never held up), so the entry is written when the import ends, with its counts.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sync.hub import catalog_import
from sync.hub.console.accounts import audit
from sync.hub.context import Hub
from sync.hub.errors import Conflict, NotFound

REPORTED_ERRORS = 200  # rows listed in the error report
CONSOLE_CHUNK_ROWS = 5_000  # smaller than the CLI's: the progress bar moves


@dataclass
class ImportJob:
    job_id: str
    actor: str
    filename: str
    started_at: datetime
    state: str = "checking"  # checking, importing, done, refused, failed
    total: int = 0
    done: int = 0
    changed: int = 0
    errors: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def finished(self) -> bool:
        return self.state in ("done", "refused", "failed")

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class CatalogImports:
    """The console's imports (kept in memory: a restart forgets finished reports)."""

    def __init__(self, chunk_rows: int = CONSOLE_CHUNK_ROWS) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()
        self._chunk_rows = chunk_rows

    def start(self, hub: Hub, path: Path, filename: str, actor: str) -> ImportJob:
        """Check and import ``path`` (deleted when done) on a new thread."""
        with self._lock:
            if any(not job.finished for job in self._jobs.values()):
                path.unlink(missing_ok=True)
                raise Conflict("an import is running already; wait for it to finish")
            job = ImportJob(secrets.token_urlsafe(12), actor, filename[:200], hub.clock())
            self._jobs[job.job_id] = job
        threading.Thread(
            target=self._run, args=(hub, path, job), name="catalog-import", daemon=True
        ).start()
        return job

    def get(self, job_id: str) -> ImportJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no import {job_id[:40]!r}")
        return job

    def _run(self, hub: Hub, path: Path, job: ImportJob) -> None:
        try:
            job.total, job.errors = catalog_import.check_rows(path, REPORTED_ERRORS)
            if job.errors:
                job.state, job.message = "refused", "nothing was imported: fix these rows"
                return
            job.state = "importing"

            def progress(done: int, total: int, _: float) -> None:
                job.done, job.total = done, total

            report = catalog_import.import_catalog(
                hub.db, path, progress=progress, chunk_rows=self._chunk_rows
            )
            job.done, job.changed = report.rows, report.changed
            with hub.change() as (session, _):
                audit(session, job.actor, "catalog.import", job.filename, None,
                      {"rows": report.rows, "changed": report.changed}, hub.clock())  # fmt: skip
            job.state = "done"
        except Exception as exc:
            job.state, job.message = "failed", str(exc)[:500]
        finally:
            path.unlink(missing_ok=True)
