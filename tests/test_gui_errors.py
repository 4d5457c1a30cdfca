"""Errors reach the user: a readable message for the user's errors, the traceback (and the
log) for bugs, whether they happen in a slot or in a worker."""

from __future__ import annotations

import logging
import sys

import pytest

from viewer.errors import InputError
from viewer.gui import errors, i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QInputMethodEvent, QMessageBox, QSettings
from viewer.gui.settings import Settings
from viewer.services.searching import Searching


@pytest.fixture
def shown(monkeypatch):
    """What would have been shown in message boxes."""
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: seen.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(("bug", box.text(), box.detailedText())))
    return seen


def test_a_user_error_shows_its_message(qapp, shown):
    errors.report(None, InputError("page.txt: not a page (binary data)"))
    assert shown == [("warning", "page.txt: not a page (binary data)")]


def test_a_bug_shows_its_traceback(qapp, shown):
    try:
        {}["missing"]
    except KeyError as error:
        errors.report(None, error)
    [(kind, text, details)] = shown
    assert kind == "bug" and "missing" in text and "Traceback" in details and "KeyError" in details


def test_the_excepthook_logs_and_shows(qapp, shown, caplog, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    errors.install_excepthook()
    try:
        raise ZeroDivisionError("in a slot")
    except ZeroDivisionError:
        with caplog.at_level(logging.ERROR):
            sys.excepthook(*sys.exc_info())
    assert "unexpected error" in caplog.text and "ZeroDivisionError" in caplog.text
    assert shown[0][0] == "bug" and "in a slot" in shown[0][1]


def test_a_bug_in_a_worker_reaches_the_user(qtbot, tmp_path, shown, monkeypatch):
    i18n.install("en")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)

    def broken_search(self, query, **options):
        raise RuntimeError("the index fell over")

    monkeypatch.setattr(Searching, "search", broken_search)
    event = QInputMethodEvent("", [])
    event.setCommitString("交城")
    window.search_field.event(event)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    [(kind, text, details)] = shown
    assert kind == "bug" and "the index fell over" in text and "broken_search" in details
