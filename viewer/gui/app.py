"""Starting the desktop app: the QApplication, its font and language, error reporting, and
the window on the archive (``GAZETTE_ARCHIVE``, else the one open last, else the default)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from viewer.archive import default_archive_path
from viewer.errors import GazetteError
from viewer.gui import errors, i18n, style
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QApplication
from viewer.gui.settings import Settings


class Gazette:
    """The application: one window at a time, on one archive; opening another archive
    replaces the window (so nothing of the old archive lingers in any panel)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.window: MainWindow | None = None

    def open(self, root: Path) -> MainWindow | None:
        """Open ``root`` in a new window; on an error the old window (if any) stays."""
        old = self.window
        try:
            window = MainWindow(root, self.settings, self.open)
        except GazetteError as error:
            errors.report(old, error)
            return None
        self.window = window
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return window


def starting_archive(settings: Settings) -> Path:
    if os.environ.get("GAZETTE_ARCHIVE"):
        return default_archive_path()
    last = settings.last_archive()
    return last if last is not None and last.is_dir() else default_archive_path()


def main(argv: list[str] | None = None, archive: Path | None = None) -> int:
    """The app on ``archive`` (default: see :func:`starting_archive`)."""
    errors.setup_logging()
    app = QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("Gazette")
    app.setApplicationName("Gazette")
    app.setApplicationDisplayName("Gazette 县报档案")
    errors.install_excepthook()
    style.apply_cjk_font(app)
    settings = Settings()
    i18n.install(settings.language() or i18n.system_language())
    gazette = Gazette(settings)
    if gazette.open(archive or starting_archive(settings)) is None:
        return 1
    return app.exec()
