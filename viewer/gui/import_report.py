"""The import report: what was imported, skipped and failed, each with its reason; files
refused for want of a date, a page, a name or replace can be imported again with them."""

from __future__ import annotations

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
        layout.addWidget(self.outcomes)
        layout.addWidget(buttons)

    def _retry(self, paths: list[Path], needs: tuple[str, ...]) -> None:
        self.accept()
        self.retry_wanted.emit(paths, needs)
