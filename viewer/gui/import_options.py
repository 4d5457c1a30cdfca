"""The import dialog: what the files do not say themselves — the paper's name, a date and a
page number for pages that carry none, their text encoding — and whether pages already in the
archive are replaced. It only asks (the CLI's ``gazette import`` options, one for one, and, when a file's name and
its masthead name different dates, which of them is right);
:mod:`viewer.gui.import_flow` imports. The choices are remembered for the next import, except
the date and page, which belong to one batch.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from viewer.gui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from viewer.gui.settings import Settings
from viewer.ingest import DEFAULT_PUBLICATION, ReadOptions, date_and_page_from_name

# Encodings offered besides detection: what county papers' text files come in.
ENCODINGS = ("gb18030", "big5", "utf-8", "utf-16")


class ImportOptionsDialog(QDialog):
    def __init__(self, paths: list[Path], publications: list[str], settings: Settings,
                 parent: QWidget | None = None, *, needs: tuple[str, ...] = ()):
        """``needs``: what these files were refused for lacking (viewer.errors.IMPORT_NEEDS),
        ticked and asked for first."""
        super().__init__(parent)
        self.setObjectName("importOptions")
        self.setWindowTitle(self.tr("Import"))
        self.setMinimumWidth(520)
        self.settings = settings

        shown = ", ".join(path.name for path in paths[:3]) + (" …" if len(paths) > 3 else "")
        what = QLabel(self.tr("{count} file(s) or folder(s): {names}").format(count=len(paths), names=shown))
        what.setWordWrap(True)
        self.publication = QComboBox()
        self.publication.setObjectName("importPublication")
        self.publication.setEditable(True)
        self.publication.addItem(self.tr("As the pages say (masthead, METS)"), "")
        for name in publications:
            if name != DEFAULT_PUBLICATION:
                self.publication.addItem(name, name)
        self.publication.setToolTip(self.tr("The newspaper's name, for pages that do not print it. "
                                            "Type a new name or choose one already in the archive."))
        self.date_given = QCheckBox(self.tr("Date for pages that carry none:"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("importDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        # Which date is right when the file's name and its masthead disagree: the masthead's
        # (unticked), or the one given here (ticked).
        self.date_wins = QCheckBox(self.tr("Use this date even where the masthead says another"))
        self.date_wins.setObjectName("importDateWins")
        self.which_date = QLabel()  # asked on a retry of files whose name and masthead disagree
        self.which_date.setWordWrap(True)
        self.which_date.hide()
        self.page_given = QCheckBox(self.tr("Page number for pages that carry none:"))
        self.page = QSpinBox()
        self.page.setObjectName("importPage")
        self.page.setRange(1, 999)
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("Detect"), "")
        for name in ENCODINGS:
            self.encoding.addItem(name.upper(), name)
        self.replace = QCheckBox(self.tr("Replace pages already in the archive (annotations stay)"))
        self.replace.setObjectName("importReplace")

        form = QFormLayout()
        form.addRow(what)
        form.addRow(self.tr("Newspaper:"), self.publication)
        form.addRow(self.date_given, self.date)
        form.addRow("", self.date_wins)
        form.addRow(self.which_date)
        form.addRow(self.page_given, self.page)
        form.addRow(self.tr("Text encoding:"), self.encoding)
        form.addRow("", self.replace)
        hint = QLabel(self.tr("Scans and ALTO pages carry no date or page of their own unless their "
                              "file names do (e.g. 2025-04-03_08.jpg)."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

        self.date_given.toggled.connect(self.date.setEnabled)
        self.date_given.toggled.connect(self.date_wins.setEnabled)
        self.page_given.toggled.connect(self.page.setEnabled)
        self._restore()
        self._ask_for(needs, paths)

    def options(self) -> ReadOptions:
        """What the dialog says, as ``gazette import`` takes it."""
        typed = self.publication.currentText().strip()
        chosen = self.publication.currentData() if typed == self.publication.itemText(
            self.publication.currentIndex()) else typed
        date = self.date.date()
        return ReadOptions(
            publication=chosen or DEFAULT_PUBLICATION,
            encoding=self.encoding.currentData() or None,
            date=dt.date(date.year(), date.month(), date.day()) if self.date_given.isChecked() else None,
            page=self.page.value() if self.page_given.isChecked() else None,
            date_wins=self.date_given.isChecked() and self.date_wins.isChecked())

    def replacing(self) -> bool:
        return self.replace.isChecked()

    def accept(self) -> None:
        options = self.options()
        self.settings.set_import_options({"publication": options.publication if options.publication
                                          != DEFAULT_PUBLICATION else "", "encoding": options.encoding or "",
                                          "replace": self.replacing()})
        super().accept()

    def _ask_for(self, needs: tuple[str, ...], paths: list[Path] = ()) -> None:
        self.date_given.setChecked(self.date_given.isChecked() or "date" in needs)
        named = next((d for d, _ in map(date_and_page_from_name, paths) if d is not None), None)
        if "date" in needs and named is not None:  # refused, maybe, for a masthead saying another day
            self.date.setDate(QDate(named.year, named.month, named.day))
            self.which_date.setText(self.tr(
                "The file name says {date}. If the masthead says another date, which is right? Tick “Use this "
                "date even where the masthead says another” for the date above; leave it unticked for the "
                "masthead's.").format(date=named.isoformat()))
            self.which_date.show()
        self.page_given.setChecked(self.page_given.isChecked() or "page" in needs)
        if "replace" in needs:
            self.replace.setChecked(True)
        if "publication" in needs and not self.publication.currentData():
            self.publication.setEditText("")
            self.publication.lineEdit().setPlaceholderText(self.tr("The newspaper's name"))
        first = {"publication": self.publication, "date": self.date, "page": self.page, "replace": self.replace}
        for need in needs:
            first[need].setFocus()
            break

    def _restore(self) -> None:
        last = self.settings.import_options()
        publication = last.get("publication") or ""
        if publication:
            at = self.publication.findData(publication)
            if at < 0:
                self.publication.addItem(publication, publication)
                at = self.publication.count() - 1
            self.publication.setCurrentIndex(at)
        self.encoding.setCurrentIndex(max(0, self.encoding.findData(last.get("encoding") or "")))
        self.replace.setChecked(bool(last.get("replace")))
        self.date.setEnabled(False)
        self.date_wins.setEnabled(False)
        self.page.setEnabled(False)
