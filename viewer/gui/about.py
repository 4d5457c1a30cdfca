"""Help → About: what this is, and the versions a bug report needs."""

from __future__ import annotations

import platform
import sqlite3

import PIL
import whoosh

from viewer import __version__
from viewer.gui.errors import log_file
from viewer.gui.qt import PYSIDE_VERSION, QMessageBox, QWidget, qVersion, translate


def versions() -> dict[str, str]:
    return {"Gazette": __version__, "Python": platform.python_version(), "Qt": qVersion(),
            "PySide6": PYSIDE_VERSION, "SQLite": sqlite3.sqlite_version, "Whoosh": whoosh.versionstring(),
            "Pillow": PIL.__version__}


def show_about(parent: QWidget, archive_root: str) -> None:
    rows = "".join(f"<tr><td>{name}</td><td>&nbsp;{version}</td></tr>" for name, version in versions().items())
    text = translate("About", "<h3>Gazette 县报档案</h3><p>An offline archive of county newspaper pages.</p>")
    details = translate("About", "<p>Archive: {archive}<br/>Log: {log}</p>").format(
        archive=archive_root, log=log_file())
    # Titled "About" alone: the system adds the app's name after every title.
    QMessageBox.about(parent, translate("About", "About"), f"{text}<table>{rows}</table>{details}")
