"""What the window tests share: the window opened as a user sees it, and text typed as a
Chinese input method types it (qtbot.keyClicks cannot send characters that are not on the
keyboard)."""

from __future__ import annotations

from pathlib import Path

from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QApplication, QInputMethodEvent


def open_window(qtbot, archive: Path, settings) -> MainWindow:
    """The window in English on ``archive``, shown, with the article it opens at first."""
    i18n.install("en")
    window = MainWindow(archive, settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    return window


def type_text(widget, text: str) -> None:
    """What an input method does: commit the composed text in one event."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(window, qtbot, text: str):
    """``text`` typed over the search field's, and the search's answer once it is shown."""
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        window.search_field.setFocus()
        window.search_field.selectAll()
        type_text(window.search_field, text)
    return answered.args[0]
