"""Device drivers (printers, drawers, scanners, displays, scales) and their simulators.

python-escpos parses its ~700 KB capabilities YAML at import unless it finds a pickle of it in
``ESCPOS_CAPABILITIES_PICKLE_DIR``; left unset it makes a NEW temporary folder on every import,
so every start paid ~300 ms of YAML parsing (a third of the till's cold start) and left a
folder behind. Point it at a per-user cache folder once, before anything imports escpos.

Even then it calls ``mkdtemp()`` (the default of an ``environ.get``, evaluated anyway), which
left an empty folder in the system's temporary folder at every start (issue 15: SIGTERM and
a normal exit left temporary folders). So escpos is imported here with the temporary folder
pointed at the cache folder, and the empty folder it made there is removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs


def _escpos_pickle_dir() -> Path | None:
    given = os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR")
    if given:
        return Path(given)
    folder = Path(platformdirs.user_cache_dir("omnitill", appauthor=False)) / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: escpos falls back to its own temporary folder
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
    return folder


def _import_escpos(folder: Path | None) -> None:
    if folder is None or not folder.is_dir():
        return
    before = set(folder.iterdir())
    saved, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        import escpos.capabilities  # noqa: F401 - its import-time mkdtemp lands in the cache
    finally:
        tempfile.tempdir = saved
    for made in set(folder.iterdir()) - before:
        if made.is_dir() and not any(made.iterdir()):
            made.rmdir()


_import_escpos(_escpos_pickle_dir())
