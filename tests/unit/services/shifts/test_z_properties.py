"""Property: a Z report's totals are the sums of what its shift recorded (issue 19).

Random days rung through the real services on one real SQLite file: each example opens a
shift, rings cash and card sales, returns some of them for cash, moves cash in and out, and
closes with a count. What the services returned for each action (settlements, cash paid out,
amounts entered) is summed here, independently of the report code, and must equal the Z.
Each example is its own shift on the same till, so a Z must also never count an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.shifts.denominations import CashCount
from pos_app.domain.shifts.figures import MovementKind
from pos_app.services.shifts.service import ShiftRules, ShiftService, save_rules
from tests.helpers.shift_day import VISA, Clock, close, open_shift, ring
from tests.unit.services.returns.test_in_store import do_return, one

CODES = ("4006381333931", "96385074", "0036000291452", "5012345678900")
REASON = {
    MovementKind.PAID_IN: "other",
    MovementKind.PAID_OUT: "supplier",
    MovementKind.SAFE_DROP: "safe_drop",
}


@dataclass(frozen=True)
class Sell:
    codes: tuple[str, ...]
    card: bool
    returned: bool  # the first line comes back later in the day, refunded in cash


@dataclass(frozen=True)
class Move:
    kind: MovementKind
    minor: int


sells = st.builds(
    Sell, st.lists(st.sampled_from(CODES), min_size=1, max_size=4).map(tuple), st.booleans(),
    st.booleans(),
)  # fmt: skip
moves = st.builds(Move, st.sampled_from(list(REASON)), st.integers(1, 20_000))
days = st.lists(st.one_of(sells, moves), max_size=6)
floats = st.dictionaries(st.sampled_from([5000, 2000, 1000, 200, 50, 5]), st.integers(0, 20))


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=days, float_pieces=floats, counted=st.integers(0, 100_000))
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
    to_return: list[tuple[str, bool]] = []
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
        if step.returned:
            to_return.append((done.receipt_no, step.card))
    for receipt_no, by_card in to_return:
        back = do_return(seeded, receipt_no, [one()], card=VISA if by_card else None)
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
    assert {k: v[1] for k, v in f.movements.items() if k != "no_sale"} == {
        str(k): v for k, v in moved.items()
    }
    assert f.over_short()["cash"] == counted - cash
    # Prices include tax here: department amounts are gross, i.e. net + tax over the rates.
    assert sum(f.departments.values()) == sum(net + tax for _l, _r, net, tax in f.tax)
    assert sum(v[1] for v in f.channels.values()) == sales + returns
