"""The window's actions and menus: File, Edit, View, Help, with the usual shortcuts.

The actions only exist and carry their words here; the window connects them to what they do.
"""

from __future__ import annotations

from pathlib import Path

from viewer.gui import i18n
from viewer.gui.qt import QAction, QActionGroup, QKeySequence, QMainWindow, QMenu, QObject, Signal

Key = QKeySequence.StandardKey


class Actions(QObject):
    recent_chosen = Signal(Path)
    language_chosen = Signal(str)  # "zh_CN", "en" or "" for the system's

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

        def action(shortcuts=(), *, checkable: bool = False) -> QAction:
            made = QAction(window)
            # Once each: a key bound twice runs nothing ("Ambiguous shortcut overload"), and a
            # standard key may be the same as the fallback named for platforms without one.
            keys = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
            made.setShortcuts(list(keys.values()))
            made.setCheckable(checkable)
            return made

        self.new_archive = action([Key.New])
        self.open_archive = action([Key.Open])
        self.import_files = action(["Ctrl+I"])
        self.import_folder = action(["Ctrl+Shift+I"])
        self.export = action(["Ctrl+E"])
        self.export_collection = action()
        self.read_by_ocr = action()
        self.check_archive, self.backup_archive, self.restore_archive = action(), action(), action()
        self.quit = action([Key.Quit, "Ctrl+Q"])
        self.copy = action([Key.Copy])
        self.copy_citation = action(["Ctrl+Shift+C"])
        self.find = action([Key.Find, "Ctrl+K"])
        self.zoom_in = action([Key.ZoomIn, "Ctrl+="])
        self.zoom_out = action([Key.ZoomOut])
        self.fit_width = action(["Ctrl+1"])
        self.fit_page = action(["Ctrl+0"])
        self.show_browse = action(["Ctrl+Shift+L"], checkable=True)
        self.show_article = action(["Ctrl+Shift+R"], checkable=True)
        self.manual = action()
        self.search_syntax = action([Key.HelpContents])
        self.about = action()

        self.languages = QActionGroup(window)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *i18n.LANGUAGES):
            choice = action(checkable=True)
            choice.triggered.connect(lambda checked=False, c=code: self.language_chosen.emit(c))
            self.languages.addAction(choice)
            self.language_actions[code] = choice

        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(window)
        self.file_menu.addActions([self.new_archive, self.open_archive])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_files, self.import_folder, self.read_by_ocr])
        self.file_menu.addActions([self.export, self.export_collection])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.check_archive, self.backup_archive, self.restore_archive])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.copy, self.copy_citation])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.fit_width, self.fit_page])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.show_browse, self.show_article])
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.manual, self.search_syntax, self.about])
        self.retranslate()

    def set_recent(self, archives: list[Path], current: Path) -> None:
        self.recent_menu.clear()
        for root in archives:
            if root == current:
                continue
            choice = self.recent_menu.addAction(str(root))
            choice.triggered.connect(lambda checked=False, r=root: self.recent_chosen.emit(r))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def set_language(self, code: str) -> None:
        self.language_actions.get(code, self.language_actions[""]).setChecked(True)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.new_archive.setText(self.tr("&New Archive…"))
        self.open_archive.setText(self.tr("&Open Archive…"))
        self.recent_menu.setTitle(self.tr("Recent &Archives"))
        self.import_files.setText(self.tr("&Import Files…"))
        self.import_folder.setText(self.tr("Import &Folder…"))
        self.read_by_ocr.setText(self.tr("Read Pictures by &OCR…"))
        self.export.setText(self.tr("&Export…"))
        self.export_collection.setText(self.tr("Export a Co&llection…"))
        self.check_archive.setText(self.tr("&Check Archive…"))
        self.backup_archive.setText(self.tr("&Back Up Archive…"))
        self.restore_archive.setText(self.tr("&Restore from Backup…"))
        self.quit.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.copy.setText(self.tr("&Copy"))
        self.copy_citation.setText(self.tr("Copy C&itation"))
        self.find.setText(self.tr("&Find…"))
        self.view_menu.setTitle(self.tr("&View"))
        self.zoom_in.setText(self.tr("Zoom &In"))
        self.zoom_out.setText(self.tr("Zoom &Out"))
        self.fit_width.setText(self.tr("Fit &Width"))
        self.fit_page.setText(self.tr("Fit &Page"))
        self.show_browse.setText(self.tr("&Browse Panel"))
        self.show_article.setText(self.tr("&Article Panel"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[""].setText(self.tr("System Default"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.help_menu.setTitle(self.tr("&Help"))
        self.manual.setText(self.tr("User &Manual…"))
        self.search_syntax.setText(self.tr("&Search Syntax…"))
        self.about.setText(self.tr("&About Gazette"))
