"""File ▸ Open Archive… and File ▸ New Archive…: Open only opens an archive (a folder of page
files is offered for import instead; any other folder is left as it is), New creates one after
asking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from viewer.folder_kinds import first_page_file, is_archive, is_empty
from viewer.gui.qt import QFileDialog, QMessageBox, QObject, QWidget


class ArchiveChoice(QObject):
    def __init__(self, window: QWidget, current: Path, switch_to: Callable[[Path], None],
                 import_paths: Callable[[list[Path]], object]):
        super().__init__()  # not owned by the window: one per menu choice, gone after it
        self.window = window
        self.current = current
        self.switch_to = switch_to
        self.import_paths = import_paths

    def choose_to_open(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Open an archive folder"), str(self.current))
        if folder:
            self.open(Path(folder))

    def open(self, folder: Path) -> None:
        if is_archive(folder):
            self.switch_to(folder)
            return
        example = first_page_file(folder)
        if example is None:
            QMessageBox.information(
                self.window, self.tr("Not an archive"),
                self.tr("{folder} is not a Gazette archive (it has no archive.sqlite), so it was not opened.\n"
                        "To start an archive there, use File ▸ New Archive….").format(folder=folder))
            return
        answer = QMessageBox.question(
            self.window, self.tr("Import these pages?"),
            self.tr("{folder} is not a Gazette archive, but it holds page files (such as {example}).\n"
                    "Import them into the archive that is open ({archive})?").format(
                folder=folder, example=example.relative_to(folder), archive=self.current))
        if answer == QMessageBox.StandardButton.Yes:
            self.import_paths([folder])

    def choose_new(self) -> None:
        folder, _ = QFileDialog.getSaveFileName(self.window, self.tr("New archive: choose a name for its folder"),
                                                str(self.current.parent))
        if folder:
            self.create(Path(folder))

    def create(self, folder: Path) -> None:
        if is_archive(folder):
            self.switch_to(folder)
            return
        if not is_empty(folder):
            QMessageBox.information(
                self.window, self.tr("Folder in use"),
                self.tr("{folder} already holds other files. Choose a new or empty folder for the archive.").format(
                    folder=folder))
            return
        answer = QMessageBox.question(self.window, self.tr("New archive"),
                                      self.tr("Create a new archive in {folder}?").format(folder=folder))
        if answer == QMessageBox.StandardButton.Yes:
            self.switch_to(folder)
