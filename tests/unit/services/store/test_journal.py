"""Tampering with the journal is detected, and the tampered entry is named
(docs/architecture.md §3)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_app.services.sale.checkout import CompletedSale
from pos_app.services.store import journal

Sell = Callable[..., CompletedSale]


@pytest.fixture
def five_sales(seeded: sessionmaker[Session], sell: Sell) -> sessionmaker[Session]:
    for code in ["4006381333931", "96385074", "0036000291452", "5012345678900", "96385074"]:
        sell([code])
    with seeded() as session:
        assert journal.verify_journal(session).ok
    return seeded


def problems(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        report = journal.verify_journal(session)
        assert report.entries_checked > 0 or report.problems
        return [str(p) for p in report.problems]


def sql(engine: Engine, statement: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(statement)


def test_clean_journal_verifies(five_sales: sessionmaker[Session]) -> None:
    with five_sales() as session:
        report = journal.verify_journal(session)
    assert report.ok
    assert report.entries_checked == 5


def test_edited_payload_is_named(five_sales: sessionmaker[Session], engine: Engine) -> None:
    sql(
        engine,
        "UPDATE journal_entries SET payload = replace(payload, 'alice', 'mallory') WHERE seq = 3",
    )
    found = problems(five_sales)
    assert found
    assert all("#3" in p for p in found)
    assert any("edited" in p for p in found)


def test_edit_with_recomputed_hash_breaks_the_next_link(
    five_sales: sessionmaker[Session], engine: Engine
) -> None:
    with engine.begin() as conn:
        payload = conn.execute(
            text("SELECT payload FROM journal_entries WHERE seq = 2")
        ).scalar_one()
        content = json.loads(payload)
        content["body"]["total_minor"] = 1
        forged = journal.canonical_json(content)
        conn.execute(
            text("UPDATE journal_entries SET payload = :p, hash = :h WHERE seq = 2"),
            {"p": forged, "h": journal.entry_hash(forged)},
        )
    found = problems(five_sales)
    assert any(p.startswith("till till-1 entry #3") and "link" in p for p in found)


def test_deleted_entry_is_named(five_sales: sessionmaker[Session], engine: Engine) -> None:
    sql(engine, "DELETE FROM journal_entries WHERE seq = 2")
    found = problems(five_sales)
    assert any("#2" in p and "deleted" in p for p in found)


def test_reordered_entries_are_named(five_sales: sessionmaker[Session], engine: Engine) -> None:
    # Swap the sequence numbers of entries 2 and 4, as a back-dating fraud would.
    sql(engine, "UPDATE journal_entries SET seq = -1 WHERE seq = 2")
    sql(engine, "UPDATE journal_entries SET seq = 2 WHERE seq = 4")
    sql(engine, "UPDATE journal_entries SET seq = 4 WHERE seq = -1")
    found = problems(five_sales)
    assert any("entry #2" in p and "content of entry #4" in p for p in found)
    assert any("entry #4" in p and "content of entry #2" in p for p in found)


def test_truncated_tail_is_named(five_sales: sessionmaker[Session], engine: Engine) -> None:
    sql(engine, "DELETE FROM journal_entries WHERE seq >= 4")
    found = problems(five_sales)
    assert any("#4" in p and "truncated" in p for p in found)


def test_truncation_with_head_rewritten_is_still_caught(
    five_sales: sessionmaker[Session], engine: Engine
) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM journal_entries WHERE seq >= 4"))
        h = conn.execute(text("SELECT hash FROM journal_entries WHERE seq = 3")).scalar_one()
        conn.execute(text("UPDATE journal_head SET seq = 3, hash = :h"), {"h": h})
    found = problems(five_sales)
    assert any("#5" in p and "sale refers" in p for p in found)


def test_append_refuses_floats(seeded: sessionmaker[Session]) -> None:
    with pytest.raises(journal.JournalError, match="float"), seeded.begin() as session:
        journal.append_entry(
            session, till_id="t", kind="x", created_at=datetime.now(UTC), body={"amount": 1.5}
        )


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_verify_and_export(
    five_sales: sessionmaker[Session], engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    ok = run_cli(db_path.parent, "journal", "verify")
    assert ok.returncode == 0, ok.stderr
    assert "5 entries" in ok.stdout
    out = tmp_path / "journal.json"
    exported = run_cli(
        db_path.parent, "journal", "export", "--format", "json", "--output", str(out)
    )
    assert exported.returncode == 0, exported.stderr
    entries = json.loads(out.read_text())["entries"]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    csv_run = run_cli(db_path.parent, "journal", "export", "--format", "csv")
    assert csv_run.stdout.count("\n") == 6  # header + 5 entries
    sql(
        engine,
        "UPDATE journal_entries SET payload = replace(payload, '\"seq\":3', '\"seq\":3 ') "
        "WHERE seq = 3",
    )
    bad = run_cli(db_path.parent, "journal", "verify")
    assert bad.returncode == 1
    assert "entry #3" in bad.stderr


def test_cli_verify_without_database(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "nowhere", "journal", "verify")
    assert result.returncode == 1
    assert "no till database" in result.stderr
    assert "Traceback" not in result.stderr
