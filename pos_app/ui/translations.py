"""The till's language: which locale the screens speak, and the Qt translators that speak it.

The screens' texts go through ``tr()`` (pos_app/ui); pyside6-lupdate extracts them into
``resources/translations/omnitill_<lang>.ts`` and pyside6-lrelease compiles those into the
``.qm`` files loaded here (``python3 dev.py setup`` and ``installer/build.py`` run it; the
``.qm`` are build output, not committed). The locale is the store's, not the computer's: a
till in a Paris shop speaks French whatever its Windows was installed in (docs/architecture.md
§15).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
SHIPPED = ("fr", "de")  # languages with a complete omnitill_<lang>.ts (tests/gui/test_translations)
LOCALE_ENV = "OMNITILL_LOCALE"
_TRANSLATOR_NAME = "omnitillTranslator"  # objectName of the translators installed here


def ui_locale(store_locale: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The locale the screens speak, e.g. "fr_FR": the store's (the till context's ``locale``),
    else ``OMNITILL_LOCALE`` (a till with no store yet: the first-run screens), else the
    computer's."""
    if store_locale and store_locale.strip():
        return store_locale.strip()
    chosen = (os.environ if env is None else env).get(LOCALE_ENV, "").strip()
    return chosen or QLocale.system().name()


def install_translator(
    app: QCoreApplication, locale: str, folder: Path = TRANSLATIONS
) -> QTranslator | None:
    """Speak ``locale`` from now on: replaces the translators installed by an earlier call, and
    loads Qt's own (the standard buttons) too. None when OmniTill has no such language: the
    screens stay in English (the source language). Widgets built before the call keep their
    texts, so call it before building them. Asked again for the language already spoken (the
    sign-in window installed it, build_till asks with the store's), it changes nothing."""
    key = f"{locale}|{folder}"
    for current in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        if current.property("omnitillKey") == key:
            return current
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        # deleteLater waits for the event loop: until then findChildren still sees it, and the
        # look-up above would take a removed translator as the language being spoken.
        old.setObjectName("")
        old.setProperty("omnitillKey", None)
        old.deleteLater()
    qlocale = QLocale(locale.replace("-", "_"))
    qt_own = QTranslator(app)
    qt_own.setObjectName(_TRANSLATOR_NAME)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(qlocale, "qtbase", "_", qt_folder):
        app.installTranslator(qt_own)
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    if translator.load(qlocale, "omnitill", "_", str(folder)):
        translator.setProperty("omnitillKey", key)
        app.installTranslator(translator)
        log.info("screens in %s (%s)", qlocale.name(), translator.filePath())
        return translator
    if qlocale.language() not in (QLocale.Language.English, QLocale.Language.C):
        lang = qlocale.name().split("_")[0]
        built = "" if lang not in SHIPPED else " (run `python3 dev.py setup` to compile it)"
        log.warning("no translation for %s in %s%s: screens in English", locale, folder, built)
    return None


def pyside_tool(name: str) -> str:
    """pyside6-lrelease / pyside6-lupdate: the one next to this Python (the venv's), else on
    PATH."""
    here = Path(sys.executable).parent / (name + (".exe" if os.name == "nt" else ""))
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def ui_sources() -> list[Path]:
    """The files whose tr() texts are translated: every module of pos_app/ui."""
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


def update_sources(ts_files: list[Path]) -> None:
    """Run pyside6-lupdate over pos_app/ui into ``ts_files``: new texts are added unfinished,
    gone ones dropped. No source locations: line numbers would make every edit of a screen
    touch the .ts files (and their merges); the context and the text identify a message."""
    subprocess.run(
        [pyside_tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
         *map(str, ui_sources()), "-ts", *map(str, ts_files)],
        check=True,
        capture_output=True,
    )  # fmt: skip


def compile_translations(folder: Path = TRANSLATIONS, out: Path | None = None) -> list[Path]:
    """Compile every ``omnitill_*.ts`` in ``folder`` into a ``.qm`` (in ``out``, default the
    same folder), unless already newer; returns the ``.qm`` paths. Raises CalledProcessError
    when lrelease fails."""
    target = out or folder
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted(folder.glob("omnitill_*.ts")):
        qm = target / ts.with_suffix(".qm").name
        made.append(qm)
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue  # up to date: every `dev.py` command runs this
        # Written aside then renamed: a till (or a test run) starting meanwhile reads a whole file.
        partial = qm.with_name(f"{qm.name}.{os.getpid()}.part")
        subprocess.run(
            [pyside_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(partial)],
            check=True,
            capture_output=True,
        )
        os.replace(partial, qm)
    return made


def unfinished(ts: Path) -> list[str]:
    """Each message of ``ts`` still to translate (after an update), as "Context: source"."""
    import xml.etree.ElementTree as ET  # only this command reads .ts files

    todo = []
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 (our own .ts files)
        for message in context.iter("message"):
            element = message.find("translation")
            if element is None or element.get("type") == "unfinished":
                todo.append(f"{context.findtext('name')}: {message.findtext('source')!r}")
    return todo


if __name__ == "__main__":
    # python -m pos_app.ui.translations          compile (what dev.py and installer/build.py run)
    # python -m pos_app.ui.translations update   the .ts files from the sources, then lists
    #                                            what is left to translate (pyside6-linguist)
    if sys.argv[1:] == ["update"]:
        update_sources([TRANSLATIONS / f"omnitill_{lang}.ts" for lang in SHIPPED])
        for lang in SHIPPED:
            todo = unfinished(TRANSLATIONS / f"omnitill_{lang}.ts")
            print(f"omnitill_{lang}.ts: {len(todo)} to translate", *todo, sep="\n  ")
    else:
        for path in compile_translations():
            print(f"compiled {path}")
