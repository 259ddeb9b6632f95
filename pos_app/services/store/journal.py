"""The tamper-evident receipt journal (docs/architecture.md §3).

Each entry's payload is canonical JSON (sorted keys, no spaces, UTF-8, no floats) that names
its own sequence number, kind, time and the previous entry's hash; the entry's hash is the
SHA-256 of exactly those stored bytes. So an edited payload no longer matches its hash, a
deleted entry leaves a sequence gap and a broken link, a moved entry carries the wrong sequence
number, and cut-off newest entries disagree with the journal head written alongside them.
Corrections are new entries, never edits.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from pos_app.db.models import Base, JournalEntry, JournalHead, Sale

GENESIS_HASH = "0" * 64


class JournalError(Exception):
    pass


def canonical_json(value: Mapping[str, Any]) -> str:
    """The one serialisation that is hashed. Floats are refused: they do not round-trip."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise JournalError("floats are not allowed in journal payloads; use integers or text")
    if isinstance(value, Mapping):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_floats(item)


def entry_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class JournalPosition:
    seq: int
    prev_hash: str


@dataclass(frozen=True)
class JournalLink:
    """An entry just appended: its place in the chain and its hash."""

    seq: int
    hash: str


_HEADS = Base.metadata.tables["journal_head"]
# Built once: the statements are constant, so each sale pays only their cached execution.
_READ_HEAD = select(_HEADS.c.seq, _HEADS.c.hash).where(_HEADS.c.till_id == bindparam("till"))
_FIRST_HEAD = sqlite_insert(_HEADS).on_conflict_do_nothing()
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.till_id == bindparam("till"), _HEADS.c.seq == bindparam("prev_seq"))
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_ADD_ENTRY = insert(Base.metadata.tables["journal_entries"])


def next_position(session: Session, till_id: str) -> JournalPosition:
    """Where the next entry goes. Callers hold the write lock (BEGIN IMMEDIATE), so no race."""
    # Core, not session.get: the head is written with Core below, so the identity map is no
    # authority on it, and a Core read does not flush the caller's half-built rows.
    head = session.connection().execute(_READ_HEAD, {"till": till_id}).first()
    if head is None:
        return JournalPosition(seq=1, prev_hash=GENESIS_HASH)
    return JournalPosition(seq=head.seq + 1, prev_hash=head.hash)


def append_entry(
    session: Session,
    *,
    till_id: str,
    kind: str,
    created_at: datetime,
    body: Mapping[str, Any],
    position: JournalPosition | None = None,
) -> JournalLink:
    """Add the next entry of ``till_id``'s chain and move the head, in the caller's transaction.

    Two Core statements (issue 18: the ORM's get-and-flush took longer than the commit); the
    head only moves from exactly the entry before this one.
    """
    pos = position if position is not None else next_position(session, till_id)
    payload = canonical_json(
        {
            "seq": pos.seq,
            "till_id": till_id,
            "kind": kind,
            "created_at": created_at.isoformat(timespec="microseconds"),
            "prev_hash": pos.prev_hash,
            "body": dict(body),
        }
    )
    digest = entry_hash(payload)
    conn = session.connection()
    if pos.seq == 1:
        moved = conn.execute(_FIRST_HEAD, {"till_id": till_id, "seq": 1, "hash": digest})
    else:
        moved = conn.execute(
            _MOVE_HEAD,
            {"till": till_id, "prev_seq": pos.seq - 1, "new_seq": pos.seq, "new_hash": digest},
        )
    if moved.rowcount != 1:
        raise JournalError(f"journal head moved: expected #{pos.seq - 1}")
    conn.execute(
        _ADD_ENTRY,
        {
            "till_id": till_id,
            "seq": pos.seq,
            "kind": kind,
            "created_at": created_at,
            "payload": payload,
            "prev_hash": pos.prev_hash,
            "hash": digest,
        },
    )
    _forget_head(session, till_id)
    return JournalLink(seq=pos.seq, hash=digest)


def _forget_head(session: Session, till_id: str) -> None:
    # A head the caller's session loaded earlier (e.g. verify_journal) is stale now.
    loaded = session.identity_map.get(identity_key(JournalHead, till_id))
    if loaded is not None:
        session.expire(loaded)


@dataclass(frozen=True)
class JournalProblem:
    till_id: str
    seq: int
    what: str

    def __str__(self) -> str:
        return f"till {self.till_id} entry #{self.seq}: {self.what}"


@dataclass
class VerifyReport:
    entries_checked: int = 0
    problems: list[JournalProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_journal(session: Session) -> VerifyReport:
    """Walk every till's chain and name each entry that was edited, deleted, moved or cut off."""
    report = VerifyReport()
    till_ids = set(session.scalars(select(JournalEntry.till_id).distinct()))
    till_ids |= set(session.scalars(select(JournalHead.till_id)))
    for till_id in sorted(till_ids):
        _verify_till(session, till_id, report)
    return report


def _verify_till(session: Session, till_id: str, report: VerifyReport) -> None:
    def problem(seq: int, what: str) -> None:
        report.problems.append(JournalProblem(till_id, seq, what))

    expected_seq = 1
    prev_hash = GENESIS_HASH
    rows = session.scalars(
        select(JournalEntry).where(JournalEntry.till_id == till_id).order_by(JournalEntry.seq)
    )
    for entry in rows:
        report.entries_checked += 1
        if entry.seq > expected_seq:
            missing = (
                f"#{expected_seq}"
                if entry.seq == expected_seq + 1
                else f"#{expected_seq}–#{entry.seq - 1}"
            )
            problem(expected_seq, f"missing (deleted): {missing} absent before #{entry.seq}")
        content = _parse(entry.payload)
        if entry_hash(entry.payload) != entry.hash:
            problem(entry.seq, "content does not match its hash (edited)")
        elif content is None or canonical_json(content) != entry.payload:
            problem(entry.seq, "payload is not in canonical form (edited)")
        if content is not None:
            if content.get("seq") != entry.seq:
                problem(
                    entry.seq,
                    f"holds the content of entry #{content.get('seq')} (reordered or renumbered)",
                )
            if content.get("till_id") != till_id or content.get("kind") != entry.kind:
                problem(entry.seq, "till or kind differs from its content (edited)")
            if content.get("prev_hash") != entry.prev_hash:
                problem(entry.seq, "stored link differs from its content (edited)")
        if entry.prev_hash != prev_hash:
            problem(entry.seq, "does not link to the entry before it (deleted, inserted or moved)")
        expected_seq = entry.seq + 1
        prev_hash = entry.hash
    last_seq = expected_seq - 1
    head = session.get(JournalHead, till_id)
    if head is None:
        if last_seq:
            problem(last_seq, "journal head is missing (tampered)")
    elif head.seq > last_seq:
        cut = f"#{last_seq + 1}" if head.seq == last_seq + 1 else f"#{last_seq + 1}–#{head.seq}"
        problem(last_seq + 1, f"missing (truncated): the head names #{head.seq}, {cut} absent")
    elif head.seq < last_seq:
        problem(head.seq + 1, f"entries after the head #{head.seq} (inserted)")
    elif head.hash != prev_hash:
        problem(head.seq, "last entry differs from the journal head (edited)")
    orphan = session.scalar(select(func.max(Sale.journal_seq)).where(Sale.till_id == till_id))
    if orphan is not None and orphan > max(last_seq, head.seq if head else 0):
        problem(orphan, "a recorded sale refers to this entry, which is absent (truncated)")


def _parse(payload: str) -> dict[str, Any] | None:
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def iter_entries(session: Session) -> Iterator[JournalEntry]:
    yield from session.scalars(
        select(JournalEntry).order_by(JournalEntry.till_id, JournalEntry.seq)
    )


def export_json(session: Session) -> str:
    entries = [
        {
            "till_id": e.till_id,
            "seq": e.seq,
            "kind": e.kind,
            "created_at": e.created_at.isoformat(),
            "prev_hash": e.prev_hash,
            "hash": e.hash,
            "payload": e.payload,
        }
        for e in iter_entries(session)
    ]
    return json.dumps({"format": "omnitill-journal/1", "entries": entries}, indent=2) + "\n"


def export_csv(session: Session) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["till_id", "seq", "kind", "created_at", "prev_hash", "hash", "payload"])
    for e in iter_entries(session):
        writer.writerow(
            [e.till_id, e.seq, e.kind, e.created_at.isoformat(), e.prev_hash, e.hash, e.payload]
        )
    return out.getvalue()
