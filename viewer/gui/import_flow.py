"""Importing from the window: choose files or a folder (or drop them), say what they do not
say themselves (:mod:`viewer.gui.import_options`), import them on the writer thread with a
progress dialog whose Cancel works, then show the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from viewer.change import Change
from viewer.errors import Cancelled
from viewer.gui import errors
from viewer.gui.import_options import ImportOptionsDialog
from viewer.gui.import_report import ImportReportDialog
from viewer.gui.job_progress import JobProgress, job_progress_dialog
from viewer.gui.qt import QFileDialog, QMessageBox, QMimeData, QObject, QProgressDialog, QWidget, Signal
from viewer.gui.settings import Settings
from viewer.gui.tasks import Task, TaskRunner
from viewer.ingest import PAGE_SUFFIXES, ReadOptions
from viewer.model import ImportReport


def dropped_files(data: QMimeData) -> list[Path]:
    """The local files and folders a drag carries; none when it carries anything else (text,
    a web address), which is not for importing."""
    urls = data.urls() if data.hasUrls() else []
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


class ImportFlow(QObject):
    changed = Signal(object)  # the Change an import made, however it ended
    report_shown = Signal(object)  # the ImportReportDialog

    def __init__(self, window: QWidget, runner: TaskRunner, settings: Settings,
                 publications: Callable[[], list[str]]):
        """``publications()``: the names of the papers in the archive, for the dialog to offer."""
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.settings = settings
        self.publications = publications
        self.options_dialog: ImportOptionsDialog | None = None
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.job: JobProgress | None = None
        self.report_dialog: ImportReportDialog | None = None

    def choose_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(PAGE_SUFFIXES))
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import page files"), str(self.settings.import_folder()),
            self.tr("Page files ({patterns});;All files (*)").format(patterns=patterns))
        if paths:
            self.settings.set_import_folder(Path(paths[0]).parent)  # the next files are likely beside them
            self.ask([Path(p) for p in paths])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Import a folder of pages"),
                                                  str(self.settings.import_folder()))
        if folder:
            self.settings.set_import_folder(Path(folder).parent)  # the next folder is likely beside it
            self.ask([Path(folder)])

    def ask(self, paths: list[Path], needs: tuple[str, ...] = ()) -> ImportOptionsDialog:
        """Ask what the files do not say (window-modal), then import them if the user agrees;
        ``needs``: what an earlier import of them lacked (viewer.errors.IMPORT_NEEDS)."""
        self.options_dialog = ImportOptionsDialog(paths, self.publications(), self.settings, self.window,
                                                  needs=needs)
        dialog = self.options_dialog
        dialog.accepted.connect(lambda: self.start(paths, dialog.options(), replace=dialog.replacing()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def start(self, paths: list[str | Path], options: ReadOptions = ReadOptions(), *,
              replace: bool = False) -> Task | None:
        if self.task is not None:
            QMessageBox.information(self.window, self.tr("Importing"),
                                    self.tr("An import is already running; wait for it to finish."))
            return None
        paths = [Path(p) for p in paths]
        self.progress = job_progress_dialog(self.window, title=self.tr("Importing"),
                                            label=self.tr("Preparing the import…"), cancel=self.tr("Cancel"),
                                            name="importProgress")
        self.task = self.runner.write(lambda work: work.archive.importing.import_paths(
            paths, options, replace=replace, on_progress=work.progress, cancel=work.cancel), "import")
        self.job = JobProgress(self.task, self.progress,
                               cancelling=self.tr("Cancelling after the file being imported…"),
                               describe=lambda done, total, path: self.tr("Importing {name} ({done} of {total})").format(
                                   name=Path(path).name, done=done + 1, total=total) if path else None)
        self.task.finished.connect(self._finished)
        self.task.cancelled.connect(self._cancelled)
        self.task.failed.connect(self._failed)
        self.task.ended.connect(self._ended)
        self.progress.show()
        return self.task

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _finished(self, report: ImportReport) -> None:
        self._show_report(report)
        self.changed.emit(report.change)

    def _cancelled(self, error: Cancelled) -> None:
        report = error.partial if isinstance(error.partial, ImportReport) else ImportReport()
        self._show_report(report, note=self.tr("Import cancelled: the files imported before it stopped are kept."))
        self.changed.emit(report.change)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        errors.report(self.window, error)
        self.changed.emit(Change(unknown=True))  # files before the failure may be in

    def _ended(self) -> None:
        self._close_progress()
        self.task = None

    def _show_report(self, report: ImportReport, note: str = "") -> None:
        self._close_progress()
        self.report_dialog = ImportReportDialog(report, self.window, note=note)
        self.report_dialog.retry_wanted.connect(self.ask)
        self.report_dialog.open()
        self.report_shown.emit(self.report_dialog)

    def _close_progress(self) -> None:
        if self.job is not None:
            self.job.close()
            self.progress = None
