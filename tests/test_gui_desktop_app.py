"""The window as a desktop app: quitting from the keyboard, opening versus creating an archive."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from viewer.archive import Archive
from viewer.gui import i18n
from viewer.gui.app import Gazette
from viewer.gui.qt import QAction, QFileDialog, QKeySequence, QMessageBox, Qt

TESTS = Path(__file__).resolve().parent


def bound_twice(window) -> list[str]:
    """Keys bound more than once among the window's actions (Qt then runs none of them:
    "Ambiguous shortcut overload")."""
    seen: dict[str, str] = {}
    twice = []
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            key = shortcut.toString(QKeySequence.SequenceFormat.PortableText)
            if key in seen:
                twice.append(f"{key}: {seen[key]!r} and {action.text()!r}")
            seen[key] = action.text()
    return twice


def test_every_shortcut_is_bound_once(window):
    assert bound_twice(window) == []


XCB_PROBE = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
sys.path.insert(0, sys.argv[2])
from test_gui_desktop_app import bound_twice
from viewer.gui.main_window import MainWindow
from viewer.gui.settings import Settings
app = QApplication([])
window = MainWindow(sys.argv[1] + "/archive", Settings(QSettings(sys.argv[1] + "/s.ini", QSettings.Format.IniFormat)),
                    lambda root: None)
print(app.platformName(), bound_twice(window))
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian: xvfb)")
def test_no_shortcut_is_bound_twice_on_an_x11_desktop(tmp_path):
    """The offscreen platform has no standard Quit key; X11 has Ctrl+Q, which Quit also names
    for Windows (where the standard has none)."""
    done = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", XCB_PROBE, str(tmp_path), str(TESTS)],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
    assert done.stdout.strip() == "xcb []", done.stdout + done.stderr


def test_ctrl_q_quits(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


@pytest.fixture
def app_window(qtbot, tmp_path, settings):
    """The app (not one window alone), so switching archives is real."""
    i18n.install("en")
    gazette = Gazette(settings)
    window = gazette.open(tmp_path / "archive")
    qtbot.addWidget(window)
    return gazette


def choose(monkeypatch, dialog: str, folder: Path, answer=None) -> list[str]:
    """The file dialog returns ``folder``; a question is answered ``answer``; returns the texts shown."""
    shown: list[str] = []
    picked = str(folder) if dialog == "getExistingDirectory" else (str(folder), "")
    monkeypatch.setattr(QFileDialog, dialog, lambda *args, **kwargs: picked)

    def question(parent, title, text, *rest):
        shown.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *rest: shown.append(text))
    return shown


def test_open_archive_on_a_plain_folder_leaves_it_as_it_is(app_window, monkeypatch, tmp_path, settings):
    plain = tmp_path / "letters"
    plain.mkdir()
    (plain / "notes.doc").write_bytes(b"not a page")
    window = app_window.window
    shown = choose(monkeypatch, "getExistingDirectory", plain)
    window.actions.open_archive.trigger()
    assert sorted(p.name for p in plain.iterdir()) == ["notes.doc"]
    assert app_window.window is window
    assert plain not in settings.recent_archives()
    assert "is not a Gazette archive" in shown[0] and "New Archive" in shown[0]


def test_open_archive_on_a_folder_of_pages_offers_to_import_them(app_window, monkeypatch, tmp_path, qtbot):
    pages = tmp_path / "县报 2025"
    pages.mkdir()
    shutil.copy(SEED, pages / SEED.name)
    window = app_window.window
    shown = choose(monkeypatch, "getExistingDirectory", pages, answer=QMessageBox.StandardButton.No)
    window.actions.open_archive.trigger()
    assert sorted(p.name for p in pages.iterdir()) == [SEED.name]
    assert app_window.window is window and SEED.name in shown[0]

    choose(monkeypatch, "getExistingDirectory", pages, answer=QMessageBox.StandardButton.Yes)
    window.actions.open_archive.trigger()
    qtbot.waitUntil(lambda: window.archive.browsing.stats()["articles"] == 1, timeout=10_000)
    assert sorted(p.name for p in pages.iterdir()) == [SEED.name]


def test_open_archive_opens_an_archive(app_window, monkeypatch, tmp_path):
    other = tmp_path / "other"
    with Archive(other):
        pass
    choose(monkeypatch, "getExistingDirectory", other)
    app_window.window.actions.open_archive.trigger()
    assert app_window.window.archive.root == other


def test_new_archive_asks_first_and_refuses_a_folder_in_use(app_window, monkeypatch, tmp_path):
    window = app_window.window
    new = tmp_path / "新档案"
    shown = choose(monkeypatch, "getSaveFileName", new, answer=QMessageBox.StandardButton.No)
    window.actions.new_archive.trigger()
    assert not new.exists() and app_window.window is window and str(new) in shown[0]

    used = tmp_path / "letters"
    used.mkdir()
    (used / "notes.doc").write_bytes(b"")
    shown = choose(monkeypatch, "getSaveFileName", used, answer=QMessageBox.StandardButton.Yes)
    window.actions.new_archive.trigger()
    assert sorted(p.name for p in used.iterdir()) == ["notes.doc"] and "already holds other files" in shown[0]

    choose(monkeypatch, "getSaveFileName", new, answer=QMessageBox.StandardButton.Yes)
    window.actions.new_archive.trigger()
    assert app_window.window.archive.root == new and (new / "archive.sqlite").is_file()
