"""The export dialog: what to export (chosen from what the window offers), the format and its
options, and where to write it. It only asks; :mod:`viewer.gui.export_flow` exports.

Options that a format does not take are disabled rather than hidden (GB18030 for txt, md and
csv; CRLF for txt and md), as :func:`viewer.export.check_options` has it. The choices are
remembered for the next export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from viewer.export import WRITERS
from viewer.gui import i18n
from viewer.gui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from viewer.gui.settings import Settings, documents_folder

ENCODING_FORMATS = ("txt", "md", "csv")  # the formats that may be written in GB18030
CRLF_FORMATS = ("txt", "md")


@dataclass(frozen=True)
class ExportChoice:
    """Something the window offers to export."""

    kind: str  # "results", "article", "page", "issue" or "collection"
    label: str  # as the dialog lists it
    article_ids: tuple[int, ...]
    stem: str  # the file (or folder) name to suggest, without suffix, safe on every system
    search: object | None = None  # all of a search's results (export_flow.SearchSpec): found on export


@dataclass(frozen=True)
class ExportRequest:
    """The arguments of :meth:`viewer.archive.Archive.export`."""

    article_ids: tuple[int, ...]
    fmt: str
    out: Path
    one_file_per_article: bool = False
    encoding: str = "utf-8"
    crlf: bool = False
    with_annotations: bool = False
    language: str = field(default_factory=i18n.current_language)  # of the annotations: the interface's
    search: object | None = None  # export every result of this search instead (export_flow.SearchSpec)

    def folder(self) -> Path:
        """Where the written files are."""
        return self.out if self.one_file_per_article else self.out.parent


class ExportDialog(QDialog):
    def __init__(self, choices: list[ExportChoice], chosen: int, settings: Settings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export Articles"))
        self.setMinimumWidth(560)
        self.choices = choices
        self.settings = settings
        self._confirmed: Path | None = None  # a file the save dialog has already asked to replace

        self.what = QComboBox()
        for choice in choices:
            self.what.addItem(choice.label)
        self.format_names = {"txt": self.tr("Text"), "md": "Markdown", "json": "JSON",
                             "csv": self.tr("CSV for spreadsheets"), "docx": "Word",
                             "csl-json": "CSL-JSON (Zotero)", "ris": "RIS (EndNote, NoteExpress)"}
        self.format = QComboBox()
        for fmt, name in self.format_names.items():
            self.format.addItem(f"{name} ({WRITERS[fmt].suffix})", fmt)
        self.encoding = QComboBox()
        self.encoding.addItem("UTF-8", "utf-8")
        self.encoding.addItem(self.tr("GB18030 (for older Chinese Windows programs)"), "gb18030")
        self.crlf = QCheckBox(self.tr("Windows line ends (CRLF)"))
        self.one_file_per_article = QCheckBox(self.tr("One file per article, named by date, page and title"))
        self.with_annotations = QCheckBox(self.tr("With annotations (notes, highlights, tags, corrections)"))
        self.destination = QLineEdit()
        self.destination.setObjectName("exportDestination")
        self.destination.textEdited.connect(lambda: setattr(self, "_confirmed", None))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose_destination)
        destination = QHBoxLayout()
        destination.addWidget(self.destination, 1)
        destination.addWidget(self.choose_button)
        self.destination_label = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Export:"), self.what)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow("", self.crlf)
        form.addRow("", self.one_file_per_article)
        form.addRow("", self.with_annotations)
        form.addRow(self.destination_label, destination)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._restore(chosen)
        self.what.currentIndexChanged.connect(lambda _: self._suggest_name())
        self.format.currentIndexChanged.connect(lambda _: self._format_changed())
        self.one_file_per_article.toggled.connect(lambda _: self._mode_changed())
        self.destination.textChanged.connect(lambda text: self.export_button.setEnabled(bool(text.strip())))

    def choice(self) -> ExportChoice:
        return self.choices[self.what.currentIndex()]

    def request(self) -> ExportRequest:
        fmt = self.format.currentData()
        return ExportRequest(
            self.choice().article_ids, fmt, Path(self.destination.text().strip()).expanduser(),
            one_file_per_article=self.one_file_per_article.isChecked(),
            encoding=self.encoding.currentData() if fmt in ENCODING_FORMATS else "utf-8",
            crlf=self.crlf.isChecked() and fmt in CRLF_FORMATS,
            with_annotations=self.with_annotations.isChecked(), search=self.choice().search)

    def choose_destination(self) -> None:
        current = self.destination.text().strip()
        if self.one_file_per_article.isChecked():
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export into a folder"), current)
            if folder:
                self.destination.setText(folder)
            return
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to a file"), current,
                                              f"{self.format_names[fmt]} (*{self._suffix()})")
        if path:
            self.destination.setText(path)
            self._confirmed = Path(path)

    def accept(self) -> None:
        request = self.request()
        if not request.one_file_per_article and request.out.is_file() and request.out != self._confirmed:
            answer = QMessageBox.question(self, self.windowTitle(),
                                          self.tr("{name} already exists. Replace it?").format(name=request.out.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.settings.set_export_options({
            "format": request.fmt, "encoding": self.encoding.currentData(), "crlf": self.crlf.isChecked(),
            "one_file_per_article": request.one_file_per_article,
            "with_annotations": request.with_annotations, "folder": str(self._folder())})
        super().accept()

    # -- keeping the fields consistent ---------------------------------------------------------

    def _restore(self, chosen: int) -> None:
        options = self.settings.export_options()
        self.what.setCurrentIndex(chosen)
        self.format.setCurrentIndex(max(0, self.format.findData(options.get("format", "txt"))))
        self.encoding.setCurrentIndex(max(0, self.encoding.findData(options.get("encoding", "utf-8"))))
        self.crlf.setChecked(options.get("crlf", False))
        self.one_file_per_article.setChecked(options.get("one_file_per_article", False))
        self.with_annotations.setChecked(options.get("with_annotations", False))
        folder = options.get("folder") or str(documents_folder())
        self.destination.setText(str(Path(folder) / self.choice().stem))
        self._mode_changed()
        self._format_changed()

    def _folder(self) -> Path:
        """The folder the destination is in (for a new export folder, the one it goes into)."""
        path = Path(self.destination.text().strip()).expanduser()
        return path if self.one_file_per_article.isChecked() and path.is_dir() else path.parent

    def _suggest_name(self) -> None:
        suffix = "" if self.one_file_per_article.isChecked() else self._suffix()
        self.destination.setText(str(self._folder() / (self.choice().stem + suffix)))

    def _suffix(self) -> str:
        return WRITERS[self.format.currentData()].suffix

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.encoding.setEnabled(fmt in ENCODING_FORMATS)
        self.crlf.setEnabled(fmt in CRLF_FORMATS)
        self._name_destination()

    def _mode_changed(self) -> None:
        per_article = self.one_file_per_article.isChecked()
        self.destination_label.setText(self.tr("Into folder:") if per_article else self.tr("Save as:"))
        self._name_destination()

    def _name_destination(self) -> None:
        """The destination's name with the format's suffix for a file, none for a folder."""
        text = self.destination.text().strip()
        if not text:
            return
        path = Path(text)
        if path.suffix.lower() in {writer.suffix for writer in WRITERS.values()}:
            path = path.with_suffix("")
        if not self.one_file_per_article.isChecked():
            path = path.with_name(path.name + self._suffix())
        if str(path) != text:
            self.destination.setText(str(path))
            self._confirmed = None
