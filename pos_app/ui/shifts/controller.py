"""Drives the shift screen: every database action runs on the DB lane, never the GUI thread;
reports print on the printer's worker; exports are written off the GUI thread too.

Blind close: the count panel never shows what the till expects; the Z (with expected,
counted and over/short) is shown only once the count is committed.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.money import Money
from pos_app.domain.reasons import ReasonCode
from pos_app.domain.shifts.denominations import CashCount
from pos_app.domain.shifts.figures import MovementKind, ShiftFigures
from pos_app.domain.shifts.report_text import ReportHeader, render_report
from pos_app.services.shifts.archive import StoredZ, export_csv, export_pdf, list_z, load_z
from pos_app.services.shifts.service import (
    OverShortApprovalRequiredError,
    ShiftService,
    ShiftView,
    movement_reasons,
    shift_missing,
)
from pos_app.services.staff.auth import AuthService, Permission, StaffMember
from pos_app.services.store.till_context import TillContext
from pos_app.ui import formatting
from pos_app.ui.runner import DbLane
from pos_app.ui.shifts.page import ShiftsPage

MOVEMENT_TITLES = {
    MovementKind.PAID_IN: str(QT_TRANSLATE_NOOP("ShiftsController", "Paid in")),
    MovementKind.PAID_OUT: str(QT_TRANSLATE_NOOP("ShiftsController", "Paid out")),
    MovementKind.SAFE_DROP: str(QT_TRANSLATE_NOOP("ShiftsController", "Safe drop")),
    MovementKind.NO_SALE: str(QT_TRANSLATE_NOOP("ShiftsController", "No sale (open the drawer)")),
}


class ShiftsController(QObject):
    shift_changed = Signal(object)  # ShiftView | None
    z_closed = Signal(object)  # StoredZ of the Z just closed
    report_ready = Signal(str)  # the text shown
    print_failed = Signal(str)  # from the printer's worker thread: queued to the GUI thread

    def __init__(
        self,
        *,
        page: ShiftsPage,
        lane: DbLane,
        service: ShiftService,
        auth: AuthService,
        context: TillContext,
        staff: Callable[[], StaffMember | None],
        back: Callable[[], None],
        show_page: Callable[[ShiftsPage], None],
        print_report: Callable[[Callable[[int], list[str]]], Future[None] | None],
        kick_drawer: Callable[[], Any],
        export_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.lane, self.service, self.auth = page, lane, service, auth
        self.context, self.staff, self.back, self.show_page = context, staff, back, show_page
        self.print_report, self.kick_drawer, self.export_dir = print_report, kick_drawer, export_dir
        self.current: ShiftView | None = None
        self.mode = ""  # "open" | "close": what the count panel is for
        self.movement: MovementKind | None = None
        self.shown: Callable[[int], list[str]] | None = None  # the report on screen, by width
        self.shown_z: StoredZ | None = None
        self._pending_close: tuple[StaffMember, CashCount, int | None] | None = None
        p = page
        p.open_button.clicked.connect(lambda: self.start_count("open"))
        p.close_button.clicked.connect(lambda: self.start_count("close"))
        p.count_confirm.clicked.connect(self.on_count_confirmed)
        for kind, button in (
            (MovementKind.PAID_IN, p.paid_in_button),
            (MovementKind.PAID_OUT, p.paid_out_button),
            (MovementKind.SAFE_DROP, p.safe_drop_button),
            (MovementKind.NO_SALE, p.no_sale_button),
        ):
            button.clicked.connect(lambda _=False, k=kind: self.start_movement(k))
        p.movement_prompt.accepted.connect(self.on_movement_confirmed)
        p.movement_prompt.cancelled.connect(self.on_movement_cancelled)
        p.movement_prompt.reason_stage_entered.connect(self.on_movement_reason_stage_entered)
        p.x_button.clicked.connect(self.show_x)
        p.approval_confirm.clicked.connect(self.on_approval_confirmed)
        p.reprint_button.clicked.connect(self.reprint_last_z)
        p.print_button.clicked.connect(self.print_shown)
        p.export_button.clicked.connect(self.export_shown)
        p.back_button.clicked.connect(self.back)
        self.print_failed.connect(self.on_print_failed)

    # -- state ------------------------------------------------------------------------------

    def show(self) -> None:
        """Ctrl+T: the shift screen, for whoever is signed in."""
        if self.staff() is None:
            return
        self.refresh()
        self.show_page(self.page)

    def ask_for_float_if_needed(self) -> None:
        """After sign-in: when the store says selling needs an open shift and this cashier's
        drawer has none, go straight to counting the float (a basket rung first would only be
        refused at payment)."""
        till, who = self.context.till_id, self._drawer_owner()
        if who is None:
            return
        self.lane.run(lambda s: shift_missing(s, till, who), self._float_needed, self._failed)

    def _float_needed(self, missing: bool) -> None:
        if not missing or self.staff() is None:
            return
        self._show_state(None)
        self.show_page(self.page)
        self.start_count("open")
        self.page.message.show_info(
            self.tr("Selling needs an open shift: count your float to start."), 8000
        )

    def _drawer_owner(self) -> str | None:
        """Who the shift actions are for: the signed-in cashier (their own drawer, when the
        store gives each cashier one; the service decides)."""
        who = self.staff()
        return who.name if who is not None else None

    def refresh(self) -> None:
        till, who = self.context.till_id, self._drawer_owner()
        self.lane.run(lambda s: self.service.current(s, till, who), self._show_state, self._failed)

    def _show_state(self, shift: ShiftView | None) -> None:
        self.current = shift
        p = self.page
        if shift is None:
            p.title.setText(self.tr("Till %1: no shift open").replace("%1", self.context.till_id))
        else:
            opened = formatting.time(shift.opened_at)
            p.title.setText(
                self.tr("Till %1: shift %2, opened %3 by %4")
                .replace("%1", shift.till_id)
                .replace("%2", str(shift.shift_no))
                .replace("%3", opened)
                .replace("%4", shift.opened_by)
            )
        is_open = shift is not None
        p.open_button.setEnabled(not is_open)
        for button in (
            p.x_button,
            p.paid_in_button,
            p.paid_out_button,
            p.safe_drop_button,
            p.no_sale_button,
            p.close_button,
        ):
            button.setEnabled(is_open)
        self.shift_changed.emit(shift)

    def _failed(self, exc: BaseException) -> None:
        known = isinstance(exc, DomainError)
        text = (
            formatting.error_text(exc)
            if known
            else self.tr("That did not work: %1").replace("%1", formatting.error_text(exc))
        )
        self.page.message.show_error(text)

    def _who(self) -> StaffMember | None:
        who = self.staff()
        if who is None:
            self.page.message.show_error(self.tr("Sign in first."))
        return who

    # -- counting ---------------------------------------------------------------------------

    def start_count(self, mode: str) -> None:
        self.mode = mode
        p = self.page
        p.count.reset()
        p.card_total.clear()
        closing = mode == "close"
        p.card_label.setVisible(closing)
        p.card_total.setVisible(closing)
        p.count_heading.setText(
            self.tr("Blind count: count the drawer. What the till expects shows once confirmed.")
            if closing
            else self.tr("Count the opening float.")
        )
        p.panels.setCurrentWidget(p.count_panel)
        p.count.focus_first()  # counted on the keyboard too: digits, Tab to the next

    def on_count_confirmed(self) -> None:
        who = self._who()
        if who is None:
            return
        try:
            count = CashCount(self.context.currency.code, self.page.count.pieces())
            card = self._card_total()
        except (DomainError, InvalidOperation) as exc:
            self.page.message.show_error(formatting.error_text(exc))
            return
        ctx = self.context
        if self.mode == "open":
            self.lane.run(
                lambda s: self.service.open_shift(s, context=ctx, cashier=who.name, count=count),
                self._opened,
                self._failed,
            )
            return
        self._pending_close = (who, count, card)
        self.lane.run(
            lambda s: self._close(s, who, count, card, None), self._closed, self._close_failed
        )

    def _card_total(self) -> int | None:
        text = self.page.card_total.text().strip()
        return Money.of(text, self.context.currency).to_minor() if text else None

    def _opened(self, shift: ShiftView) -> None:
        self._show_state(shift)
        self.page.message.show_info(self.tr("Shift opened."))
        self.kick_drawer()
        self.show_x()

    # -- close and Z ------------------------------------------------------------------------

    def _close(
        self, session: Session, who: StaffMember, count: CashCount, card: int | None, approval: Any
    ) -> StoredZ:
        closed = self.service.close_shift(
            session,
            context=self.context,
            cashier=who.name,
            cash=count,
            card_total_minor=card,
            approval=approval,
        )
        return load_z(
            session,
            till_id=self.context.till_id,
            store_name=self.context.store_name,
            z_no=closed.z_no,
            copy=False,
            locale=self.context.locale,
        )

    def _close_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OverShortApprovalRequiredError):
            p = self.page
            p.approval_heading.setText(formatting.error_text(exc))
            p.manager_pin.clear()
            p.approval_reason.clear()
            p.panels.setCurrentWidget(p.approval_panel)
            p.manager_pin.setFocus()
            return
        self._failed(exc)

    def on_approval_confirmed(self) -> None:
        if self._pending_close is None:
            return
        who, count, card = self._pending_close
        pin, reason = self.page.manager_pin.text(), self.page.approval_reason.text()
        self.page.manager_pin.clear()

        def op(session: Session) -> StoredZ:
            result = self.auth.approve(
                session,
                pin=pin,
                permission=Permission.CASH_OVER_SHORT,
                requested_by=who,
                what="close shift with cash over/short",
                reason=reason,
            )
            if result.approval is None:
                raise DomainError(result.message)
            return self._close(session, who, count, card, result.approval)

        self.lane.run(op, self._closed, self._failed)

    def _closed(self, z: StoredZ) -> None:
        self._show_state(None)
        self._show_report(lambda width: render_report(z.header, z.figures, width), z)
        self.page.message.show_info(
            self.tr("Shift closed: Z %1.").replace("%1", str(z.header.z_no))
        )
        self.print_shown()
        self.z_closed.emit(z)

    def reprint_last_z(self) -> None:
        ctx = self.context

        def op(session: Session) -> StoredZ:
            numbers = list_z(session, ctx.till_id)
            if not numbers:
                raise DomainError(self.tr("No Z report has been closed on this till yet."))
            return load_z(
                session,
                till_id=ctx.till_id,
                store_name=ctx.store_name,
                z_no=numbers[0][0],
                copy=True,
                locale=ctx.locale,
            )

        def done(z: StoredZ) -> None:
            self._show_report(lambda width: render_report(z.header, z.figures, width), z)
            self.print_shown()

        self.lane.run(op, done, self._failed)

    # -- X ----------------------------------------------------------------------------------

    def show_x(self) -> None:
        till, who = self.context.till_id, self._drawer_owner()
        self.lane.run(lambda s: self.service.x_report(s, till, who), self._x_ready, self._failed)

    def _x_ready(self, result: tuple[ShiftView, ShiftFigures]) -> None:
        shift, figures = result
        header = ReportHeader(
            kind="X",
            store_name=self.context.store_name,
            till_id=shift.till_id,
            shift_no=shift.shift_no,
            opened_at=shift.opened_at,
            opened_by=shift.opened_by,
            printed_at=datetime.now(UTC),
            currency=self.context.currency,
            locale=self.context.locale,
        )
        self._show_report(lambda width: render_report(header, figures, width), None)

    def _show_report(self, make: Callable[[int], list[str]], z: StoredZ | None) -> None:
        self.shown, self.shown_z = make, z
        text = "\n".join(make(42))
        self.page.report.setPlainText(text)
        self.page.export_button.setEnabled(z is not None)
        self.page.panels.setCurrentWidget(self.page.report_panel)
        self.report_ready.emit(text)

    def print_shown(self) -> None:
        if self.shown is None:
            return
        job = self.print_report(self.shown)
        if job is None:
            self.page.message.show_info(self.tr("No receipt printer: the report is on screen."))
            return

        def finished(done: Future[None]) -> None:  # on the printer's worker
            problem = done.exception()
            if problem is not None:
                self.print_failed.emit(str(problem))

        job.add_done_callback(finished)

    def on_print_failed(self, problem: str) -> None:
        text = self.tr("The report did not print (%1): it is on screen; print it again later.")
        self.page.message.show_error(text.replace("%1", problem))

    def export_shown(self) -> None:
        z, folder = self.shown_z, self.export_dir
        if z is None:
            return
        stem = f"Z-{z.header.till_id}-{z.header.z_no:05d}"

        def op(_session: Session) -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{stem}.csv").write_text(export_csv(z), encoding="utf-8")
            (folder / f"{stem}.pdf").write_bytes(export_pdf(z))
            return folder / stem

        def done(path: Path) -> None:
            text = self.tr("Exported %1.csv and .pdf")
            self.page.message.show_info(text.replace("%1", str(path)))

        self.lane.run(op, done, self._failed)

    # -- cash movements ---------------------------------------------------------------------

    def start_movement(self, kind: MovementKind) -> None:
        """The till's reason codes of the movement's kind are read on the DB lane (the feed
        may have brought new ones since), then the prompt asks for the amount and a code."""
        self.movement = kind

        def ask(codes: tuple[ReasonCode, ...]) -> None:
            if self.movement is not kind:
                return  # another movement was asked for meanwhile
            p = self.page
            p.movement_prompt.ask(
                self.tr(MOVEMENT_TITLES[kind]),
                placeholder="0.00",
                presets=codes,
                value=kind is not MovementKind.NO_SALE,  # a no-sale moves no cash
            )
            p.panels.setCurrentWidget(p.movement_prompt)

        self.lane.run(lambda s: movement_reasons(s, kind), ask, self._failed)

    def on_movement_reason_stage_entered(self, value: str) -> None:
        """The reasons' step says the amount it is for ("Paid out 12,00 € — choose a reason"):
        the amount typed a step before was no longer on screen (issue 15)."""
        kind, number = self.movement, formatting.parse_decimal(value)
        if kind is None or number is None:
            return
        try:
            amount = formatting.money(Money.of(number, self.context.currency), symbol=True)
        except DomainError:
            return  # not an amount of this currency: Confirm says so
        title = self.tr("%1 %2 — choose a reason").replace("%1", self.tr(MOVEMENT_TITLES[kind]))
        self.page.movement_prompt.title.setText(title.replace("%2", amount))

    def on_movement_cancelled(self) -> None:
        self.movement = None
        self.page.panels.setCurrentWidget(self.page.report_panel)

    def on_movement_confirmed(self, value: str, _reason: str) -> None:
        who, kind = self._who(), self.movement
        if who is None or kind is None:
            return
        prompt = self.page.movement_prompt
        code = prompt.chosen
        if code is None:  # words alone are not a code the store set: the service refuses them
            prompt.show_error(self.tr("Choose a reason."))
            return
        try:
            amount = (
                0
                if kind is MovementKind.NO_SALE
                else Money.of(value.strip() or "0", self.context.currency).to_minor()
            )
        except (DomainError, InvalidOperation) as exc:
            prompt.show_error(formatting.error_text(exc))
            return
        if kind is MovementKind.NO_SALE and not who.can(Permission.NO_SALE):
            text = self.tr("%1 may not open the drawer without a sale.")
            prompt.show_error(text.replace("%1", who.name))
            return
        note, till = prompt.reason_edit.text(), self.context.till_id
        self.lane.run(
            lambda s: self.service.record_movement(
                s,
                till_id=till,
                cashier=who.name,
                kind=kind,
                amount_minor=amount,
                reason=code.code,
                note=note,
            ),
            lambda _seq: self._moved(kind),
            lambda exc: prompt.show_error(formatting.error_text(exc)),
        )

    def _moved(self, kind: MovementKind) -> None:
        self.movement = None
        self.kick_drawer()  # journaled first, in the committed transaction
        self.page.message.show_info(
            self.tr("%1 recorded.").replace("%1", self.tr(MOVEMENT_TITLES[kind]))
        )
        self.show_x()
