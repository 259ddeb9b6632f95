"""Entry point of the PyInstaller bundle: the same ``omnitill`` command as the installed one.

On Windows the spec builds this script twice: ``omnitill-cli.exe`` (a console program, for
self-test, journal, hub and support commands) and ``OmniTill.exe`` (no console window, what
the Start menu opens). The windowed one has no standard streams — ``sys.stdout`` is None —
so they are pointed at the null device before anything prints, and with no arguments it
opens the till (``omnitill run``). Logs still go to the rotating log file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

from pos_app.cli import main


def windowed_argv(argv: list[str]) -> list[str]:
    """Arguments for the no-console executable: the till window unless told otherwise."""
    return argv or ["run"]


if __name__ == "__main__":
    multiprocessing.freeze_support()
    args = sys.argv[1:]
    if sys.stdout is None or sys.stderr is None:  # built with console=False
        null = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do
        sys.stdout = sys.stdout or null
        sys.stderr = sys.stderr or null
        args = windowed_argv(args)
    sys.exit(main(args))
