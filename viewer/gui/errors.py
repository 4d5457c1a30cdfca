"""Errors reach the user: a readable message for a :class:`GazetteError`, the traceback for a
bug (also written to the log). Nothing is dropped silently."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import platformdirs

from viewer.errors import GazetteError
from viewer.gui.qt import QApplication, QMessageBox, QWidget, translate

log = logging.getLogger("gazette")


def log_file() -> Path:
    return Path(platformdirs.user_log_dir("gazette", appauthor=False)) / "gazette.log"


def setup_logging() -> None:
    """Warnings and errors to stderr and to the log file (kept when the window is gone)."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        log_file().parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file(), encoding="utf-8"))
    except OSError as error:
        print(f"gazette: cannot write the log file {log_file()}: {error}", file=sys.stderr)
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def report(parent: QWidget | None, error: BaseException) -> None:
    """Show ``error``: its message when it is meant for the user, else the traceback."""
    if isinstance(error, GazetteError):
        # (not the app's name: the system adds it to every title)
        QMessageBox.warning(parent, translate("errors", "Could not be done"), str(error))
        return
    show_bug(parent, type(error), error, error.__traceback__)


def show_bug(parent: QWidget | None, kind, error, tb) -> None:
    details = "".join(traceback.format_exception(kind, error, tb))
    box = QMessageBox(QMessageBox.Icon.Critical, translate("errors", "Unexpected error"),
                      translate("errors", "Something went wrong: {error}\n\nThe details are in the log: {log}")
                      .format(error=error or kind.__name__, log=log_file()), parent=parent)
    box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    """Exceptions escaping a slot or event handler: log them and show them, never lose them."""
    def hook(kind, error, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if issubclass(kind, GazetteError):  # e.g. an article gone since the list was read
            log.warning("%s", error)
        else:
            log.error("unexpected error", exc_info=(kind, error, tb))
        if QApplication.instance() is not None:
            report(QApplication.activeWindow(), error)

    sys.excepthook = hook

