"""``omnitill enroll --hub URL --code CODE``: the command-line side of enrollment.

The hub is asked before anything is opened or created, so a wrong URL, a refused code or a
hub that is down leaves no database and no settings file behind, just one line on stderr.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from typing import Any

from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, database_path, make_session_factory
from pos_app.domain.l10n.messages import msg
from sync.client.config import resolve_config_dir

EXIT_OK = 0
EXIT_FAILED = 1


def register_enroll_command(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="connect this till to a hub with a one-time code")
    enroll.add_argument("--hub", required=True, help="the hub's URL, e.g. https://hub.example")
    enroll.add_argument("--code", required=True, help="the enrollment code from head office")
    enroll.add_argument("--till-name", default=None, help="how the hub lists this till")
    enroll.add_argument(
        "--insecure",
        action="store_true",
        help="allow a plain http:// hub on another machine (the token crosses in clear)",
    )
    enroll.add_argument(
        "--config-dir",
        type=Path,
        default=None,
        help="folder for the hub settings (default: --data-dir if given, else the user's "
        "config folder)",
    )


def run_enroll_command(args: argparse.Namespace) -> int:
    # Enrollment speaks the hub protocol (pydantic models, ~0.4 s to import): only when asked,
    # not on every start of the till, whose CLI registers this command.
    from pos_app.services.sync.enrollment import (
        EnrollmentError,
        complete_enrollment,
        request_enrollment,
    )

    data_dir: Path | None = args.data_dir
    config_dir = resolve_config_dir(args.config_dir, data_dir)
    till_name = args.till_name if args.till_name is not None else socket.gethostname()
    try:
        url, answer = request_enrollment(args.hub, args.code, till_name, insecure=args.insecure)
        path = database_path(data_dir)
        try:
            engine = create_till_engine(path)
            migrate.upgrade(engine)
        except Exception as exc:  # a corrupt or foreign file must give one clear line
            raise EnrollmentError(
                msg(
                    "cannot open the till database at {path}: {reason}",
                    path=str(path),
                    reason=str(exc),
                )
            ) from exc
        try:
            done = complete_enrollment(
                url, answer, config_dir=config_dir, write_sessions=make_session_factory(engine)
            )
        finally:
            engine.dispose()
    except EnrollmentError as exc:
        print(f"omnitill: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"enrolled as till {done.config.till_id} of {done.store_name} "
        f"({done.config.store_id}) at {done.config.hub_url}; settings in {done.config_path}"
    )
    return EXIT_OK
