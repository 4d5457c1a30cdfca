"""The main window: browse and search on the left, the page in the centre, the article on the
right, the search field above everything. It puts the parts together and routes between
them; each part lives in its own module. Every write (an edit or its undo, an import, OCR, the
sample) ends in :meth:`MainWindow.apply_change`, which draws again what it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from viewer.archive import Archive
from viewer.change import Change
from viewer.errors import NotFound
from viewer.gui import about, article_html, errors, i18n, manual
from viewer.gui.actions import Actions
from viewer.gui.annotating import Annotating
from viewer.gui.annotations_panel import AnnotationsPanel
from viewer.gui.archive_choice import ArchiveChoice
from viewer.gui.article_pane import ArticlePane
from viewer.gui.browse_panel import BrowsePanel
from viewer.gui.collections_panel import CollectionsPanel
from viewer.gui.export_flow import ExportFlow, SearchSpec, Selection
from viewer.gui.import_flow import ImportFlow, dropped_files
from viewer.gui.index_keeper import IndexKeeper
from viewer.gui.maintenance_flow import MaintenanceFlow
from viewer.gui.ocr_flow import OcrFlow
from viewer.gui.page_picture import Picture
from viewer.gui.page_view import PageView
from viewer.gui.qt import (
    QApplication,
    QDate,
    QDragEnterEvent,
    QDropEvent,
    QEvent,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    Qt,
    QTabWidget,
    QTimer,
    QToolBar,
)
from viewer.gui.search_controller import SearchController
from viewer.gui.search_help import SearchHelpDialog
from viewer.gui.search_panel import SearchField, SearchPanel
from viewer.gui.search_request import SearchRequest
from viewer.gui.settings import Settings
from viewer.gui.tasks import TaskRunner
from viewer.gui.welcome import Welcome
from viewer.model import Hit
from viewer.model import PageView as Page  # (PageView is the widget here)

BROWSE_TAB, SEARCH_TAB, COLLECTIONS_TAB, ANNOTATIONS_TAB = 0, 1, 2, 3


class MainWindow(QMainWindow):
    def __init__(self, root: Path, settings: Settings, open_archive: Callable[[Path], None]):
        super().__init__()
        self.setObjectName("gazetteWindow")
        self.settings = settings
        self.open_archive = open_archive
        self.archive = Archive(root)  # the GUI thread's own connection, for reading
        self.runner = TaskRunner(self.archive.root, self)
        self.article_id: int | None = None
        self.search_help: SearchHelpDialog | None = None
        self._painted = False
        self._closed = False  # work that ends after the window closes must leave it alone

        self.search = SearchController(self.runner, self)
        self.search_field = SearchField()
        self.search_field.setObjectName("searchField")
        self.search_field.setClearButtonEnabled(True)
        self.search_panel = SearchPanel(self.search, self.search_field)
        self.browse = BrowsePanel(self.archive)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("leftTabs")
        self.tabs.addTab(self.browse, "")
        self.tabs.addTab(self.search_panel, "")
        self.collections_panel = CollectionsPanel(self.archive)
        self.annotations_panel = AnnotationsPanel(self.archive)
        self.tabs.addTab(self.collections_panel, "")
        self.tabs.addTab(self.annotations_panel, "")
        self.page_view = PageView(self.runner)
        self.welcome = Welcome()
        self.centre = QStackedWidget()
        self.centre.addWidget(self.page_view)
        self.centre.addWidget(self.welcome)
        self.article_pane = ArticlePane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.tabs, self.centre, self.article_pane):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 620, 450])
        self.setCentralWidget(self.splitter)

        toolbar = QToolBar()
        toolbar.setObjectName("searchBar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_field)
        self.addToolBar(toolbar)
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.zoom_label)

        self.actions = Actions(self)
        self.annotating = Annotating(self, self.archive, self.runner, settings, self.article_pane)
        self.annotating.install_menus(self.actions.edit_menu, before=self.actions.help_menu)
        self.imports = ImportFlow(self, self.runner, settings,
                                  lambda: [p.name for p in self.archive.browsing.publications()])
        self.exports = ExportFlow(self, self.runner, self.archive, settings, self._selection)
        self.index_keeper = IndexKeeper(self.archive, self.runner, self.statusBar())
        self.maintenance = MaintenanceFlow(self, self.runner, self._switch_archive)
        self.ocr = OcrFlow(self, self.runner, lambda: self.archive.browsing.pages_without_text(),
                           lambda: self.page_view.page.id if self.page_view.page is not None else None)
        self._connect()
        self.setAcceptDrops(True)
        self.retranslate()
        self._restore()
        self._show_contents()

    # -- wiring -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        a = self.actions
        a.new_archive.triggered.connect(self.choose_new_archive)
        a.open_archive.triggered.connect(self.choose_archive)
        a.recent_chosen.connect(self._switch_archive)
        a.import_files.triggered.connect(self.imports.choose_files)
        a.import_folder.triggered.connect(self.imports.choose_folder)
        a.export.triggered.connect(lambda: self.exports.choose())
        a.export_collection.triggered.connect(self.exports.choose_collection)
        self.article_pane.export_wanted.connect(lambda: self.exports.choose_article(self.article_id))
        self.exports.add_context_menus(self.search_panel.results, self.page_view, self.browse.tree,
                                       self.browse.pages)
        a.read_by_ocr.triggered.connect(self.ocr.choose)
        self.ocr.changed.connect(self.apply_change)
        a.check_archive.triggered.connect(self.maintenance.check)
        a.backup_archive.triggered.connect(self.maintenance.back_up)
        a.restore_archive.triggered.connect(self.maintenance.restore)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(self.copy)
        a.copy_citation.triggered.connect(self.article_pane.copy_citation)
        a.find.triggered.connect(self.focus_search)
        a.zoom_in.triggered.connect(self.page_view.zoom_in)
        a.zoom_out.triggered.connect(self.page_view.zoom_out)
        a.fit_width.triggered.connect(self.page_view.fit_width)
        a.fit_page.triggered.connect(self.page_view.fit_page)
        a.show_browse.toggled.connect(self.tabs.setVisible)
        a.show_article.toggled.connect(self.article_pane.setVisible)
        a.language_chosen.connect(self.set_language)
        a.search_syntax.triggered.connect(self.show_search_help)
        a.manual.triggered.connect(lambda: manual.show(self, self.show_search_help))
        a.about.triggered.connect(lambda: about.show_about(self, str(self.archive.root)))

        self.browse.issue_chosen.connect(self.open_issue)
        self.browse.page_chosen.connect(lambda page_id: self.open_page(page_id, first_article=True))
        self.browse.article_chosen.connect(self.open_article)
        self.browse.calendar.empty_day_clicked.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.page_view.article_clicked.connect(self.open_article)
        self.page_view.zoom_changed.connect(self._show_zoom)
        self.page_view.picture_failed.connect(lambda error: errors.report(self, error))
        self.page_view.files_dropped.connect(lambda paths: self.imports.ask(paths))
        self.article_pane.person_clicked.connect(self.search_person)
        self.article_pane.citation_copied.connect(
            lambda text: self.statusBar().showMessage(self.tr("Citation copied: {text}").format(text=text), 5000))
        self.search_field.textChanged.connect(self._search_typed)
        self.search_panel.hit_opened.connect(self.open_hit)
        self.search.failed.connect(lambda error: errors.report(self, error))
        self.search.answered.connect(self._mark_hits_again)
        self.search.index_behind.connect(self.index_keeper.ensure_fresh)
        self.index_keeper.rebuilt.connect(self._search_again)
        self.welcome.sample_wanted.connect(self.load_sample)
        self.welcome.import_wanted.connect(self.imports.choose_files)
        self.imports.changed.connect(self.apply_change)
        self._connect_annotations()

    def _connect_annotations(self) -> None:
        notes = self.annotating
        notes.article_wanted.connect(self.open_article)
        notes.search_wanted.connect(self.search_for)
        notes.collection_wanted.connect(self.show_collection)
        notes.collections_shown.connect(lambda: self.show_tab(COLLECTIONS_TAB))
        notes.annotations_shown.connect(lambda: self.show_tab(ANNOTATIONS_TAB))
        notes.changed.connect(self.apply_change)
        self.collections_panel.article_opened.connect(self.open_article)
        self.collections_panel.reorder_wanted.connect(notes.reorder_collection)
        self.collections_panel.remove_wanted.connect(notes.remove_from_collection)
        self.collections_panel.delete_wanted.connect(notes.delete_collection)
        self.annotations_panel.annotation_opened.connect(notes.open_annotation)
        self.tabs.currentChanged.connect(self._tab_shown)

    # -- opening things ---------------------------------------------------------------------------

    def open_issue(self, issue_id: int) -> None:
        pages = self.browse.pages_model.pages()
        if pages:
            self.open_page(pages[0].id, first_article=True)

    def open_page(self, page_id: int, *, first_article: bool = False) -> None:
        page = self.archive.browsing.page(page_id)
        self.page_view.show_page(page, self._picture_of(page))
        if first_article and page.articles:
            self.open_article(page.articles[0].id)
        elif first_article:  # a scan with no text: no article of another page stays beside it
            self.article_pane.show_article(None)
            self.article_id = None

    def open_article(self, article_id: int, spans: list[tuple[int, int]] = ()) -> None:
        article = self.archive.browsing.article(article_id)
        location = self.archive.browsing.article_location(article_id)
        if self.page_view.page is None or self.page_view.page.id != location.page_id:
            self.open_page(location.page_id)
        self._mark_on_page(article, spans)
        self.page_view.outline_article(article_id)
        self.article_pane.show_article(article, spans)
        self.browse.reveal(location, article_id)
        self.article_id = article_id

    def open_hit(self, hit: Hit) -> None:
        self.open_article(hit.article_id, hit.spans)

    def _mark_on_page(self, article, spans) -> None:
        if self.page_view.picture_layer is not None:
            self.page_view.mark_hits([box for text in article_html.hit_texts(article, spans)
                                      for box in self.archive.searching.hit_boxes(article.id, text)])
        else:
            self.page_view.mark_text_hits(article.id, spans)

    def _mark_hits_again(self, result) -> None:
        """The search changed: the open article's hit marks are the new query's (its hits, if
        it is among the results shown), or none; never the last query's."""
        article = self.article_pane.article
        if article is None or article.id != self.article_id or not self.article_pane.spans:
            return
        hit = next((h for h in result.hits if h.article_id == article.id), None) if result else None
        spans = tuple(hit.spans) if hit is not None else ()
        if spans == self.article_pane.spans:
            return
        self._mark_on_page(article, spans)
        self.article_pane.show_article(article, spans)

    def _selection(self) -> Selection:
        """What an export may be of: what the window shows and the search it answers."""
        results, request = self.search.results, self.search.shown_request
        search = None
        if request is not None and results.total:
            search = SearchSpec(request.query(), tuple(request.search_arguments().items()), results.total)
        return Selection(self.search_panel.selected_hits(), results.query, self.article_id, self.page_view.page,
                         search, self.search_panel.all_selected and search is not None)

    def _picture_of(self, page: Page) -> Picture | None:
        if not page.image or not page.image_width:
            return None
        return Picture(self.archive.browsing.page_file(page.image), page.image_width, page.image_height,
                       self.archive.browsing.page_file(page.preview))

    # -- search -----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setVisible(True)
        self.actions.show_browse.setChecked(True)
        self.tabs.setCurrentIndex(SEARCH_TAB)
        self._fill_sections()
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def show_search_help(self) -> SearchHelpDialog:
        """Help → Search Syntax: the query language by example, beside the window."""
        if self.search_help is None:
            self.search_help = SearchHelpDialog(self)
            self.search_help.example_chosen.connect(self.search_for)
        self.search_help.show()
        self.search_help.raise_()
        return self.search_help

    def search_for(self, query: str) -> None:
        """Put ``query`` in the search field (a tag clicked: ``tag:X``)."""
        self.focus_search()
        self.search_field.setText(query)

    def search_person(self, name: str) -> None:
        """A name was clicked: every article that person wrote, photographed or edited."""
        self.focus_search()
        self.search.set_request(SearchRequest(person=name, sort=self.search.request.sort))

    def _search_typed(self, text: str) -> None:
        if text.strip() and self.tabs.currentIndex() != SEARCH_TAB:
            self.tabs.setCurrentIndex(SEARCH_TAB)

    def _fill_sections(self) -> None:
        if self.search_panel.section.count() == 0:
            self.search_panel.set_sections(self.archive.browsing.sections())
            newest = max((p.last_date for p in self.archive.browsing.publications() if p.last_date), default=None)
            self.search_panel.set_dates_shown(QDate.fromString(newest, "yyyy-MM-dd") if newest else QDate())

    # -- collections and annotations --------------------------------------------------------------

    def show_tab(self, tab: int) -> None:
        self.tabs.setVisible(True)
        self.actions.show_browse.setChecked(True)
        self.tabs.setCurrentIndex(tab)

    def show_collection(self, name: str) -> None:
        self.show_tab(COLLECTIONS_TAB)
        self.collections_panel.show_collection(name)

    def _tab_shown(self, tab: int) -> None:
        if tab == SEARCH_TAB:  # however it was opened, its filters offer the archive's sections and dates
            self._fill_sections()
        elif tab == COLLECTIONS_TAB:
            self.collections_panel.refresh()
        elif tab == ANNOTATIONS_TAB:
            self.annotations_panel.refresh()

    # -- the archive --------------------------------------------------------------------------------

    def load_sample(self) -> None:
        self.welcome.load_sample.setEnabled(False)
        task = self.runner.write(lambda work: work.archive.importing.load_sample(), "load the sample")
        task.finished.connect(lambda report: self.apply_change(report.change))
        task.failed.connect(lambda error: errors.report(self, error))
        task.ended.connect(lambda: self.welcome.load_sample.setEnabled(True))

    def apply_change(self, change: Change) -> None:
        """Draw again what a write changed (:class:`~viewer.change.Change`), and nothing else:
        the one place the window refreshes after an edit or its undo, an import, OCR or the sample."""
        if self._closed:
            return
        pages = change.unknown or bool(change.pages)
        if pages:  # the browse lists, the search filters' sections, the welcome or the pages
            self.browse.refresh()
            self.search_panel.section.clear()
            if self.tabs.currentIndex() == SEARCH_TAB:
                self._fill_sections()
            self._show_contents()
        elif any(self.browse.shows_article(article_id) for article_id in change.texts):
            self.browse.read_pages_again()  # a corrected title
        self._show_again(change)
        if change.collections:
            self.collections_panel.show_collection(change.collections[-1])
        elif (pages or change.texts) and self.tabs.currentIndex() == COLLECTIONS_TAB:  # titles show there
            self.collections_panel.refresh()
        if self.annotations_panel.read and (pages or change.texts or change.annotations):
            self.annotations_panel.refresh()
        if pages or change.tags:
            self.annotating.complete_tags()
        if change.unknown or change.index:
            self.index_keeper.ensure_fresh()
        if pages or change.texts or (change.annotations and self.search.request.reads_annotations()):
            self._search_again()
        if pages:
            self._open_something()

    def _show_again(self, change: Change) -> None:
        """The page shown and the open article, read and drawn again if the change is about them
        (the text sheet of a page without a picture shows its articles' text)."""
        page = self.page_view.page
        if page is None:
            return
        redraw = change.unknown or page.id in change.pages or (
            self.page_view.picture_layer is None and any(a.id in change.texts for a in page.articles))
        shown = self.article_id
        if redraw:
            self.open_page(page.id)
        if shown is None or not (redraw or shown in change.articles):
            return
        try:
            article = self.archive.browsing.article(shown)
        except NotFound:  # gone from a page read again
            self.article_pane.show_article(None)
            self.article_id = None
            return
        self.article_pane.refresh(article)
        if redraw:
            self._mark_on_page(article, self.article_pane.spans)
            self.page_view.outline_article(shown)

    def _search_again(self) -> None:
        if not self.search.request.is_blank():
            self.search.run()

    def _show_contents(self) -> None:
        """An empty archive offers the sample; any other shows its pages."""
        self.centre.setCurrentWidget(self.welcome if self.archive.browsing.is_empty() else self.page_view)

    def _open_something(self) -> None:
        if self.page_view.page is None and not self.archive.browsing.is_empty():
            self.browse.choose_latest_issue()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What can wait until the window is on screen: the newest issue, the search index
        (checked, and warmed up on the reader thread)."""
        if self._closed:
            return
        self._open_something()
        self.index_keeper.ensure_fresh()
        self.search.warm_up()

    def choose_archive(self) -> None:
        ArchiveChoice(self, self.archive.root, self._switch_archive, self.imports.start).choose_to_open()

    def choose_new_archive(self) -> None:
        ArchiveChoice(self, self.archive.root, self._switch_archive, self.imports.start).choose_new()

    def _switch_archive(self, root: Path) -> None:
        if self.runner.busy_writing():
            self.statusBar().showMessage(self.tr("Wait for the import to finish before opening another archive."),
                                         5000)
            return
        self.open_archive(root)

    # -- edit, view, language --------------------------------------------------------------------

    def copy(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self and hasattr(focused, "copy"):
            focused.copy()
        else:
            self.article_pane.copy()

    def set_language(self, code: str) -> None:
        self.settings.set_language(code)
        i18n.install(code or i18n.system_language())  # every widget gets a LanguageChange

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def retranslate(self) -> None:
        # The archive only: the system adds the application's name (and Qt does, on X11 and Windows).
        self.setWindowTitle(str(self.archive.root))
        self.tabs.setTabText(BROWSE_TAB, self.tr("Browse"))
        self.tabs.setTabText(SEARCH_TAB, self.tr("Search"))
        self.tabs.setTabText(COLLECTIONS_TAB, self.tr("Collections"))
        self.tabs.setTabText(ANNOTATIONS_TAB, self.tr("Annotations"))
        self.actions.retranslate()
        self.exports.retranslate()
        self.annotating.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- drag and drop --------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.imports.ask(paths)

    # -- remembering ----------------------------------------------------------------------------------

    def _restore(self) -> None:
        if not self.settings.restore_window(self):
            self.resize(1400, 900)
        for action, widget, name in ((self.actions.show_browse, self.tabs, "browse"),
                                     (self.actions.show_article, self.article_pane, "article")):
            visible = self.settings.panel_visible(name)
            action.setChecked(visible)
            widget.setVisible(visible)
        self.settings.remember_archive(self.archive.root)
        self.actions.set_recent(self.settings.recent_archives(), self.archive.root)
        self.actions.set_language(self.settings.language())

    def closeEvent(self, event) -> None:
        self._closed = True
        self.settings.save_window(self, {"browse": self.actions.show_browse.isChecked(),
                                         "article": self.actions.show_article.isChecked()})
        self.imports.cancel()
        self.index_keeper.cancel()
        self.runner.shutdown()
        self.archive.close()
        super().closeEvent(event)

