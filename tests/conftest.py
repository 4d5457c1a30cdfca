"""Shared fixtures. Real inputs live in tests/data (copied verbatim from the project's shared
data; tests/data/SOURCES.md says where each comes from)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed" / "jiaocheng-2025-04-03-p8.txt"
ENCODINGS = DATA / "encodings"
NEGATIVE = DATA / "negative"


@pytest.fixture
def archive(tmp_path):
    from viewer.archive import Archive

    with Archive(tmp_path / "archive") as archive:
        yield archive


@pytest.fixture
def settings(tmp_path):
    """The window's settings in an INI file of the test's own, never the user's."""
    from viewer.gui.qt import QSettings
    from viewer.gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path, settings):
    """The window, in English, on a new empty archive (GUI test modules may define their own)."""
    from viewer.gui import i18n
    from viewer.gui.main_window import MainWindow

    i18n.install("en")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def no_modal_dialog_left_open(request, monkeypatch):
    """In GUI tests a message box must never wait for a click that will not come: one that
    opens is recorded and closed at once, and an unexpected error box fails the test (instead
    of hanging it). Tests that expect a box patch QMessageBox themselves."""
    if not request.module.__name__.startswith("test_gui"):
        yield
        return
    from viewer.gui.qt import QMessageBox

    opened = []

    def record(box):
        opened.append((box.icon(), box.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    yield
    errors = [text for icon, text in opened if icon == QMessageBox.Icon.Critical]
    assert not errors, f"an error box opened: {errors}"
