"""What the window remembers between runs (QSettings): the archive last open, recent archives,
the language, the editor's name, the last export's options, and the window's geometry,
splitters and panels."""

from __future__ import annotations

import json
from pathlib import Path

from viewer.gui.qt import QMainWindow, QSettings, QSplitter, QStandardPaths

MAX_RECENT = 8


def documents_folder() -> Path:
    """Where file dialogs start when there is no folder to remember: the user's documents
    (else their home), never the directory the program happened to be started in."""
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if str(documents) not in ("", ".") and documents.is_dir() else Path.home()


class Settings:
    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings()

    def last_archive(self) -> Path | None:
        value = self.store.value("archive/last")
        return Path(value) if value else None

    def recent_archives(self) -> list[Path]:
        value = self.store.value("archive/recent") or []
        return [Path(p) for p in ([value] if isinstance(value, str) else value)]

    def remember_archive(self, root: Path) -> None:
        """``root`` is open: it becomes the last archive and heads the recent ones."""
        recent = [str(root)] + [str(p) for p in self.recent_archives() if p != root]
        self.store.setValue("archive/last", str(root))
        self.store.setValue("archive/recent", recent[:MAX_RECENT])

    def language(self) -> str:
        """"zh_CN", "en", or "" to follow the system."""
        return self.store.value("ui/language") or ""

    def set_language(self, language: str) -> None:
        self.store.setValue("ui/language", language)

    def editor_name(self) -> str:
        """Who annotates: recorded with every note, highlight, tag and correction ("" until asked)."""
        return self.store.value("editor/name") or ""

    def set_editor_name(self, name: str) -> None:
        self.store.setValue("editor/name", name)

    def export_options(self) -> dict:
        """The last export's format, options and folder (see viewer.gui.export_dialog)."""
        try:
            return json.loads(self.store.value("export/options") or "{}")
        except ValueError:
            return {}

    def set_export_options(self, options: dict) -> None:
        self.store.setValue("export/options", json.dumps(options))  # JSON keeps the booleans booleans

    def import_options(self) -> dict:
        """The last import's newspaper, encoding and replace choice (see viewer.gui.import_options)."""
        try:
            return json.loads(self.store.value("import/options") or "{}")
        except ValueError:
            return {}

    def set_import_options(self, options: dict) -> None:
        self.store.setValue("import/options", json.dumps(options))

    def import_folder(self) -> Path:
        """Where the import dialogs start: the folder last imported from, else the documents."""
        value = self.store.value("import/folder")
        return Path(value) if value and Path(value).is_dir() else documents_folder()

    def set_import_folder(self, folder: Path) -> None:
        self.store.setValue("import/folder", str(folder))

    def save_window(self, window: QMainWindow, panels: dict[str, bool]) -> None:
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState())
        for splitter in window.findChildren(QSplitter):
            if splitter.objectName():
                self.store.setValue(f"window/splitter/{splitter.objectName()}", splitter.saveState())
        for name, visible in panels.items():
            self.store.setValue(f"window/panel/{name}", visible)

    def restore_window(self, window: QMainWindow) -> bool:
        """Restore geometry and splitters; False when there was nothing saved."""
        geometry = self.store.value("window/geometry")
        if geometry is None:
            return False
        window.restoreGeometry(geometry)
        state = self.store.value("window/state")
        if state is not None:
            window.restoreState(state)
        for splitter in window.findChildren(QSplitter):
            saved = self.store.value(f"window/splitter/{splitter.objectName()}")
            if splitter.objectName() and saved is not None:
                splitter.restoreState(saved)
        return True

    def panel_visible(self, name: str) -> bool:
        value = self.store.value(f"window/panel/{name}", True)
        return value not in (False, "false")
