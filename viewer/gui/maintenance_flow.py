"""File → Check Archive…, Back Up Archive…, Restore from Backup…: :mod:`viewer.maintenance`
from the window.

Check and back up run on the reader thread (a backup with SQLite's online backup API reads a
consistent copy while the writer goes on importing); restore puts the backup into a new folder
the user names and opens it, so the archive in use is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from viewer.gui import errors
from viewer.gui.qt import QFileDialog, QMainWindow, QMessageBox, QObject
from viewer.gui.settings import documents_folder
from viewer.gui.tasks import Task, TaskRunner
from viewer.maintenance import CheckReport, backup, check, restore


class MaintenanceFlow(QObject):
    def __init__(self, window: QMainWindow, runner: TaskRunner, open_archive: Callable[[Path], None]):
        super().__init__(window)
        self.window, self.runner, self.open_archive = window, runner, open_archive
        self.task: Task | None = None

    def check(self) -> None:
        self._run(self.runner.read(lambda work: check(work.archive), "check"), self._show_check)

    def _show_check(self, report: CheckReport) -> None:
        if report.sound:
            text = self.tr("The archive is sound: the database, every picture and the search index check out.")
        else:
            text = self.tr("The check found {count} problem(s):").format(count=len(report.problems))
        box = QMessageBox(QMessageBox.Icon.Information if report.sound else QMessageBox.Icon.Warning,
                          self.tr("Check Archive"), text, parent=self.window)
        details = report.problems + [self.tr("note: ") + note for note in report.notes]
        if details:
            box.setDetailedText("\n".join(details))
        box.exec()

    def back_up(self) -> None:
        folder, _ = QFileDialog.getSaveFileName(self.window, self.tr("Back up the archive: name a new folder"),
                                                str(documents_folder()))
        if folder:
            self._run(self.runner.read(lambda work: backup(work.archive, folder, work.progress), "backup"),
                      lambda written: QMessageBox.information(self.window, self.tr("Back Up Archive"),
                                                              self.tr("Backed up to {folder}.").format(folder=written)))

    def restore(self) -> None:
        source = QFileDialog.getExistingDirectory(self.window, self.tr("Restore: choose the backup folder"),
                                                  str(documents_folder()))
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(self.window, self.tr("Restore: name a new folder for the archive"),
                                                str(Path(source).parent))
        if target:
            self._run(self.runner.read(lambda work: restore(source, target), "restore"),
                      lambda _: self.open_archive(Path(target)))

    def _run(self, task: Task, on_finished: Callable) -> None:
        self.task = task
        task.finished.connect(on_finished)
        task.failed.connect(lambda error: errors.report(self.window, error))
