"""The editor's name, recorded with every annotation: asked once, at the first annotation,
then kept in the settings (Annotate → Your Name… changes it)."""

from __future__ import annotations

from viewer.gui.qt import QInputDialog, QLineEdit, QMessageBox, QObject, QWidget
from viewer.gui.settings import Settings


class EditorName(QObject):
    def __init__(self, settings: Settings, window: QWidget):
        super().__init__(window)
        self.settings = settings
        self.window = window

    def get(self) -> str | None:
        """The name, asking for it the first time; None if the editor would not give one."""
        return self.settings.editor_name() or self.ask()

    def ask(self) -> str | None:
        name, ok = QInputDialog.getText(
            self.window, self.tr("Your name"),
            self.tr("Notes, highlights, tags and corrections record who made them.\nYour name:"),
            QLineEdit.EchoMode.Normal, self.settings.editor_name())
        name = name.strip()
        if not ok:
            return None
        if not name:
            QMessageBox.information(self.window, self.tr("Your name"), self.tr(
                "Nothing was recorded: every note, highlight, tag and correction is recorded with the name "
                "of who made it, and no name was given."))
            return None
        self.settings.set_editor_name(name)
        return name
