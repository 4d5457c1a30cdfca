"""The progress dialog of a long job (import, export): one look for both."""

from __future__ import annotations

from viewer.gui.qt import QProgressDialog, Qt, QWidget


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
