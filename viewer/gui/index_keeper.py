"""Keeps the search index in step: when articles committed to SQLite are still waiting for
the index (an import cut short, one by another process, a catch-up too long for opening the
archive), catch up on the writer thread, with its progress in the status bar, and search
again when it is done."""

from __future__ import annotations

from viewer.archive import Archive
from viewer.gui import errors
from viewer.gui.qt import QObject, QProgressBar, QStatusBar, Signal
from viewer.gui.tasks import Task, TaskRunner


class IndexKeeper(QObject):
    rebuilt = Signal()  # the index caught up: what was pending is searchable

    def __init__(self, archive: Archive, runner: TaskRunner, status_bar: QStatusBar):
        super().__init__(status_bar)
        self.archive = archive
        self.runner = runner
        self.status_bar = status_bar
        self.task: Task | None = None
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        status_bar.addPermanentWidget(self.progress)

    def ensure_fresh(self) -> None:
        """Catch the index up if articles are pending (once; a catch-up running is enough)."""
        if self.task is not None or self.archive.indexing.pending() == 0:
            return
        self.task = self.runner.write(
            lambda work: work.archive.indexing.catch_up(on_progress=work.progress, cancel=work.cancel),
            "bring the search index up to date")
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Rebuilding the search index… %p%"))  # wording kept: it is translated
        self.progress.show()
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(lambda error: errors.report(self.status_bar.window(), error))
        self.task.ended.connect(self._ended)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, count: int) -> None:
        self.status_bar.showMessage(self.tr("Search index rebuilt: %n article(s)", "", count), 5000)
        self.rebuilt.emit()

    def _ended(self) -> None:
        self.task = None
        self.progress.hide()
