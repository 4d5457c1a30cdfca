"""File → Read Pictures by OCR…: the pages that are pictures only, or the page shown, read by
OCR (:func:`viewer.reread.ocr_pages`) on the writer thread, with a progress dialog per page
whose Cancel stops after the page being read, and a report of what changed."""

from __future__ import annotations

from collections.abc import Callable

from viewer.change import Change
from viewer.errors import Cancelled
from viewer.gui import errors
from viewer.gui.job_progress import JobProgress, job_progress_dialog
from viewer.gui.qt import QMainWindow, QMessageBox, QObject, QProgressDialog, Signal
from viewer.gui.tasks import Task, TaskRunner
from viewer.ingest.ocr import OcrOptions
from viewer.reread import RereadOutcome, change_of, ocr_pages


class OcrFlow(QObject):
    changed = Signal(object)  # the Change OCR made, however it ended
    report_shown = Signal(object)  # the QMessageBox of the report (for tests)

    def __init__(self, window: QMainWindow, runner: TaskRunner, pages_without_text: Callable[[], list[int]],
                 page_shown: Callable[[], int | None]):
        super().__init__(window)
        self.window, self.runner = window, runner
        self.pages_without_text, self.page_shown = pages_without_text, page_shown
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.job: JobProgress | None = None

    def choose(self) -> None:
        """Offer the pages that are pictures only, and the page shown."""
        waiting = self.pages_without_text()
        shown = self.page_shown()
        if not waiting and shown is None:
            QMessageBox.information(self.window, self.tr("Read Pictures by OCR"),
                                    self.tr("No page is a picture without text, and no page is shown."))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Read Pictures by OCR"),
                          self.tr("{count} page(s) of this archive are pictures without text.").format(
                              count=len(waiting)), parent=self.window)
        every = box.addButton(self.tr("Read those {count} page(s)").format(count=len(waiting)),
                              QMessageBox.ButtonRole.AcceptRole) if waiting else None
        this = box.addButton(self.tr("Read the page shown again"), QMessageBox.ButtonRole.AcceptRole) \
            if shown is not None else None
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if every is not None and box.clickedButton() is every:
            self.start(waiting)
        elif this is not None and box.clickedButton() is this:
            self.start([shown])

    def start(self, page_ids: list[int], options: OcrOptions = OcrOptions(mode="always")) -> Task | None:
        if self.task is not None:
            QMessageBox.information(self.window, self.tr("Read Pictures by OCR"),
                                    self.tr("OCR is already running; wait for it to finish."))
            return None
        self.progress = job_progress_dialog(self.window, title=self.tr("Reading pictures by OCR"),
                                            label=self.tr("Starting OCR…"), cancel=self.tr("Cancel"),
                                            name="ocrProgress")
        self.task = self.runner.write(lambda work: ocr_pages(work.archive, page_ids, options,
                                                             on_progress=work.progress, cancel=work.cancel), "ocr")
        self.job = JobProgress(self.task, self.progress, cancelling=self.tr("Cancelling after the page being read…"),
                               describe=lambda done, total, _: self.tr("Reading page {done} of {total} by OCR…").format(
                                   done=done + 1, total=total) if done < total else None)
        self.task.finished.connect(self._report)
        self.task.cancelled.connect(self._cancelled)
        self.task.failed.connect(self._failed)
        self.task.ended.connect(self._ended)
        self.progress.show()
        return self.task

    def _cancelled(self, error: Cancelled) -> None:
        done = error.partial if isinstance(error.partial, list) else []
        self._report(done, note=self.tr("OCR cancelled: the pages read before it stopped are kept."))

    def _report(self, outcomes: list[RereadOutcome], note: str = "") -> None:
        self._close_progress()
        failed = [o for o in outcomes if o.error]
        articles = sum(len(o.article_ids) for o in outcomes if not o.error)
        text = self.tr("{pages} page(s) read: {articles} article(s).").format(
            pages=len(outcomes) - len(failed), articles=articles)
        if failed:
            text += " " + self.tr("{count} page(s) could not be read.").format(count=len(failed))
        box = QMessageBox(QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information,
                          self.tr("Read Pictures by OCR"), "\n".join(x for x in (note, text) if x), parent=self.window)
        details = [f"{o.where}: {o.error}" for o in failed] + [f"{o.where}: {change}" for o in outcomes for change in o.changes]
        if details:
            box.setDetailedText("\n".join(details))
        box.open()
        self.report_shown.emit(box)
        self.changed.emit(change_of(outcomes))

    def _failed(self, error: BaseException) -> None:
        errors.report(self.window, error)
        self.changed.emit(Change(unknown=True))  # pages before the failure may be read

    def _ended(self) -> None:
        self._close_progress()
        self.task = None

    def _close_progress(self) -> None:
        if self.job is not None:
            self.job.close()
        self.progress = None
