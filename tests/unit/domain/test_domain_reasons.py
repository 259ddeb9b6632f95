"""Reason codes (issue 15 defect 7): one set of rules for the hub and the till."""

from __future__ import annotations

import pytest

from pos_app.domain.reasons import (
    DEFAULT_REASON_CODES,
    MAX_PER_KIND,
    ReasonCode,
    ReasonCodeError,
    ReasonKind,
    for_kind,
    parse_reason_codes,
    reason_text,
)


def test_defaults_cover_every_kind_each_with_other_needing_words() -> None:
    for kind in ReasonKind:
        presets = for_kind((), kind)
        assert len(presets) >= 2
        assert presets[-1].code == "OTHER"
        assert presets[-1].needs_text
    # The defaults pass the same check as a set from head office.
    assert parse_reason_codes(c.to_data() for c in DEFAULT_REASON_CODES) == DEFAULT_REASON_CODES


def test_a_set_replaces_the_defaults_of_its_kinds_only() -> None:
    codes = parse_reason_codes([{"code": "BENT", "kind": "discount", "label": " Bent tin "}])
    assert for_kind(codes, ReasonKind.DISCOUNT) == (
        ReasonCode("BENT", ReasonKind.DISCOUNT, "Bent tin"),
    )
    assert for_kind(codes, ReasonKind.VOID) == for_kind((), ReasonKind.VOID)


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        ([{"code": "bad code", "kind": "void", "label": "x"}], "the code must be"),
        ([{"code": "A", "kind": "refund", "label": "x"}], "unknown kind 'refund'"),
        ([{"code": "A", "kind": "void", "label": " "}], "the label must be"),
        ([{"code": "A", "kind": "void", "label": "x" * 41}], "the label must be"),
        ([{"code": "A", "kind": "void", "label": "x", "needs_text": "yes"}], "needs_text"),
        ([{"code": "A", "kind": "void", "label": "x"}] * 2, "A is twice in void"),
        ([{"code": f"C{i}", "kind": "void", "label": "x"} for i in range(MAX_PER_KIND + 1)],
         "per kind"),
        (["DAMAGED"], "not an object"),
    ],
)  # fmt: skip
def test_a_bad_set_is_refused_saying_what_is_wrong(rows: list[object], says: str) -> None:
    with pytest.raises(ReasonCodeError, match=says):
        parse_reason_codes(rows)  # type: ignore[arg-type]


def test_reason_text_is_the_label_with_optional_words() -> None:
    damaged = ReasonCode("DAMAGED", ReasonKind.DISCOUNT, "Damaged")
    other = ReasonCode("OTHER", ReasonKind.DISCOUNT, "Other", needs_text=True)
    assert reason_text(damaged, "") == "Damaged"
    assert reason_text(damaged, "  corner   crushed ") == "Damaged: corner crushed"
    assert reason_text(None, "typed") == "typed"
    assert reason_text(other, "regular") == "Other: regular"
    with pytest.raises(ReasonCodeError, match="Other: say what"):
        reason_text(other, " ")
    with pytest.raises(ReasonCodeError, match="Choose a reason"):
        reason_text(None, "")
