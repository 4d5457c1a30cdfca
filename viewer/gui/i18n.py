"""The interface language: Chinese (zh_CN) on a Chinese system, English otherwise, or what the
user chose in View → Language.

Strings are English in the code and go through Qt's translation system: the sources are
``resources/i18n/gazette_zh_CN.ts`` (and ``gazette_en.ts``, English plural forms only), edited
with Qt Linguist; ``make translations`` refreshes them from the code (pyside6-lupdate) and
compiles the ``.qm`` files the app loads (pyside6-lrelease)."""

from __future__ import annotations

from viewer.gui.qt import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from viewer.resources import data_path

I18N_DIR = data_path("resources", "i18n")
LANGUAGES = {"zh_CN": "中文", "en": "English"}  # each shown in its own language

_current = "en"
_installed: list[QTranslator] = []


def system_language() -> str:
    """Chinese first: English only where the system asks for another language (a bare "C"
    locale, as on a fresh server or container, asks for none)."""
    unspoken = (QLocale.Language.Chinese, QLocale.Language.C, QLocale.Language.AnyLanguage)
    return "zh_CN" if QLocale.system().language() in unspoken else "en"


def current_language() -> str:
    return _current


def ui_locale() -> QLocale:
    """The locale dates and month names are shown in: the interface language's."""
    if _current == "zh_CN":
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def first_day_of_week() -> Qt.DayOfWeek:
    """Weeks start on Monday in every calendar of the window, as Chinese calendars print them
    (Qt's Chinese locale would start them on Sunday, its American English one too)."""
    return Qt.DayOfWeek.Monday


def install(language: str) -> None:
    """Switch the interface to ``language`` ("zh_CN" or "en"); widgets get a LanguageChange."""
    global _current
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = language if language in LANGUAGES else "en"
    files = [(f"gazette_{_current}", str(I18N_DIR))]  # English needs one too, for its plural forms
    if _current != "en":  # Qt's own words (Yes, Cancel …) in its dialogs
        files.append((f"qtbase_{_current}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, folder in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
