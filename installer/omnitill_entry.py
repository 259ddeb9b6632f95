"""Entry point of the PyInstaller bundle: the same ``omnitill`` command as the installed one."""

from __future__ import annotations

import multiprocessing
import sys

from pos_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
