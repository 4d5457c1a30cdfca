"""What a new, empty archive shows instead of a page: load the sample, or import."""

from __future__ import annotations

from viewer.gui.qt import QEvent, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal


class Welcome(QWidget):
    sample_wanted = Signal()
    import_wanted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.load_sample = QPushButton()
        self.load_sample.setObjectName("loadSample")
        self.load_sample.setDefault(True)
        self.load_sample.clicked.connect(self.sample_wanted)
        self.import_files = QPushButton()
        self.import_files.clicked.connect(self.import_wanted)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.message)
        layout.addSpacing(16)
        for button in (self.load_sample, self.import_files):
            button.setMinimumWidth(280)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.message.setText(self.tr(
            "<h2>This archive is empty</h2>"
            "<p>Load the sample to see how Gazette works: page 8 of a county paper of 3 April 2025, "
            "with its article, byline and editors.</p>"
            "<p>Or import your own pages: files and folders, from the File menu or dropped on this window.</p>"))
        self.load_sample.setText(self.tr("Load the sample page"))
        self.import_files.setText(self.tr("Import page files…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
