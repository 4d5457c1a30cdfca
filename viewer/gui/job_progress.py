"""The progress dialog of a long job (import, export, OCR): one look and one behaviour for all."""

from __future__ import annotations

from collections.abc import Callable

from viewer.gui.qt import QObject, QProgressDialog, Qt, QWidget
from viewer.gui.tasks import Task


def job_progress_dialog(parent: QWidget, *, title: str, label: str, cancel: str, name: str,
                        shown_after_ms: int = 0) -> QProgressDialog:
    """A non-modal dialog (reading goes on meanwhile) that stays until the job ends: the job
    closes it, so it neither closes nor resets itself at its maximum."""
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(shown_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(480)
    return dialog


class JobProgress(QObject):
    """A task tied to its progress dialog: the bar follows the task and ``describe(done, total,
    message)`` labels it (None: the label stays), Cancel cancels the task and says ``cancelling``,
    and the dialog closes when the task ends (or sooner, with :meth:`close`)."""

    def __init__(self, task: Task, dialog: QProgressDialog, *, cancelling: str,
                 describe: Callable[[int, int, str], str | None]):
        super().__init__(dialog.parent())
        self.task, self.dialog, self.cancelling, self.describe = task, dialog, cancelling, describe
        dialog.canceled.connect(self.cancel)
        task.progressed.connect(self._progressed)
        task.ended.connect(self.close)

    def cancel(self) -> None:
        if not self.task.done:
            self.task.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(self.cancelling)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)  # closing a progress dialog signals cancel
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _progressed(self, done: int, total: int, message: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        label = None if self.task.cancel_event.is_set() else self.describe(done, total, message)
        if label:
            self.dialog.setLabelText(label)
