"""The console's reason-codes page: the chain's preset reasons as lines of text.

One code a line, ``kind | CODE | Label``, with ``| words`` at the end when words are required
("Other"). The whole set is replaced (an empty box: the tills' defaults) by the hub's own
function (sync/hub/reason_codes.py), with its audit entry in the same transaction.
"""

from __future__ import annotations

from pydantic import ValidationError

from sync.hub import reason_codes
from sync.hub.console.accounts import ConsoleIdentity, audit
from sync.hub.context import Hub
from sync.hub.errors import Invalid
from sync.protocol import ReasonCodesIn

MAX_TEXT = 20_000


def as_text(codes: ReasonCodesIn) -> str:
    lines = []
    for c in codes.codes:
        words = " | words" if c.needs_text else ""
        lines.append(f"{c.kind.value} | {c.code} | {c.label}{words}")
    return "\n".join(lines)


def parse_text(text: str) -> ReasonCodesIn:
    """Lines of ``kind | CODE | Label [| words]``; Invalid names the line that is wrong."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] != "words"):
            raise Invalid(
                f"line {number}: write kind | CODE | Label, with | words to require words"
            )
        rows.append({"kind": parts[0], "code": parts[1], "label": parts[2],
                     "needs_text": len(parts) == 4})  # fmt: skip
    try:
        return ReasonCodesIn.model_validate({"codes": rows})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = [str(p) for p in first["loc"]]
        line = f"code {int(where[1]) + 1}: " if len(where) > 1 and where[1].isdigit() else ""
        raise Invalid(f"{line}{first['msg']}") from None


def replace(hub: Hub, text: str, who: ConsoleIdentity) -> None:
    if len(text) > MAX_TEXT:
        raise Invalid(f"at most {MAX_TEXT:,} characters")
    codes = parse_text(text)
    with hub.change() as (session, pending):
        before = reason_codes.current(session)
        now = hub.clock()
        reason_codes.replace_in(session, pending, codes, now)
        audit(session, who.email, "reason_codes.replace", "reason codes",
              [c.model_dump(mode="json") for c in before.codes],
              [c.model_dump(mode="json") for c in codes.codes], now)  # fmt: skip
