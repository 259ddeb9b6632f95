"""Device drivers (printers, drawers, scanners, displays, scales) and their simulators.

python-escpos parses its ~700 KB capabilities YAML at import unless it finds a pickle of it in
``ESCPOS_CAPABILITIES_PICKLE_DIR``; left unset it makes a NEW temporary folder on every import,
so every start paid ~300 ms of YAML parsing (a third of the till's cold start) and left a
folder behind. Point it at a per-user cache folder once, before anything imports escpos.

Even then it calls ``mkdtemp()`` (the default of an ``environ.get``, evaluated anyway), which
left an empty folder in the system's temporary folder at every start (issue 15: SIGTERM and
a normal exit left temporary folders). So when ``escpos.capabilities`` is first imported, a
small import hook points the temporary folder at the cache folder for that one import and
removes the empty folder it made there. The hook keeps escpos lazy: the hub (which ships
without it) and the sign-in screen never import it (issue 18: cold start).

escpos opens its pickle for writing *before* it parses the YAML (~300 ms) and writes it in
place, so a second process starting meanwhile (two pytest workers on a new machine, the till
and ``omnitill devices test`` side by side) read an empty file and failed with
``EOFError: Ran out of input``; a till killed while writing left a cut pickle that broke
printing at every later start. So the hook writes the pickle itself first, whole, under a
temporary name renamed into place (atomic), and a pickle escpos cannot read is removed and
written again once.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import os
import pickle
import platform
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

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


def _capabilities_pickle(folder: Path) -> Path:
    # escpos's own name for it (escpos/capabilities.py: pickle_path)
    return folder / f"{platform.python_version()}.capabilities.pickle"


def _capabilities_source() -> Path:
    given = os.environ.get("ESCPOS_CAPABILITIES_FILE")
    if given:
        return Path(given)
    from importlib.resources import files

    return Path(str(files("escpos") / "capabilities.json"))


def _write_capabilities_pickle(folder: Path) -> None:
    """Write escpos's capabilities pickle whole unless an up-to-date one is there already."""
    import yaml

    target, source = _capabilities_pickle(folder), _capabilities_source()
    try:
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            return
        with source.open(encoding="utf-8") as cp:
            capabilities = yaml.safe_load(cp)
    except OSError:
        return  # escpos finds the same problem and says so
    if not capabilities:
        return  # a broken install: escpos prints why and uses its backup profile
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".capabilities-", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(capabilities, out, protocol=2)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class _CacheTempdirLoader(importlib.abc.Loader):
    """Runs escpos.capabilities with ``tempfile.tempdir`` in the cache folder, then tidies."""

    def __init__(self, inner: importlib.abc.Loader, folder: Path) -> None:
        self._inner, self._folder = inner, folder

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        before = set(self._folder.iterdir())
        saved, tempfile.tempdir = tempfile.tempdir, str(self._folder)
        try:
            _write_capabilities_pickle(self._folder)
            try:
                self._inner.exec_module(module)
            except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                # a pickle cut short (a till killed while an old escpos wrote it): write it again
                _capabilities_pickle(self._folder).unlink(missing_ok=True)
                _write_capabilities_pickle(self._folder)
                self._inner.exec_module(module)
        finally:
            tempfile.tempdir = saved
        for made in set(self._folder.iterdir()) - before:
            # escpos never uses the folder (the pickle folder is set); another process starting
            # at the same time may have made it and may remove ours first: either way is fine
            if made.is_dir() and not made.name.startswith("."):
                with contextlib.suppress(OSError):  # not empty: not escpos's
                    made.rmdir()


class _EscposCapabilitiesHook(importlib.abc.MetaPathFinder):
    """Finds ``escpos.capabilities`` like the normal finders do, with the loader wrapped."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "escpos.capabilities":
            return None
        sys.meta_path.remove(self)  # once is enough: the module is cached after this
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None or not self._folder.is_dir():
            return spec
        spec.loader = _CacheTempdirLoader(spec.loader, self._folder)
        return spec


def _install_escpos_hook(folder: Path | None) -> None:
    if folder is None or "escpos.capabilities" in sys.modules:
        return
    if not any(isinstance(f, _EscposCapabilitiesHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _EscposCapabilitiesHook(folder))


_install_escpos_hook(_escpos_pickle_dir())
