"""First run: a till with no hub settings and no store profile is set up here, not in a terminal.

Two ways in: connect to a hub with the one-time code from head office (the store profile and,
through the feed, staff and catalog come from the hub), or set up a standalone shop (name,
currency, tax mode, cash rounding and a first manager who can then sign in). The network call
and the PIN hashing run on a worker thread; the answer comes back as a queued signal, so the
screen never freezes. Errors are shown in place, in plain words, and nothing is written.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db import migrate
from pos_app.db.engine import create_till_engine, make_session_factory
from pos_app.db.models import StoreProfile
from pos_app.domain.l10n.currencies import cash_rounding_step
from pos_app.domain.l10n.locales import DEFAULT_LOCALE, SETUP_LOCALES, display_name
from pos_app.domain.tax import TaxMode
from pos_app.services.staff.auth import AuthService
from pos_app.services.store.store_setup import (
    STANDALONE_TILL_ID,
    StoreSetupError,
    validate_standalone,
    write_standalone_store,
)
from pos_app.services.sync.enrollment import EnrollmentError, enroll
from pos_app.ui import formatting
from pos_app.ui.setup import fields
from pos_app.ui.setup.card import centred_card
from pos_app.ui.setup.devices_step import DevicesPage
from pos_app.ui.widgets import TOUCH_MIN, InlineMessage

log = logging.getLogger(__name__)

CURRENCIES = ("EUR", "GBP", "USD", "CHF", "CAD", "AUD", "SEK", "DKK", "NOK", "PLN", "JPY")
ROUNDING_STEPS = ("0.01", "0.05", "0.10", "0.20", "1")
HUB = "hub"
STANDALONE = "standalone"


class _JobSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    """Runs ``work`` on the pool; a known error's message or the result comes back queued."""

    def __init__(self, work: Callable[[], object], errors: tuple[type[Exception], ...]) -> None:
        super().__init__()
        self.signals = _JobSignals()
        self._work = work
        self._errors = errors

    def run(self) -> None:
        try:
            result = self._work()
        except self._errors as exc:
            self.signals.failed.emit(formatting.error_text(exc))  # the store's language
        except Exception as exc:  # never leave the screen busy forever
            log.exception("first-run set-up failed")
            self.signals.failed.emit(
                QCoreApplication.translate("FirstRunWindow", "something went wrong (%1); try again")
                .replace("%1", type(exc).__name__)
            )  # fmt: skip
        else:
            self.signals.succeeded.emit(result)


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# The first run's fields stand a little taller than the devices step's: fewer of them, typed by
# someone standing at a new till.
_field = partial(fields.line_edit, height=TOUCH_MIN + 8)
_combo = partial(fields.combo, height=TOUCH_MIN + 8)


class FirstRunPage(QWidget):
    """Emits ``done`` with "hub" or "standalone" once the till is set up."""

    done = Signal(str)

    def __init__(
        self,
        write_sessions: sessionmaker[Session],
        config_dir: Path,
        *,
        auth: AuthService | None = None,
        till_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPage")
        self._write = write_sessions
        self._config_dir = config_dir
        self._auth = auth if auth is not None else AuthService(till_id=STANDALONE_TILL_ID)
        self._till_name = till_name if till_name is not None else socket.gethostname()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()
        self.busy = False

        layout = centred_card(self, max_width=900, margin_v=16, spacing=10)

        title = QLabel(self.tr("Set up this till"))
        title.setObjectName("firstRunTitle")
        intro = QLabel(self.tr("Is this till part of a chain with a hub, or a shop on its own?"))
        intro.setObjectName("firstRunIntro")
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)

        choices = QHBoxLayout()
        self.hub_choice = QPushButton(self.tr("Connect to a hub"))
        self.standalone_choice = QPushButton(self.tr("Standalone shop"))
        self._choice_group = QButtonGroup(self)
        for button in (self.hub_choice, self.standalone_choice):
            button.setCheckable(True)
            button.setProperty("role", "choice")
            button.setMinimumHeight(TOUCH_MIN + 16)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self._choice_group.addButton(button)
            choices.addWidget(button)
        layout.addLayout(choices)

        self.stack = QStackedWidget()
        self.hub_form = self._build_hub_form()
        self.standalone_form = self._build_standalone_form()
        self.stack.addWidget(self.hub_form)
        self.stack.addWidget(self.standalone_form)
        layout.addWidget(self.stack)

        self.message = InlineMessage()
        layout.addWidget(self.message)

        self.hub_choice.clicked.connect(lambda: self.choose(HUB))
        self.standalone_choice.clicked.connect(lambda: self.choose(STANDALONE))
        self.choose(HUB)

    # -- building ---------------------------------------------------------------------------

    def _build_hub_form(self) -> QWidget:
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("Hub"))
        rows = fields.form(box, spacing=10)
        self.hub_url = _field(self.tr("e.g. https://hub.example.com"), "hubUrlEdit", max_length=300)
        self.hub_code = _field(self.tr("e.g. ABCD-EFGH-JKMN"), "enrollCodeEdit", max_length=64)
        rows.addRow(self.tr("Hub address"), self.hub_url)
        rows.addRow(self.tr("Enrollment code"), self.hub_code)
        note = QLabel(
            self.tr(
                "Head office gives you the code. The shop's name, prices and staff PINs "
                "then come from the hub."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("firstRunNote")
        rows.addRow(note)
        layout.addWidget(box)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setProperty("role", "primary")
        self.connect_button.setMinimumHeight(TOUCH_MIN + 12)
        layout.addWidget(self.connect_button)
        for edit in (self.hub_url, self.hub_code):
            edit.returnPressed.connect(self.submit_hub)
        self.connect_button.clicked.connect(self.submit_hub)
        return form

    def _build_standalone_form(self) -> QWidget:
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        columns = QHBoxLayout()
        shop = QGroupBox(self.tr("Shop"))
        shop_rows = fields.form(shop, spacing=10)
        self.store_name = _field(self.tr("as printed on receipts"), "storeNameEdit")
        self.currency = _combo([(code, code) for code in CURRENCIES], "currencyCombo")
        self.tax_mode = _combo(
            [
                (self.tr("Prices include tax (VAT)"), str(TaxMode.INCLUSIVE)),
                (self.tr("Tax added at the till"), str(TaxMode.EXCLUSIVE)),
            ],
            "taxModeCombo",
        )
        self.rounding = _combo([(step, step) for step in ROUNDING_STEPS], "roundingCombo")
        self.rounding.setEditable(True)
        # CLDR's cash rounding of the chosen currency (0.05 for CHF, 1 for SEK) as the proposal.
        self.currency.currentIndexChanged.connect(self.on_currency_changed)
        # Formats and receipts follow the shop's locale (domain/l10n); the hub can set any.
        self.locale_combo = _combo(
            [(f"{display_name(code)} ({code})", code) for code in SETUP_LOCALES], "localeCombo"
        )
        self.locale_combo.setCurrentIndex(SETUP_LOCALES.index(DEFAULT_LOCALE))
        shop_rows.addRow(self.tr("Shop name"), self.store_name)
        shop_rows.addRow(self.tr("Currency"), self.currency)
        shop_rows.addRow(self.tr("Tax"), self.tax_mode)
        shop_rows.addRow(self.tr("Round cash to"), self.rounding)
        shop_rows.addRow(self.tr("Language"), self.locale_combo)  # and formats: money, dates
        manager = QGroupBox(self.tr("First manager"))
        manager_rows = fields.form(manager, spacing=10)
        self.manager_name = _field(self.tr("full name"), "managerNameEdit", max_length=100)
        self.pin = _field(self.tr("4 to 8 digits"), "managerPinEdit", secret=True, max_length=8)
        self.pin_again = _field(self.tr("same PIN"), "managerPinAgainEdit", secret=True,
                                max_length=8)  # fmt: skip
        manager_rows.addRow(self.tr("Name"), self.manager_name)
        manager_rows.addRow(self.tr("PIN"), self.pin)
        manager_rows.addRow(self.tr("PIN again"), self.pin_again)
        note = QLabel(self.tr("The manager signs in with this PIN."))
        note.setObjectName("firstRunNote")
        manager_rows.addRow(note)
        columns.addWidget(shop, 1)
        columns.addWidget(manager, 1)
        layout.addLayout(columns)
        self.setup_button = QPushButton(self.tr("Set up shop"))
        self.setup_button.setProperty("role", "primary")
        self.setup_button.setMinimumHeight(TOUCH_MIN + 12)
        layout.addWidget(self.setup_button)
        for edit in (self.store_name, self.manager_name, self.pin, self.pin_again):
            edit.returnPressed.connect(self.submit_standalone)
        rounding_edit = self.rounding.lineEdit()
        if rounding_edit is not None:
            rounding_edit.setMaxLength(20)
            rounding_edit.returnPressed.connect(self.submit_standalone)
        self.setup_button.clicked.connect(self.submit_standalone)
        return form

    # -- behaviour --------------------------------------------------------------------------

    def on_currency_changed(self, _index: int) -> None:
        code = str(self.currency.currentData() or "")
        if code:
            self.rounding.setEditText(format(cash_rounding_step(code), "f"))

    def choose(self, mode: str) -> None:
        hub = mode == HUB
        self.hub_choice.setChecked(hub)
        self.standalone_choice.setChecked(not hub)
        self.stack.setCurrentWidget(self.hub_form if hub else self.standalone_form)
        self.message.clear_message()
        (self.hub_url if hub else self.store_name).setFocus()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (
            self.hub_choice,
            self.standalone_choice,
            self.hub_form,
            self.standalone_form,
        ):
            widget.setEnabled(not busy)

    def submit_hub(self) -> None:
        if self.busy:
            return
        url, code = self.hub_url.text().strip(), self.hub_code.text().strip()
        if not url:
            self._refuse(self.tr("Type the hub address."), self.hub_url)
            return
        if not code:
            self._refuse(self.tr("Type the enrollment code."), self.hub_code)
            return
        write, config_dir, till_name = self._write, self._config_dir, self._till_name

        def work() -> object:
            return enroll(url, code, config_dir=config_dir, write_sessions=write,
                          till_name=till_name)  # fmt: skip

        self._start(work, (EnrollmentError,), HUB, self.tr("Connecting to the hub…"))

    def submit_standalone(self) -> None:
        if self.busy:
            return
        try:
            setup = validate_standalone(
                store_name=self.store_name.text(),
                currency=str(self.currency.currentData() or ""),
                tax_mode=str(self.tax_mode.currentData() or ""),
                cash_rounding_step=self.rounding.currentText(),
                manager_name=self.manager_name.text(),
                pin=self.pin.text(),
                pin_again=self.pin_again.text(),
                locale=str(self.locale_combo.currentData() or ""),
            )
        except StoreSetupError as exc:
            self._refuse(formatting.error_text(exc), None)
            return
        write, auth = self._write, self._auth

        def work() -> object:
            with write.begin() as session:
                return write_standalone_store(session, setup, auth)

        self._start(work, (StoreSetupError,), STANDALONE, self.tr("Setting up the shop…"))

    def _refuse(self, text: str, focus: QLineEdit | None) -> None:
        self.message.show_error(_sentence(text))
        if focus is not None:
            focus.setFocus()

    def _start(
        self,
        work: Callable[[], object],
        errors: tuple[type[Exception], ...],
        mode: str,
        progress: str,
    ) -> None:
        job = _Job(work, errors)
        job.setAutoDelete(False)  # kept in self._jobs until its answer arrived
        self._jobs.add(job)
        job.signals.succeeded.connect(lambda _result: self._finished(job, mode, None))
        job.signals.failed.connect(lambda text: self._finished(job, mode, text))
        self.set_busy(True)
        self.message.show_info(progress, timeout_ms=0)
        self._pool.start(job)

    def _finished(self, job: _Job, mode: str, error: str | None) -> None:
        self._jobs.discard(job)
        self.set_busy(False)
        if error is not None:
            prefix = self.tr("Could not connect: ") if mode == HUB else ""
            self.message.show_error(prefix + _sentence(error))
            if mode == STANDALONE:
                self.pin.clear()
                self.pin_again.clear()
            return
        self.message.show_info(self.tr("Done."))
        self.done.emit(mode)

    def wait_for_jobs(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


class FirstRunWindow(QWidget):
    """The shop (or hub) step, then — when given — the devices step."""

    closed = Signal()
    finished = Signal()  # every step done (devices saved or skipped)

    def __init__(self, page: FirstRunPage, devices: DevicesPage | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("OmniTill — set up this till"))
        self.page = page
        self.devices = devices
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(page)
        layout.addWidget(self.stack)
        page.done.connect(self.on_page_done)
        if devices is not None:
            self.stack.addWidget(devices)
            devices.done.connect(lambda _saved: self.finished.emit())

    def on_page_done(self, _mode: str) -> None:
        if self.devices is None:
            self.finished.emit()
            return
        self.stack.setCurrentWidget(self.devices)
        self.devices.host.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


def needs_first_run(write_sessions: sessionmaker[Session]) -> bool:
    with write_sessions() as session:
        return session.get(StoreProfile, 1) is None


def run_first_run(
    db_path: Path,
    config_dir: Path,
    *,
    size: tuple[int, int] = (1024, 768),
    devices_dir: Path | None = None,
) -> bool:
    """Show the first-run window if the till has no store profile; True when the till is set up
    (now or already), False when the window was closed without setting it up. The devices
    step writes ``devices.toml`` into ``devices_dir`` (default: the database's folder, where
    ``omnitill run`` reads it)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    engine = create_till_engine(db_path, writer=True)
    try:
        migrate.upgrade(engine)
        write = make_session_factory(engine)
        if not needs_first_run(write):
            return True
        page = FirstRunPage(write, config_dir)
        devices = DevicesPage(devices_dir if devices_dir is not None else db_path.parent)
        window = FirstRunWindow(page, devices)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        loop = QEventLoop()
        finished: list[bool] = []

        def on_window_finished() -> None:
            finished.append(True)
            loop.quit()

        window.finished.connect(on_window_finished)
        window.closed.connect(loop.quit)
        window.resize(*size)
        window.show()
        loop.exec()
        page.wait_for_jobs()
        devices.shutdown()
        window.hide()
        window.deleteLater()
        return bool(finished) or not needs_first_run(write)
    finally:
        engine.dispose()
