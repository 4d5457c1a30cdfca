"""The import report: what was imported, skipped and failed, each with its reason; files
refused for want of a date, a page, a name or replace can be imported again with them.

The chosen file's whole reason and warnings are shown under the list (the first failure is
chosen at once), not only in a tooltip of a column too narrow for them."""

from __future__ import annotations

from html import escape
from pathlib import Path

from viewer.errors import IMPORT_NEEDS
from viewer.gui import style
from viewer.gui.qt import (
    QBrush,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from viewer.model import ImportReport


class ImportReportDialog(QDialog):
    retry_wanted = Signal(list, tuple)  # the refused files (Paths) and what they need, in IMPORT_NEEDS order

    def __init__(self, report: ImportReport, parent: QWidget | None = None, *, note: str = ""):
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("Import report"))
        self.resize(820, 420)
        summary = self.tr("{imported} imported, {skipped} skipped, {failed} failed").format(
            imported=len(report.imported), skipped=len(report.skipped), failed=len(report.failed))
        self.summary = QLabel(f"{note}\n{summary}" if note else summary)

        self.outcomes = QTreeWidget()
        self.outcomes.setHeaderLabels([self.tr("Result"), self.tr("File"), self.tr("Details")])
        self.outcomes.setRootIsDecorated(any(o.warnings for o in report.outcomes))
        words = {"imported": self.tr("imported"), "skipped": self.tr("skipped"), "failed": self.tr("failed")}
        for outcome in report.outcomes:
            item = QTreeWidgetItem([words.get(outcome.status, outcome.status), outcome.path, outcome.message])
            item.setToolTip(2, outcome.message)
            if outcome.status == "failed":
                item.setForeground(0, QBrush(style.WARNING_COLOR))
            for warning in outcome.warnings:
                QTreeWidgetItem(item, [self.tr("warning"), "", warning]).setToolTip(2, warning)
            self.outcomes.addTopLevelItem(item)
        self.outcomes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.outcomes.setColumnWidth(1, 320)
        self.details = QTextBrowser()
        self.details.setObjectName("importDetails")
        self.details.setMaximumHeight(120)
        self._outcomes = list(report.outcomes)
        self.outcomes.currentItemChanged.connect(lambda item, _: self._show_details(item))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.retry_button: QPushButton | None = None
        refused = [o for o in report.failed if o.needs]
        if refused:
            needs = tuple(need for need in IMPORT_NEEDS if any(need in o.needs for o in refused))
            self.retry_button = buttons.addButton(self.tr("Import the refused files again…"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
            self.retry_button.setToolTip(self.tr("Opens the import dialog to give what they lack"))
            self.retry_button.clicked.connect(lambda: self._retry([Path(o.path) for o in refused], needs))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.outcomes, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        first = next((n for n, o in enumerate(report.outcomes) if o.status == "failed"), 0)
        if report.outcomes:
            self.outcomes.setCurrentItem(self.outcomes.topLevelItem(first))

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        """The chosen file (or the file of a chosen warning): what became of it and why."""
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None:
            self.details.clear()
            return
        outcome = self._outcomes[self.outcomes.indexOfTopLevelItem(item)]
        lines = [f"<b>{escape(item.text(0))}</b>: {escape(outcome.path)}"]
        if outcome.message:
            lines.append(escape(outcome.message))
        lines += [escape(self.tr("warning: {text}").format(text=w)) for w in outcome.warnings]
        self.details.setHtml("<br/>".join(lines))

    def _retry(self, paths: list[Path], needs: tuple[str, ...]) -> None:
        self.accept()
        self.retry_wanted.emit(paths, needs)
