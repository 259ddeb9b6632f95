"""Device drivers (printers, drawers, scanners, displays, scales) and their simulators.

python-escpos parses its ~700 KB capabilities YAML at import unless it finds a pickle of it in
``ESCPOS_CAPABILITIES_PICKLE_DIR``; left unset it makes a NEW temporary folder on every import,
so every start paid ~300 ms of YAML parsing (a third of the till's cold start) and left a
folder behind. Point it at a per-user cache folder once, before anything imports escpos.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def _escpos_pickle_dir() -> None:
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    folder = Path(platformdirs.user_cache_dir("omnitill", appauthor=False)) / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only home: escpos falls back to its own temporary folder
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


_escpos_pickle_dir()
