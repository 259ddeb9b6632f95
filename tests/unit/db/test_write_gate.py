"""A sale goes ahead of background bulk writes: ordering, not timing, is asserted."""

from __future__ import annotations

import threading

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.write_gate import WriteGate

WAIT_S = 10.0


def test_a_sale_waits_for_the_chunk_in_progress_and_the_next_chunk_waits_for_the_sale(
    session_factory: sessionmaker[Session],
) -> None:
    gate = WriteGate()
    log: list[str] = []
    chunk_started, sale_announced, sale_done = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )

    def bulk_writer() -> None:
        for n in (1, 2):
            with gate.bulk(), session_factory.begin() as session:
                log.append(f"chunk {n} start")
                chunk_started.set()
                if n == 1:  # hold the first chunk until the sale has said it is coming
                    assert sale_announced.wait(WAIT_S)
                    deadline = threading.Event()
                    while gate.sales_waiting == 0:
                        deadline.wait(0.001)
                session.execute(text("INSERT INTO tax_rates VALUES (:c, '0', 'x')"), {"c": f"b{n}"})
                log.append(f"chunk {n} end")

    def sale() -> None:
        assert chunk_started.wait(WAIT_S)
        sale_announced.set()
        with gate.urgent(), session_factory.begin() as session:
            log.append("sale start")
            session.execute(text("INSERT INTO tax_rates VALUES ('sale', '0', 'x')"))
            log.append("sale end")
        sale_done.set()

    threads = [threading.Thread(target=bulk_writer), threading.Thread(target=sale)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT_S)
    assert sale_done.is_set()
    assert log == ["chunk 1 start", "chunk 1 end", "sale start", "sale end", "chunk 2 start",
                   "chunk 2 end"]  # fmt: skip


def test_a_bulk_writer_is_not_starved_forever() -> None:
    gate = WriteGate(max_bulk_yield_s=0.05)
    with gate.urgent():  # a sale that never finishes (a stuck disk)
        entered = threading.Event()

        def bulk() -> None:
            with gate.bulk():
                entered.set()

        worker = threading.Thread(target=bulk)
        worker.start()
        assert entered.wait(WAIT_S)
        worker.join(WAIT_S)
