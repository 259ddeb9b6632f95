"""The till speaks French and German (issue 22 point 3).

The shipped .ts files are complete and up to date with the sources (run pyside6-lupdate again
and compare), every translation keeps the placeholders and shortcut keys of its source, the
compiled .qm load for the store's locale, and a real till rung through sale, payment, returns,
click & collect and shifts in French and in German shows those languages with no button's
words cut at 1024×768.
"""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

from pos_app.services.staff.auth import AuthService
from pos_app.ui.boot import load_theme
from pos_app.ui.setup.devices_step import DevicesPage
from pos_app.ui.setup.first_run import STANDALONE, FirstRunPage
from pos_app.ui.translations import (
    LOCALE_ENV,
    SHIPPED,
    TRANSLATIONS,
    compile_translations,
    install_translator,
    ui_locale,
    ui_sources,
    update_sources,
)
from tests.gui.test_layout_fits import show
from tests.helpers.catalog import COFFEE
from tests.helpers.gui import FAST_HASHER, HUMAN_GAP_MS, Driver
from tests.helpers.layout import layout_problems
from tests.helpers.stock import stock_setup
from tests.helpers.till_db import set_store_locale

PLACEHOLDER = re.compile(r"%(?:\d|s|n)")
# Keys named in a text ("(F2)", "Esc", "Ctrl+O hides"): the buttons show them untranslated.
SHORTCUT = re.compile(r"\b(?:F\d{1,2}|Esc|Ctrl\+\S)")
TSHIRT = "4006381333931"


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    translation: str | None  # None: unfinished or empty
    forms: tuple[str, ...]  # numerus forms


def read_ts(path: Path) -> list[Message]:
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            assert element is not None, f"{path.name}: {message.findtext('source')!r}"
            done = element.get("type") is None  # unfinished, obsolete, vanished
            forms = tuple(form.text or "" for form in element.iter("numerusform"))
            found.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    numerus=message.get("numerus") == "yes",
                    translation=(element.text or None) if done else None,
                    forms=forms if done else (),
                )
            )
    return found


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_of_a_shipped_language_is_translated(lang: str) -> None:
    messages = read_ts(TRANSLATIONS / f"omnitill_{lang}.ts")
    assert len(messages) > 500  # the whole of pos_app/ui, not a scaffold
    unfinished = [
        f"{m.context}: {m.source!r}"
        for m in messages
        if (m.numerus and (len(m.forms) != 2 or not all(f.strip() for f in m.forms)))
        or (not m.numerus and not (m.translation or "").strip())
    ]
    assert unfinished == []


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_the_placeholders_and_the_shortcut_keys(lang: str) -> None:
    wrong = []
    for m in read_ts(TRANSLATIONS / f"omnitill_{lang}.ts"):
        texts = m.forms if m.numerus else (m.translation or "",)
        want = Counter(PLACEHOLDER.findall(m.source))
        keys = Counter(SHORTCUT.findall(m.source))
        for text in texts:
            have = Counter(PLACEHOLDER.findall(text))
            if m.numerus:  # a singular may say "une ligne" without the number
                have["%n"] = want["%n"] = 0
            if have != want or Counter(SHORTCUT.findall(text)) & keys != keys:
                wrong.append(f"{m.context}: {m.source!r} -> {text!r}")
        if m.numerus and "%n" not in m.forms[-1]:
            wrong.append(f"{m.context}: {m.source!r}: the plural form has no %n")
    assert wrong == []


def test_the_ts_files_are_up_to_date_with_the_sources(tmp_path: Path) -> None:
    """lupdate over pos_app/ui now finds exactly the messages the .ts files hold (a text added
    or changed in a screen without `python -m pos_app.ui.translations update` fails here)."""
    fresh = tmp_path / "omnitill_xx.ts"
    update_sources([fresh])
    extracted = {(m.context, m.source, m.numerus) for m in read_ts(fresh)}
    assert len(extracted) > 500
    for lang in SHIPPED:
        ts = TRANSLATIONS / f"omnitill_{lang}.ts"
        shipped = {(m.context, m.source, m.numerus) for m in read_ts(ts)}
        assert sorted(extracted - shipped) == [], f"not in omnitill_{lang}.ts: run the update"
        assert sorted(shipped - extracted) == [], f"gone from the sources: {lang}"


def tr_calls(path: Path) -> list[tuple[int, str, str, bool]]:
    """(line, context, text, plural) of each tr() / translate() / QT_TRANSLATE_NOOP with a
    literal text in a module: the context is the enclosing class for tr(), the first argument
    otherwise."""
    found: list[tuple[int, str, str, bool]] = []

    def visit(node: ast.AST, cls: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                f = child.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                args = child.args
                if name == "tr" and args:
                    ctx, text, rest = cls, args[0], args[1:]
                elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                    first = args[0]
                    ctx = first.value if isinstance(first, ast.Constant) else "?"
                    text, rest = args[1], args[2:]
                else:
                    text = None
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    found.append((child.lineno, str(ctx), text.value, len(rest) >= 2))
            visit(child, cls)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def test_every_text_marked_in_the_sources_is_in_the_ts_under_its_class() -> None:
    """What lupdate cannot see is never translated: a tr() inside an f-string with quotes, a
    call among translate()'s arguments, a def nested in an if in a class (the class is lost),
    translate() with a count (filed as no plural) all fail here."""
    ts = read_ts(TRANSLATIONS / f"omnitill_{SHIPPED[0]}.ts")
    known = {(m.context, m.source): m.numerus for m in ts}
    lost = []
    for path in ui_sources():
        for line, ctx, text, plural in tr_calls(path):
            where = f"{path.name}:{line} {ctx}: {text!r}"
            if (ctx, text) not in known:
                lost.append(where)
            elif plural and not known[(ctx, text)]:
                lost.append(where + " is not filed as a plural")
    assert lost == []


@pytest.mark.parametrize(
    ("locale", "pay", "lines"),
    [("fr_FR", "ENCAISSER", "3 lignes"), ("de_DE", "BEZAHLEN", "3 Zeilen")],
)
def test_the_compiled_language_loads_with_its_plurals(
    qapp: QApplication, tmp_path: Path, locale: str, pay: str, lines: str
) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    for ts in TRANSLATIONS.glob("omnitill_*.ts"):
        shutil.copy(ts, folder / ts.name)
    made = compile_translations(folder)
    assert sorted(p.name for p in made) == sorted(f"omnitill_{lang}.qm" for lang in SHIPPED)
    try:
        first = install_translator(qapp, locale, folder)
        assert first is not None
        # Asked again for the language it speaks (the sign-in window, then build_till): kept.
        assert install_translator(qapp, locale, folder) is first
        assert QCoreApplication.translate("SaleView", "PAY") == pay
        assert QCoreApplication.translate("TotalsPanel", "%n line(s)", "", 3) == lines
        # A text of a mixin is found through the class it is mixed into (PySide6 walks the MRO).
        assert QCoreApplication.translate("BasketEditsMixin", "Manager PIN") != "Manager PIN"
        # A second call replaces the first: English (the sources) has no file and is no error.
        assert install_translator(qapp, "en_US", folder) is None
        assert QCoreApplication.translate("SaleView", "PAY") == "PAY"
        # And back, before the event loop has deleted the removed translator (one test's
        # teardown, the next test's till): the language is spoken again, not taken as spoken.
        assert install_translator(qapp, locale, folder) is not None
        assert QCoreApplication.translate("SaleView", "PAY") == pay
    finally:
        install_translator(qapp, "en_US", folder)


def test_the_store_locale_wins_then_the_environment_then_the_computer() -> None:
    assert ui_locale("de_DE", {LOCALE_ENV: "fr_FR"}) == "de_DE"
    assert ui_locale(None, {LOCALE_ENV: "fr_FR"}) == "fr_FR"  # no store yet: the first run
    assert ui_locale("", {LOCALE_ENV: " fr_FR "}) == "fr_FR"
    assert ui_locale(" de_CH ", {}) == "de_CH"
    assert ui_locale(None, {}) != ""  # the computer's, whatever it is


# What each screen must say, per language: a few texts a cashier reads first.
SAYS: dict[str, dict[str, str]] = {
    "fr_FR": {
        "signin": "Se connecter", "pay": "ENCAISSER", "item": "Article", "total": "TOTAL",
        "due": "Total à payer", "complete": "Valider la vente", "next": "Client suivant",
        "returns": "Retours : scannez le ticket", "collect": "Remettre",
        "shift": "Ouvrir session", "park": "En attente", "space": "Espace",
        "history": "Historique des ventes", "reprint": "Réimprimer (copie)",
    },
    "de_DE": {
        "signin": "Anmelden", "pay": "BEZAHLEN", "item": "Artikel", "total": "SUMME",
        "due": "Zu zahlen", "complete": "Verkauf abschließen", "next": "Nächster Kunde",
        "returns": "Rückgabe: Bon scannen", "collect": "Übergeben",
        "shift": "Schicht öffnen", "park": "Parken", "space": "Leertaste",
        "history": "Verkaufsverlauf", "reprint": "Nachdruck (Kopie)",
    },
}  # fmt: skip


def texts(page: QWidget) -> set[str]:
    """Every label and button text on a page, the shortcut line of a button left off."""
    found = {label.text().replace("\u00a0", " ") for label in page.findChildren(QLabel)}
    for button in page.findChildren(QPushButton):
        found.add(button.text().split("\n")[0].replace("\u00a0", " "))
    return found


def english_left(page: QWidget, locale: str) -> list[str]:
    """Texts shown in English although the .ts translates them: a tr() whose context is not
    the one lupdate filed it under (the translator then finds nothing) shows up here."""
    lang = locale.split("_")[0]
    translated = {
        m.source
        for m in read_ts(TRANSLATIONS / f"omnitill_{lang}.ts")
        if not m.numerus and m.translation not in (None, m.source) and len(m.source) > 2
    }
    shown = {w.text() for w in page.findChildren(QLabel) if w.isVisible()}
    shown |= {w.text().split("\n")[0] for w in page.findChildren(QPushButton) if w.isVisible()}
    shown |= {w.placeholderText() for w in page.findChildren(QLineEdit) if w.isVisible()}
    return sorted(shown & translated)


@pytest.mark.parametrize("till_language", ["fr_FR", "de_DE"], indirect=True)
def test_a_sale_paid_and_the_other_screens_in_the_store_language_fit_1024x768(
    till_language: str, make_till: Any, staffed_db: Path
) -> None:
    says = SAYS[till_language]
    set_store_locale(staffed_db, till_language)  # the store's language, as the hub sets it
    d: Driver = make_till(staffed_db)
    w = d.window
    d.window.resize(1024, 768)
    show(d, w.signin)
    assert says["signin"] in texts(w.signin)
    problems = {"sign-in": layout_problems(w.signin)}

    d.sign_in("1111")
    d.scan_and_wait(TSHIRT)
    assert {says["pay"], says["park"]} <= texts(w.sale)
    model = d.controller.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == says["item"]
    problems["sale"] = layout_problems(w.sale) + english_left(w.sale, till_language)
    # The panels beside the basket: the quantity prompt (F3), the deals (Ctrl+O) and the
    # customer (Ctrl+U), each closed again.
    d.press(w.sale.search.edit, Qt.Key.Key_F3)
    d.qtbot.waitUntil(lambda: w.sale.prompt.isVisible())
    problems["prompt"] = layout_problems(w.sale) + english_left(w.sale, till_language)
    d.press(w.sale.prompt, Qt.Key.Key_Escape)
    d.qtbot.waitUntil(lambda: not w.sale.prompt.isVisible())
    # The reason codes (F9 voids the basket: a reason only) and "Other" with the keyboard.
    d.press(w.sale.search.edit, Qt.Key.Key_F9)
    d.qtbot.waitUntil(lambda: w.sale.prompt.isVisible())
    d.qtbot.wait(1)
    problems["reasons"] = layout_problems(w.sale) + english_left(w.sale, till_language)
    other = w.sale.prompt.preset_button("OTHER")
    assert other is not None
    other.click()
    d.qtbot.waitUntil(w.sale.prompt.keyboard.isVisible)
    d.qtbot.wait(1)
    assert says["space"] in texts(w.sale.prompt.keyboard)
    problems["keyboard"] = layout_problems(w.sale) + english_left(w.sale, till_language)
    d.press(w.sale.prompt.reason_edit, Qt.Key.Key_Escape)
    d.qtbot.waitUntil(lambda: not w.sale.prompt.isVisible())
    assert d.till.promotions is not None
    deals = d.till.promotions.deals.panel
    ctrl = Qt.KeyboardModifier.ControlModifier
    d.qtbot.keyClick(w.sale.search.edit, Qt.Key.Key_O, ctrl)
    d.qtbot.waitUntil(deals.isVisible)
    problems["deals"] = english_left(deals, till_language)
    d.qtbot.keyClick(w.sale.search.edit, Qt.Key.Key_O, ctrl)
    d.qtbot.waitUntil(lambda: not deals.isVisible())
    assert d.till.customers is not None
    customer = d.till.customers.panel
    d.qtbot.keyClick(w.sale.search.edit, Qt.Key.Key_U, ctrl)
    d.qtbot.waitUntil(customer.isVisible)
    problems["customer"] = layout_problems(customer) + english_left(customer, till_language)
    d.press(customer, Qt.Key.Key_Escape)
    d.qtbot.waitUntil(lambda: not customer.isVisible())

    d.press(w.sale.search.edit, Qt.Key.Key_F12)
    d.qtbot.waitUntil(lambda: w.tender.isVisible())
    d.qtbot.wait(1)  # layouts settle
    assert {says["due"], says["complete"]} <= texts(w.tender)
    problems["tender"] = layout_problems(w.tender) + english_left(w.tender, till_language)
    d.press(w.tender.cash_edit, Qt.Key.Key_Return)  # Enter = the exact amount
    with d.qtbot.waitSignal(d.controller.sale_completed, timeout=5000):
        d.press(w.tender.cash_edit, Qt.Key.Key_F12)
    d.qtbot.waitUntil(lambda: w.receipt.isVisible())
    assert says["next"] in texts(w.receipt)
    problems["receipt"] = layout_problems(w.receipt) + english_left(w.receipt, till_language)
    # The sale history (Ctrl+H) with the sale just made.
    d.press(d.focus(), Qt.Key.Key_F12)  # next customer
    d.qtbot.waitUntil(lambda: w.current_page is w.sale)
    history = d.till.history
    assert history is not None
    with d.qtbot.waitSignal(history.detail_shown, timeout=5000):
        d.qtbot.keyClick(w.sale.search.edit, Qt.Key.Key_H, ctrl)
    d.qtbot.wait(1)
    assert {says["history"], says["reprint"]} <= texts(history.page), sorted(texts(history.page))
    problems["history"] = layout_problems(history.page) + english_left(history.page, till_language)

    for name, page in (("returns", w.returns), ("collect", w.collections)):
        show(d, page)
        assert says[name] in texts(page), sorted(texts(page))
        problems[name] = layout_problems(page) + english_left(page, till_language)
    shifts = d.till.shifts
    assert shifts is not None
    with d.qtbot.waitSignal(shifts.shift_changed, timeout=5000):
        d.qtbot.keyClick(w.current_page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.waitUntil(lambda: shifts.page.isVisible())
    d.qtbot.wait(1)
    assert says["shift"] in texts(shifts.page)
    problems["shifts"] = layout_problems(shifts.page) + english_left(shifts.page, till_language)
    problems["status bar"] = english_left(w.status, till_language)
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("till_language", ["fr_FR", "de_DE"], indirect=True)
def test_the_first_run_screens_speak_the_language_and_fit_1024x768(
    till_language: str, qtbot: Any, session_factory: Any, tmp_path: Path
) -> None:
    """Set up before any store exists: the language comes from OMNITILL_LOCALE (or the
    computer), both steps in it, nothing cut on a 1024x768 screen."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_theme(app)
    auth = AuthService(till_id="t", hasher=FAST_HASHER)
    first = FirstRunPage(session_factory, tmp_path / "cfg", auth=auth, till_name="t")
    devices = DevicesPage(tmp_path / "data", list_ports=list)
    problems = {}
    for name, page in (("first run", first), ("devices", devices)):
        qtbot.addWidget(page)
        page.resize(1024, 768)
        page.show()
        qtbot.waitExposed(page)
        if page is first:
            first.choose(STANDALONE)
        qtbot.wait(1)
        problems[name] = layout_problems(page) + english_left(page, till_language)
        page.grab().save(str(tmp_path / f"{name}-{till_language}.png"))
    want = {"fr_FR": ("Configurer le magasin", "Enregistrer"),
            "de_DE": ("Laden einrichten", "Geräte speichern")}[till_language]  # fmt: skip
    assert want[0] in texts(first)
    assert want[1] in texts(devices)
    devices.shutdown()
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("till_language", ["fr_FR", "de_DE"], indirect=True)
def test_the_stock_panel_speaks_the_language_and_fits_1024x768(
    till_language: str, make_till: Any, staffed_db: Path, enrolled_till: Any
) -> None:
    """The endless aisle's Stock panel (Ctrl+I on a line), asked of a real hub over HTTP."""
    from pos_app.ui.stock.controller import StockController

    stock_setup(enrolled_till.hub)
    set_store_locale(staffed_db, till_language)
    d: Driver = make_till(staffed_db, hub=enrolled_till.config, sync_options={"feed_wait": 0.5})
    d.window.resize(1024, 768)
    d.sign_in("1111")
    stock = d.window.findChild(StockController)
    assert stock is not None
    d.scan_and_wait(COFFEE)
    with d.qtbot.waitSignal(stock.view_shown, timeout=8000):
        d.clock.advance(HUMAN_GAP_MS)
        d.qtbot.keyClick(d.focus(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.wait(1)  # layouts settle
    panel = stock.panel
    says = {"fr_FR": "Stock de", "de_DE": "Bestand von"}[till_language]
    assert panel.title.text().startswith(says), panel.title.text()
    header = panel.table.horizontalHeaderItem(1)
    assert header is not None
    assert header.text() in {"En stock", "Vorrätig"}
    problems = layout_problems(panel) + english_left(panel, till_language)
    assert problems == []
