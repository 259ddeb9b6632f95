"""Property: a Z report's totals are the sums of what its shift recorded (issue 19).

Random days rung through the real services on one real SQLite file: each example opens a
shift, rings cash and card sales, returns some of them for cash, moves cash in and out, and
closes with a count. What the services returned for each action (settlements, cash paid out,
amounts entered) is summed here, independently of the report code, and must equal the Z.
Each example is its own shift on the same till, so a Z must also never count an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.sale.tenders import TenderKind
from pos_app.domain.shifts.denominations import CashCount
from pos_app.domain.shifts.figures import MovementKind
from pos_app.services.shifts.service import ShiftRules, ShiftService, save_rules
from tests.helpers.returns import do_return, exchange, one
from tests.helpers.shift_day import VISA, Clock, close, open_shift, ring

CODES = ("4006381333931", "96385074", "0036000291452", "5012345678900")
SHIRT = "0036000291452"  # 15.00: what an exchange takes
REASON = {  # default reason codes of each kind (pos_app/domain/reasons.py)
    MovementKind.PAID_IN: "FLOAT_TOP_UP",
    MovementKind.PAID_OUT: "SUPPLIES",
    MovementKind.SAFE_DROP: "BANKING",
}


@dataclass(frozen=True)
class Sell:
    codes: tuple[str, ...]
    card: bool
    # Later in the day the first line comes back: "return" (refunded to what paid it) or
    # "exchange" (for a T-shirt; a difference in the customer's favour goes back in cash).
    after: str


@dataclass(frozen=True)
class Move:
    kind: MovementKind
    minor: int


sells = st.builds(
    Sell, st.lists(st.sampled_from(CODES), min_size=1, max_size=4).map(tuple), st.booleans(),
    st.sampled_from(["", "return", "exchange"]),
)  # fmt: skip
moves = st.builds(Move, st.sampled_from(list(REASON)), st.integers(1, 20_000))
days = st.lists(st.one_of(sells, moves), max_size=6)
floats = st.dictionaries(st.sampled_from([5000, 2000, 1000, 200, 50, 5]), st.integers(0, 20))


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=days, float_pieces=floats, counted=st.integers(0, 100_000))
@example(  # always: a cash and a card sale, a return of each, an exchange, every movement
    day=[
        Sell(("4006381333931", "96385074"), card=False, after="exchange"),
        Sell(("96385074",), card=True, after="return"),
        Sell(("5012345678900",), card=False, after="return"),
        Sell((SHIRT,), card=True, after="exchange"),
        *(Move(kind, 1234) for kind in REASON),
    ],
    float_pieces={5000: 1, 200: 3},
    counted=9999,
)
def test_z_totals_equal_the_sum_of_the_shifts_transactions(
    seeded: sessionmaker[Session],
    day: list[Sell | Move],
    float_pieces: dict[int, int],
    counted: int,
) -> None:
    service = ShiftService(clock=Clock())
    with seeded.begin() as session:  # any count closes: approvals are tested elsewhere
        save_rules(session, ShiftRules(over_short_threshold_minor=10**9))
    with seeded() as session:
        left_open = service.current(session, "till-1") is not None
    if left_open:  # an earlier example failed mid-day: close its shift, out of this one's Z
        close(seeded, service, CashCount("EUR", {}))
    float_count = CashCount("EUR", float_pieces)
    open_shift(seeded, service, float_count)
    cash, card, sales, returns, n_sales, n_returns = float_count.total_minor, 0, 0, 0, 0, 0
    moved = dict.fromkeys(REASON, 0)
    later: list[tuple[str, Sell]] = []
    exchanges = 0
    for step in day:
        if isinstance(step, Move):
            with seeded.begin() as session:
                service.record_movement(
                    session, till_id="till-1", cashier="Ann", kind=step.kind,
                    amount_minor=step.minor, reason=REASON[step.kind],
                )  # fmt: skip
            moved[step.kind] += step.minor
            cash += step.kind.sign * step.minor
            continue
        done = ring(seeded, step.codes, card=step.card, cash="100")
        n_sales += 1
        sales += done.totals.total.to_minor()
        if step.card:
            card += done.settlement.paid.to_minor()
        else:
            cash += (done.settlement.paid - done.settlement.change).to_minor()
        if step.after:
            later.append((done.receipt_no, step))
    for receipt_no, sold in later:
        by_card = VISA if sold.card else None
        if sold.after == "exchange":
            # Every code costs at most a T-shirt: the customer pays any difference in cash.
            pays = sold.codes[0] != SHIRT
            swap = exchange(seeded, receipt_no, [SHIRT], cash="100" if pays else None)
            n_sales, n_returns, exchanges = n_sales + 1, n_returns + 1, exchanges + 1
            sales += swap.sale.totals.total.to_minor()
            returns -= swap.returned.assessment.total.to_minor()
            paid = swap.sale.settlement
            credit = sum(t.amount.to_minor() for t in paid.tenders if t.kind is not TenderKind.CASH)
            cash += (paid.paid - paid.change).to_minor() - credit
            continue
        back = do_return(seeded, receipt_no, [one()], card=by_card)
        n_returns += 1
        returns -= back.assessment.total.to_minor()
        if back.cash_out.is_positive():
            cash -= back.cash_out.to_minor()
        else:
            card -= back.assessment.total.to_minor()  # a card sale is refunded to the card

    z = close(seeded, service, CashCount("EUR", {1: counted}))
    f = z.figures
    assert f.expected["cash"] == cash
    assert f.expected["card"] == card
    assert (f.sales_count, f.sales_minor) == (n_sales, sales)
    assert (f.returns_count, f.returns_minor) == (n_returns, returns)
    assert f.net_sales_minor == sales + returns
    assert f.exchanges_count == exchanges
    assert f.expected["exchange"] == 0  # each exchange credit is given and taken once
    assert {k: v[1] for k, v in f.movements.items() if k != "no_sale"} == {
        str(k): v for k, v in moved.items()
    }
    assert f.over_short()["cash"] == counted - cash
    # Prices include tax here: department amounts are gross, i.e. net + tax over the rates.
    assert sum(f.departments.values()) == sum(net + tax for _l, _r, net, tax in f.tax)
    assert sum(v[1] for v in f.channels.values()) == sales + returns
