"""Returns without a receipt: today's price, store credit only, a manager, the ID noted."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.models import JournalEntry, OutboxEvent, Product, Sale, StockMovement
from pos_app.domain.receipt import render_text
from pos_app.domain.returns.rules import CustomerIdNote, IdDocument, RefundMethod, ReturnError
from pos_app.services.returns.in_store import ReturnApprovalRequiredError, ReturnsService
from pos_app.services.staff.auth import AuthService, Permission, PinHasher, Role
from pos_app.services.store import journal
from sync.protocol import SalePayload
from tests.helpers.returns import do_return, one

FAST = PinHasher(time_cost=1, memory_kib=64)
PASSPORT_NO = "X12345678AB"


def test_id_note_keeps_only_the_last_four_characters() -> None:
    note = CustomerIdNote.from_number("passport", " x1234-5678 ab ")
    assert note.as_dict() == {"type": "passport", "last4": "78AB"}
    with pytest.raises(ReturnError, match="last 4"):
        CustomerIdNote(IdDocument.PASSPORT, PASSPORT_NO)  # never the whole number
    with pytest.raises(ReturnError, match="at least its last 4"):
        CustomerIdNote.from_number("passport", "12")
    with pytest.raises(ReturnError, match="kind of ID"):
        CustomerIdNote.from_number("library card", "123456")


def test_receiptless_return_needs_approval_refunds_store_credit_and_notes_the_id(
    seeded: sessionmaker[Session],
) -> None:
    auth = AuthService(till_id="till-1", hasher=FAST)
    with seeded.begin() as session:
        ann = auth.enroll(session, code="A7", name="Ann", role=Role.ASSOCIATE, pin="1111")
        auth.enroll(session, code="M1", name="Max", role=Role.MANAGER, pin="9999")
        # Today's price is what comes back, whatever the customer says they paid.
        session.execute(update(Product).where(Product.sku == "TSH-1").values(price_minor=1200))
    note = CustomerIdNote.from_number(IdDocument.PASSPORT, PASSPORT_NO)
    service = ReturnsService(new_credit_code=lambda: "SCNRCPT23456")
    kwargs = {"receiptless": [("TSH-1", 2000)], "customer_id": note, "service": service}

    with pytest.raises(ReturnError, match="ID noted"):
        do_return(seeded, "", [one(2000)], receiptless=[("TSH-1", 2000)], cashier=ann)
    with pytest.raises(ReturnApprovalRequiredError, match="no receipt: store credit only"):
        do_return(seeded, "", [one(2000)], cashier=ann, **kwargs)  # type: ignore[arg-type]
    with seeded.begin() as session:
        result = auth.approve(
            session, pin="9999", permission=Permission.RETURN_OVERRIDE, requested_by=ann,
            what="return without receipt", reason="regular customer",
        )  # fmt: skip
        assert result.approval is not None
    done = do_return(
        seeded, "", [one(2000)], cashier=ann, approval=result.approval,
        prefer=RefundMethod.CASH,  # asked for cash: still store credit
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip
    assert done.store_credit_code == "SCNRCPT23456"
    assert done.cash_out.is_zero()
    assert "Return without receipt" in render_text(done.receipt)
    with seeded() as session:
        row = session.scalars(select(Sale).where(Sale.uuid == done.sale_uuid)).one()
        assert [(t.kind, t.amount_minor, t.account) for t in row.tenders] == [
            ("store_credit", -2400, "SCNRCPT23456")
        ]
        [line] = row.lines
        assert (line.sku, line.quantity_milli, line.original_sale_uuid) == ("TSH-1", -2000, None)
        moves = session.scalars(select(StockMovement).where(StockMovement.sale_id == row.id))
        assert [(m.sku, m.quantity_delta_milli) for m in moves] == [("TSH-1", 2000)]
        entry = session.scalars(
            select(JournalEntry).where(JournalEntry.seq == done.journal_seq)
        ).one()
        body = json.loads(entry.payload)["body"]
        assert body["receiptless"] is True
        assert body["customer_id"] == {"type": "passport", "last4": "78AB"}
        assert body["approval"]["approver"] == "M1"
        assert PASSPORT_NO not in entry.payload
        event = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "return.completed"))
        payload = event.one().payload
        SalePayload.model_validate_json(payload)
        assert PASSPORT_NO not in payload
        assert "78AB" not in payload  # the ID note stays in the till's journal
        assert journal.verify_journal(session).ok


def test_unknown_sku_without_receipt_is_refused(seeded: sessionmaker[Session]) -> None:
    note = CustomerIdNote.from_number("passport", PASSPORT_NO)
    with pytest.raises(ReturnError, match="No product has the SKU"):
        do_return(seeded, "", [one()], receiptless=[("NOPE-1", 1000)], customer_id=note)
