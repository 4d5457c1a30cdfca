"""The editor's name, recorded with every annotation: asked once, at the first annotation,
then kept in the settings (Annotate → Your Name… changes it)."""

from __future__ import annotations

from viewer.gui.qt import QDialog, QDialogButtonBox, QLabel, QLineEdit, QObject, QVBoxLayout, QWidget
from viewer.gui.settings import Settings


class NameDialog(QDialog):
    """Asks for the name; OK cannot be pressed while it is blank, since nothing can be
    recorded without one (an empty answer would otherwise drop the annotation unexplained)."""

    def __init__(self, parent: QWidget, name: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your name"))
        self.field = QLineEdit(name)
        self.field.setPlaceholderText(self.tr("Required"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Notes, highlights, tags and corrections record who made them.\nYour name:")))
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(self._allow_ok)
        self._allow_ok()

    def name(self) -> str:
        return self.field.text().strip()

    def _allow_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name()))


class EditorName(QObject):
    def __init__(self, settings: Settings, window: QWidget):
        super().__init__(window)
        self.settings = settings
        self.window = window

    def get(self) -> str | None:
        """The name, asking for it the first time; None if the editor would not give one."""
        return self.settings.editor_name() or self.ask()

    def ask(self) -> str | None:
        dialog = NameDialog(self.window, self.settings.editor_name())
        try:
            if not dialog.exec():
                return None
            name = dialog.name()
        finally:
            dialog.deleteLater()
        self.settings.set_editor_name(name)
        return name
