"""Cold start (issue 18): what the till needs up to its sign-in screen imports none of the heavy
modules it only needs later or never (docs/architecture.md, start-up).

Measured with ``python -X importtime`` on this machine: the hub protocol's pydantic models
~0.4 s, the hub server (FastAPI, uvicorn) more. Each is loaded when first used: the wire models
when the hub is spoken to or a hub document is read, the hub server never in a till. (The
printer driver, python-escpos, is still loaded by ``hardware.config``: not yet deferred.)

A fresh interpreter each time: in the test process these modules are long loaded by other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# What ``omnitill run`` imports before the sign-in screen shows: the CLI, the till's settings
# and devices configuration, the till context, the staff sign-in service and its screen.
SIGN_IN_PATH = (
    "pos_app.cli",
    "sync.client.config",
    "hardware.config",
    "pos_app.services.store.till_context",
    "pos_app.services.staff.auth",
    "pos_app.ui.staff.signin_view",
)

# Heavy and not needed to sign in. (SQLAlchemy, Qt and the pricing domain are needed: the
# sign-in screen is a Qt window over the till database, and the till context holds the basket.)
DEFERRED = (
    "pydantic",  # the hub protocol's wire models
    "sync.protocol",
    "sync.client.lookups",
    "fastapi",  # the hub server: never part of a till
    "uvicorn",
    "sync.hub.app",
    "alembic",  # migrations run only when the schema is behind
)


def _loaded_after(modules: tuple[str, ...]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout))


def test_sign_in_path_imports_no_heavy_module() -> None:
    loaded = _loaded_after(SIGN_IN_PATH)
    heavy = sorted(
        name for name in loaded if any(name == d or name.startswith(d + ".") for d in DEFERRED)
    )
    assert heavy == []


@pytest.mark.parametrize(
    ("module", "heavy"),
    [("sync.hub.app", "fastapi"), ("sync.client.lookups", "pydantic")],
)
def test_the_check_sees_a_heavy_import(module: str, heavy: str) -> None:
    # The same check run on a module that does need the heavy one finds it (the test above
    # cannot pass because nothing is ever reported).
    assert heavy in _loaded_after((module,))
