"""Help → User Manual: a short manual, in the interface's language (Chinese first, English
otherwise), from ``resources/manual/manual_<language>.html``, shipped with the translations.

The manual names menu items as ``<span class="menu">File → Import Files…</span>`` and commands
as ``<code class="cli">gazette import …</code>``; the tests check both against the window's
menus and the CLI, so the manual cannot name what is not there. A ``gazette:search-syntax``
link opens Help → Search Syntax."""

from __future__ import annotations

from pathlib import Path

from viewer.gui import i18n
from viewer.gui.qt import (
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from viewer.resources import data_path

MANUAL_DIR = data_path("resources", "manual")


def manual_file(language: str) -> Path:
    """The manual in ``language`` ("zh_CN" or "en"); the Chinese one for any other."""
    path = MANUAL_DIR / f"manual_{language}.html"
    return path if path.is_file() else MANUAL_DIR / "manual_zh_CN.html"


class ManualDialog(QDialog):
    search_syntax_wanted = Signal()  # the manual's link to Help → Search Syntax

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("manual")
        self.resize(760, 680)
        self.text = QTextBrowser()
        self.text.setObjectName("manualText")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.language = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("User Manual"))
        if self.language != i18n.current_language():
            self.language = i18n.current_language()
            self.text.setHtml(manual_file(self.language).read_text(encoding="utf-8"))

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "gazette" and url.path() == "search-syntax":
            self.search_syntax_wanted.emit()
        elif url.scheme() in ("", "file") and url.hasFragment():  # a section of the manual
            self.text.scrollToAnchor(url.fragment())
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def show(window: QWidget, show_search_help) -> ManualDialog:
    """Help → User Manual: one dialog per window, beside it (not modal), raised when asked again."""
    dialog = window.findChild(ManualDialog, "manual")
    if dialog is None:
        dialog = ManualDialog(window)
        dialog.search_syntax_wanted.connect(show_search_help)
    dialog.show()
    dialog.raise_()
    return dialog
