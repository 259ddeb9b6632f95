"""``omnitill support-bundle``: one zip a store can attach to a support ticket.

It holds the log files, the till's settings files with every secret replaced by ``REDACTED``
(any key whose name contains token, secret or password, in JSON or TOML; and the secret values
themselves wherever else they appear, logs included), and ``report.json``: version, platform,
schema revision and the result of ``journal verify``. The database itself is not included (it
holds the store's sales), and nothing is changed: the database is opened read-only and never
migrated, so a damaged file is reported in the bundle rather than stopping it.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pos_app.logging_setup import LOG_FILENAME, resolve_log_dir

REDACTED = "REDACTED"
SECRET_KEY = re.compile(r"token|secret|password|passwd", re.IGNORECASE)
# ``key = value`` (TOML, INI) or ``"key": value`` (damaged JSON) lines whose key names a secret;
# the value is a quoted string or runs to the next space, comma or comment.
SECRET_LINE = re.compile(
    r"(?P<key>[\"']?[A-Za-z0-9_.-]*(?:token|secret|password|passwd)[A-Za-z0-9_.-]*[\"']?"
    r"\s*[=:]\s*)"
    r"(?P<value>\"[^\"\n]*\"|'[^'\n]*'|[^\s,#]+)",
    re.IGNORECASE,
)
BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
SETTINGS_FILES = ("hub.json", "devices.toml", "devices.json")
MIN_SECRET_LENGTH = 6  # shorter values would blank out ordinary words in the logs


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("omnitill")
    except PackageNotFoundError:
        return "0+unknown"


def redact_mapping(value: Any, found: set[str]) -> Any:
    """A copy with every secret-named key's value replaced; the secrets go into ``found``."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if SECRET_KEY.search(str(key)) and not isinstance(item, dict | list):
                if item not in (None, ""):
                    found.add(str(item))
                out[key] = REDACTED
            else:
                out[key] = redact_mapping(item, found)
        return out
    if isinstance(value, list):
        return [redact_mapping(item, found) for item in value]
    return value


def redact_settings(name: str, raw: str, found: set[str]) -> str:
    """A settings file with its secrets redacted, JSON re-serialised, anything else by line."""
    if name.endswith(".json"):
        try:
            data = json.loads(raw)
        except ValueError:
            pass
        else:
            return json.dumps(redact_mapping(data, found), indent=2, ensure_ascii=False) + "\n"

    def line(match: re.Match[str]) -> str:
        value = match.group("value").strip("\"'")
        if value:
            found.add(value)
        return f'{match.group("key")}"{REDACTED}"'

    return SECRET_LINE.sub(line, raw)


def scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    return BEARER.sub(rf"\1{REDACTED}", text)


@dataclass
class BundleReport:
    path: Path
    files: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


def database_report(db_path: Path) -> dict[str, Any]:
    """Schema revision and journal verification, read-only; problems are reported, not raised."""
    from pos_app.db import migrate

    info: dict[str, Any] = {"path": str(db_path), "head_revision": migrate.head_revision()}
    if not db_path.exists():
        info["error"] = "no till database"
        return info
    from pos_app.db.engine import create_till_engine, make_session_factory
    from pos_app.services.store import journal

    engine = create_till_engine(db_path, writer=False)
    try:
        info["schema_revision"] = migrate.current_revision(engine)
        with make_session_factory(engine)() as session:
            verified = journal.verify_journal(session)
        info["journal"] = {
            "ok": verified.ok,
            "entries_checked": verified.entries_checked,
            "problems": [str(p) for p in verified.problems],
        }
    except Exception as exc:  # a damaged database is what a support ticket is about
        info["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        engine.dispose()
    return info


def build_support_bundle(
    output: Path, *, data_dir: Path, config_dir: Path, log_dir: Path, db_path: Path
) -> BundleReport:
    secrets: set[str] = set()
    settings: list[tuple[str, str]] = []
    for folder in dict.fromkeys((config_dir, data_dir)):  # the same folder only once
        for name in SETTINGS_FILES:
            source = folder / name
            if source.is_file():
                raw = source.read_text(encoding="utf-8", errors="replace")
                settings.append((name, redact_settings(name, raw, secrets)))

    result = BundleReport(path=output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as bundle:

        def add(arcname: str, text: str) -> None:
            bundle.writestr(arcname, scrub(text, secrets))
            result.files.append(arcname)

        for name, text in settings:
            add(f"config/{name}", text)
        if log_dir.is_dir():
            for log in sorted(log_dir.glob(f"{LOG_FILENAME}*")):
                add(f"logs/{log.name}", log.read_text(encoding="utf-8", errors="replace"))
        result.report = {
            "omnitill_version": version(),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "frozen": bool(getattr(sys, "frozen", False)),
            "data_dir": str(data_dir),
            "config_dir": str(config_dir),
            "log_dir": str(log_dir),
            "database": database_report(db_path),
            "files": [*result.files, "report.json"],
        }
        add("report.json", json.dumps(result.report, indent=2, ensure_ascii=False) + "\n")
    return result


def register(sub: Any) -> None:
    bundle = sub.add_parser(
        "support-bundle", help="zip logs, settings (secrets redacted) and a journal check"
    )
    bundle.add_argument(
        "--output",
        type=Path,
        default=None,
        help="zip file to write (default: omnitill-support-<time>.zip here)",
    )


def run(args: argparse.Namespace) -> int:
    from pos_app.db.engine import database_path, default_data_dir
    from sync.client.config import resolve_config_dir

    data_dir: Path | None = args.data_dir
    output: Path = args.output or Path(
        f"omnitill-support-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.zip"
    )
    result = build_support_bundle(
        output,
        data_dir=data_dir if data_dir is not None else default_data_dir(),
        config_dir=resolve_config_dir(None, data_dir),
        log_dir=resolve_log_dir(getattr(args, "log_dir", None), data_dir),
        db_path=database_path(data_dir),
    )
    database = result.report["database"]
    journal = database.get("journal")
    state = database.get("error") or f"schema {database.get('schema_revision')}, journal " + (
        "OK" if journal and journal["ok"] else "TAMPERED"
    )
    print(f"support bundle written to {result.path} ({len(result.files)} files; {state})")
    return 0
