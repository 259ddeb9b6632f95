"""Receipt look-ups with the hub on the Returns screen (issue 8): other tills' receipts, and
this till's own receipts counted with what came back elsewhere.

Takes over the receipt field of ``ReturnsController`` (``claim_receipts``): the database
lane says whether the receipt is this till's; the hub is asked on this controller's own
one-thread executor (network never on the GUI thread nor in the database lane), with the
look-up client's short timeout; its answer comes back through a queued signal and is turned
into the original to return from in the database lane.

- Another till's receipt, online: the hub's counts plus this till's unsent returns, shown as
  "Sale of till X at store Y". Offline or hub silent: an inline message, nothing shown.
- This till's receipt, online: max(own count, hub + unsent) per line. Offline, hub silent or
  the sale not at the hub yet: this till's own count, as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from pos_app.domain.returns.rules import ReturnError
from pos_app.services.returns.hub_receipts import (
    HubReturnsService,
    find_receipt_on_hub,
    is_local_receipt,
    offline_message,
)
from pos_app.services.returns.in_store import ReturnableSale
from pos_app.services.returns.web_orders import ReturnLookups
from pos_app.ui.returns.controller import ReturnsController
from pos_app.ui.runner import DbLane
from sync.client.errors import HubUnreachable, NotFound


class HubReceiptsController(QObject):
    _looked_up = Signal(int, bool, object)  # (request, ok, Returnable or exception), from the pool

    def __init__(
        self,
        *,
        returns: ReturnsController,
        lane: DbLane,
        lookups: Callable[[], ReturnLookups] | None,
        is_offline: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.returns, self.lane, self._lookups, self.is_offline = (
            returns,
            lane,
            lookups,
            is_offline,
        )
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-receipt")
        self._requests = itertools.count(1)
        self._latest = 0
        # What the pending answer is for: the receipt typed, and this till's sale if it has it.
        self._code = ""
        self._local: ReturnableSale | None = None
        self._looked_up.connect(self.on_self_looked_up)
        returns.claim_receipts(self.look_up)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _online(self) -> bool:
        return self._lookups is not None and not self.is_offline()

    def look_up(self, code: str) -> bool:
        """The receipt field's look-up; False (the till's own look-up) with no hub at all."""
        if self._lookups is None:
            return False
        self._latest = next(self._requests)  # an answer still in flight is now stale
        request, service = self._latest, self.returns.service

        def local(s: Session) -> ReturnableSale | None:
            return service.find_sale(s, code) if is_local_receipt(s, code) else None

        self.lane.run(local, lambda sale: self._found_locally(request, code, sale), self._failed)
        return True

    def _found_locally(self, request: int, code: str, sale: ReturnableSale | None) -> None:
        if request != self._latest:
            return
        if not self._online():
            if sale is None:
                self._failed(ReturnError(offline_message(code)))
            else:
                self.returns.show_found(sale)  # offline: this till's own count
            return
        self._code, self._local = code, sale
        self.returns.page.message.show_info(self.tr("Asking the hub…"), 0)
        lookups, emit = self._lookups, self._looked_up.emit
        assert lookups is not None

        def job() -> None:  # on the look-up thread: network only
            client = lookups()
            try:
                emit(request, True, find_receipt_on_hub(client, code))
            except Exception as exc:  # reported inline, never lost
                emit(request, False, exc)
            finally:
                close = getattr(client, "close", None)
                if close is not None:
                    close()

        self._pool.submit(job)

    def on_self_looked_up(self, request: int, ok: bool, result: object) -> None:
        if request != self._latest:
            return  # overtaken by a newer look-up
        code, local = self._code, self._local
        if not ok:
            assert isinstance(result, Exception)
            if local is not None:
                # Hub silent, or the sale not sent yet: this till's own count stands.
                self.returns.show_found(local)
            elif isinstance(result, HubUnreachable):
                self._failed(ReturnError(offline_message(code)))
            elif isinstance(result, NotFound):
                self._failed(
                    ReturnError(
                        self.tr(
                            "No sale with receipt number %1 at this till or at the hub. Check "
                            "the number, or return it without a receipt."
                        ).replace("%1", repr(code[:64]))
                    )
                )
            else:
                self._failed(ReturnError(str(result)))
            return
        from sync.protocol import Returnable  # loaded by the look-up that answered

        assert isinstance(result, Returnable)
        found = result

        def build(s: Session) -> ReturnableSale:
            if local is not None:
                return HubReturnsService.with_hub_counts(s, local, found)
            return HubReturnsService.prepare(s, found)

        def shown(sale: ReturnableSale) -> None:
            if request == self._latest:
                self.returns.show_found(sale)

        self.lane.run(build, shown, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.returns._failed(exc)
