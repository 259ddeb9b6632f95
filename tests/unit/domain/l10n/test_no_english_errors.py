"""Domain and service errors a person reads are message ids (issue 22 point 4).

Walks pos_app/domain and pos_app/services and fails on a ``raise`` of an exception built from
a plain string, an f-string or ``str(another_error)`` (or an error class passing such a text
to ``super().__init__``): such a text reaches a French till in English. A place may keep
its English only if it is on ALLOWED (a programmer's error or log-only text, with the reason)
or on DEBT (named, to be converted: the list only shrinks).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
PACKAGES = ("pos_app/domain", "pos_app/services")

# (file, function, exception) -> why English is right there.
_PROGRAMMER = "a wrong type or value from code, never from a person"
ALLOWED: dict[tuple[str, str, str], str] = {
    ("pos_app/domain/barcodes.py", "normalize_gtin", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/catalog.py", "CatalogItem.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/catalog.py", "InMemoryCatalog.add", "DomainError"): (
        "the in-memory catalog is filled by tests and the demo, never by a person"
    ),
    ("pos_app/domain/l10n/messages.py", "Message.__post_init__", "ValueError"): (
        "a message id with the wrong fields: a programmer's typo"
    ),
    ("pos_app/domain/money.py", "Currency.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/money.py", "Currency.__post_init__", "MoneyError"): (
        "currencies are defined in code (the ISO table), not typed in"
    ),
    ("pos_app/domain/money.py", "Money.__mul__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/money.py", "Money.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/money.py", "Money.from_minor", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/money.py", "Money.to_minor", "MoneyError"): (
        "code must round before storing; amounts people type are checked on entry"
    ),
    ("pos_app/domain/money.py", "_check_number", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/money.py", "allocate", "MoneyError"): "allocation arguments come from code",
    ("pos_app/domain/money.py", "round_half_up", "MoneyError"): "the step comes from code",
    ("pos_app/domain/pricing.py", "Discount.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/pricing.py", "Discount.__post_init__", "ValueError"): (
        "the kind comes from the till's buttons, never typed"
    ),
    ("pos_app/domain/pricing.py", "BasketTotals.__post_init__", "DomainError"): (
        "an invariant of the pricing code: a bug, reported for the log"
    ),
    ("pos_app/domain/promotions/engine.py", "PromotionContext.available", "PromotionError"): (
        "promotion ids are unique in the database: a programmer's error"
    ),
    ("pos_app/domain/promotions/rules.py", "Promotion.is_available", "PromotionError"): (
        "the clock is passed by code"
    ),
    ("pos_app/domain/receipt.py", "ReceiptDocument.__post_init__", "ReceiptError"): (
        "a receipt is built by code from a finished sale"
    ),
    ("pos_app/domain/receipt.py", "build_receipt", "ReceiptError"): (
        "an invariant between pricing and payment: a bug, reported for the log"
    ),
    ("pos_app/domain/receipt.py", "render_text", "ReceiptError"): (
        "the paper width comes from the printer driver's code"
    ),
    ("pos_app/domain/receipt_codec.py", "decode_receipt", "ValueError"): (
        "caught in the same function and re-raised"
    ),
    ("pos_app/domain/retry.py", "Backoff.__init__", "ValueError"): _PROGRAMMER,
    ("pos_app/domain/sale/basket.py", "Basket._checked_quantity", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/sale/tenders.py", "CardReference.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/sale/tenders.py", "Tender.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/sale/tenders.py", "_check_step", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/tax.py", "TaxRate.__post_init__", "TypeError"): _PROGRAMMER,
    ("pos_app/domain/staff/credentials.py", "_decode", "ValueError"): (
        "a stored PIN hash that cannot be read: the caller logs it"
    ),
    ("pos_app/services/click_collect/queue.py", "CollectionsView.__init__", "ValueError"): (
        _PROGRAMMER
    ),
    ("pos_app/services/sale/drawer.py", "DrawerService.record_open", "ValueError"): (
        "the caller names the receipt, not the cashier"
    ),
    ("pos_app/services/sale/sale_rows.py", "quantity_milli", "QuantityError"): (
        "the basket refuses such a quantity first; this guards the storage code"
    ),
    ("pos_app/services/sale/voids.py", "record_void", "ValueError"): _PROGRAMMER,
    ("pos_app/services/store/journal.py", "_refuse_floats", "JournalError"): _PROGRAMMER,
    ("pos_app/services/store/journal.py", "append_entry", "JournalError"): (
        "a concurrency guard that callers retry; log-only"
    ),
    ("pos_app/services/sync/feed_apply.py", "apply_changes", "FeedApplyError"): (
        "the background sync logs it for support"
    ),
}

# Seen by a person, still English: convert and remove from here (this list only shrinks).
DEBT: frozenset[tuple[str, str, str]] = frozenset()


def _english_raises() -> Iterator[tuple[tuple[str, str, str], int]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            yield from _walk(ast.parse(path.read_text(encoding="utf-8")), relative, "")


def _walk(node: ast.AST, path: str, scope: str) -> Iterator[tuple[tuple[str, str, str], int]]:
    for child in ast.iter_child_nodes(node):
        inner = scope
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = f"{scope}.{child.name}" if scope else child.name
        if isinstance(child, ast.Raise) and _built_from_text(child.exc):
            assert isinstance(child.exc, ast.Call)
            func = child.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "?")
            yield (path, inner, name), child.lineno
        elif _super_init(child) and _built_from_text(child):
            # An error class that writes its own message: ``super().__init__("...")``.
            yield (path, inner, "super().__init__"), child.lineno
        yield from _walk(child, path, inner)


def _super_init(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "__init__"
        and isinstance(node.func.value, ast.Call)
        and isinstance(node.func.value.func, ast.Name)
        and node.func.value.func.id == "super"
    )


def _built_from_text(exc: ast.AST | None) -> bool:
    if not isinstance(exc, ast.Call) or not exc.args:
        return False
    first = exc.args[0]
    # ``SomeError(str(exc))`` re-raises another error's message as English text: pass its
    # args on (``SomeError(*exc.args)``) and the message id goes with them.
    rewrapped = (
        isinstance(first, ast.Call) and isinstance(first.func, ast.Name) and first.func.id == "str"
    )
    return (
        rewrapped
        or isinstance(first, ast.JoinedStr)
        or (isinstance(first, ast.Constant) and isinstance(first.value, str))
    )


def test_errors_people_read_are_message_ids() -> None:
    found = list(_english_raises())
    english = sorted(
        f"{path}:{line} {scope} raises {name} with English text: use msg()"
        for (path, scope, name), line in found
        if (path, scope, name) not in ALLOWED and (path, scope, name) not in DEBT
    )
    assert not english, "\n".join(english)


def test_the_lists_name_only_places_that_still_raise_english() -> None:
    places = {key for key, _line in _english_raises()}
    stale = sorted(set(ALLOWED) - places) + sorted(DEBT - places)
    assert not stale, f"converted or gone, remove from ALLOWED/DEBT: {stale}"
    assert not set(ALLOWED) & DEBT


# Reasons that are data, not words for a person: (file, function, what is assigned) -> why.
DATA_REASONS: dict[tuple[str, str, str], str] = {
    ("pos_app/services/click_collect/conflicts.py", "reconcile", "reason="): (
        "the stock return's journal entry: an audit record, read by support"
    ),
}


def _english_reasons() -> Iterator[tuple[tuple[str, str, str], int]]:
    """f-strings given to a ``reason`` (``reason = f"..."``, ``x.review_reason = f"..."``,
    ``reason=f"..."``) in the services: an order's flag or a refusal's reason that a manager
    reads later, stored in English (issue 22 point 4: store ``messages.stored(msg(...))``)."""
    for path in sorted((ROOT / "pos_app/services").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        yield from _walk_reasons(ast.parse(path.read_text(encoding="utf-8")), relative, "")


def _walk_reasons(
    node: ast.AST, path: str, scope: str
) -> Iterator[tuple[tuple[str, str, str], int]]:
    for child in ast.iter_child_nodes(node):
        inner = scope
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = f"{scope}.{child.name}" if scope else child.name
        for name, value in _assigned(child):
            if name.rstrip("=").endswith("reason") and _has_fstring(value):
                yield (path, inner, name), child.lineno
        yield from _walk_reasons(child, path, inner)


def _assigned(node: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    pairs: list[tuple[ast.AST, ast.AST]] = []
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs.extend(zip(target.elts, node.value.elts, strict=False))
            else:
                pairs.append((target, node.value))
    elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
        pairs.append((node.target, node.value))
    elif isinstance(node, ast.Call):
        for keyword in node.keywords:
            if keyword.arg is not None:
                yield f"{keyword.arg}=", keyword.value
    for target, value in pairs:
        if isinstance(target, ast.Name):
            yield target.id, value
        elif isinstance(target, ast.Attribute):
            yield target.attr, value


def _has_fstring(value: ast.AST) -> bool:
    # ``(f"..." f"...")[:2000]`` too: any f-string inside the value.
    return any(isinstance(n, ast.JoinedStr) for n in ast.walk(value))


def test_reasons_people_read_are_not_english_fstrings() -> None:
    found = list(_english_reasons())
    english = sorted(
        f"{path}:{line} {scope} sets {name} to an English f-string: store a msg()"
        for (path, scope, name), line in found
        if (path, scope, name) not in DATA_REASONS
    )
    assert not english, "\n".join(english)
    stale = sorted(set(DATA_REASONS) - {key for key, _line in found})
    assert not stale, f"gone, remove from DATA_REASONS: {stale}"
