"""``omnitill hub reason-codes list|set FILE|clear``: the chain's preset reasons.

``set`` takes a JSON file: a list of {"code", "kind", "label", "needs_text"} (or an object with
"codes"), checked by the domain's rule before anything is stored; ``clear`` empties the set, so
the tills use their defaults. The tills get the new set in the feed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.hub.context import Hub

EXIT_OK = 0
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("verb", choices=("list", "set", "clear"))
    parser.add_argument("file", nargs="?", type=Path, help="set: the JSON file of codes")


def _read(path: Path) -> Any:
    from pydantic import ValidationError

    from sync.hub.errors import Invalid
    from sync.protocol import ReasonCodesIn

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(f"{path} is not JSON: {exc}") from None
    if isinstance(document, list):
        document = {"codes": document}
    if not isinstance(document, dict):
        raise Invalid(f"{path} must hold a list of codes or an object with 'codes'")
    try:
        return ReasonCodesIn.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise Invalid(f"{path}: {where}: {first['msg']}") from None


def run(hub: Hub, args: argparse.Namespace) -> int:
    from sync.hub import reason_codes
    from sync.protocol import ReasonCodesIn

    if args.verb == "set" and args.file is None:
        print("omnitill hub: reason-codes set needs a FILE (JSON)", file=sys.stderr)
        return EXIT_USAGE
    if args.verb == "set":
        saved = reason_codes.set_reason_codes(hub, _read(args.file))
        print(f"{len(saved.codes)} reason code(s) saved; the tills get them in the feed")
        return EXIT_OK
    if args.verb == "clear":
        reason_codes.set_reason_codes(hub, ReasonCodesIn(codes=[]))
        print("reason codes cleared; the tills use their defaults")
        return EXIT_OK
    codes = reason_codes.get_reason_codes(hub).codes
    if not codes:
        print("no reason codes set: the tills use their defaults")
    for c in codes:
        words = "  (needs words)" if c.needs_text else ""
        print(f"  {c.kind.value:<15} {c.code:<20} {c.label}{words}")
    return EXIT_OK
