"""Undo and redo for the annotation actions: a QUndoStack whose commands hand their edits
(:mod:`viewer.services.edits`) to the writer thread.

``push`` applies the edit at once (QUndoStack calls ``redo``), undo reverts it; each is one
write task, and the writer thread runs them in the order they were asked for. When a write
fails the undo history is cleared: what it would undo may no longer be what the archive holds.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.gui import errors
from viewer.gui.qt import QAction, QKeySequence, QObject, QUndoCommand, QUndoStack, QWidget, Signal
from viewer.gui.tasks import TaskRunner
from viewer.services.edits import Edit


class ArchiveCommand(QUndoCommand):
    def __init__(self, history: UndoHistory, edit: Edit, describe: Callable[[], str]):
        super().__init__(describe())
        self.history, self.edit, self.describe = history, edit, describe
        self.pushed = False  # QUndoStack.push calls redo: the first one is the edit itself

    def redo(self) -> None:
        self.history.write(self.edit, self.edit.apply, self.text(), again=self.pushed)
        self.pushed = True

    def undo(self) -> None:
        self.history.write(self.edit, self.edit.revert, self.text(), again=True)


class UndoHistory(QObject):
    # Once an edit's apply or revert is in the archive: the Change it made, and the article an
    # undo or redo changed (None for the edit as first made).
    written = Signal(object, object)
    idle = Signal()  # every write asked for has ended

    def __init__(self, runner: TaskRunner, window: QWidget):
        super().__init__(window)
        self.runner = runner
        self.window = window
        self.stack = QUndoStack(self)
        self.pending = 0  # writes asked for and not yet ended

        self.undo_action = QAction(window)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(self.stack.undo)
        self.redo_action = QAction(window)
        self.redo_action.setShortcuts(_with(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
                                            QKeySequence("Ctrl+Shift+Z")))
        self.redo_action.triggered.connect(self.stack.redo)
        self.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.stack.undoTextChanged.connect(self._show_undo_text)
        self.stack.redoTextChanged.connect(self._show_redo_text)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.retranslate()

    def push(self, edit: Edit, describe: Callable[[], str]) -> None:
        """Apply ``edit`` and keep it for undo; ``describe()`` says what it did in the
        interface's language (as in "Undo {text}"), asked again when the language changes."""
        self.stack.push(ArchiveCommand(self, edit, describe))

    def write(self, edit: Edit, step, name: str, *, again: bool) -> None:
        self.pending += 1
        task = self.runner.write(lambda work: step(work.archive), name)
        task.finished.connect(lambda change: self.written.emit(change, edit.article_id if again else None))
        task.failed.connect(self._failed)
        task.ended.connect(self._ended)

    def _failed(self, error: BaseException) -> None:
        self.stack.clear()
        errors.report(self.window, error)

    def _ended(self) -> None:
        self.pending -= 1
        if not self.pending:
            self.idle.emit()

    def retranslate(self) -> None:
        for n in range(self.stack.count()):
            command = self.stack.command(n)
            command.setText(command.describe())
        self._show_undo_text(self.stack.undoText())
        self._show_redo_text(self.stack.redoText())

    # (given the text: the stack may be on its way out when it says it has none left)
    def _show_undo_text(self, text: str) -> None:
        self.undo_action.setText(self.tr("&Undo {action}").format(action=text) if text else self.tr("&Undo"))

    def _show_redo_text(self, text: str) -> None:
        self.redo_action.setText(self.tr("&Redo {action}").format(action=text) if text else self.tr("&Redo"))


def _with(keys: list[QKeySequence], extra: QKeySequence) -> list[QKeySequence]:
    return keys if extra in keys else [*keys, extra]
