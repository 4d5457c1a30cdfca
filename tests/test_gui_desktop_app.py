"""The window as a desktop app: quitting from the keyboard, opening versus creating an archive."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QAction, QKeySequence, QSettings, Qt
from viewer.gui.settings import Settings

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path, settings):
    i18n.install("en")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


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
