"""Exporting from the window: choose what and how (:class:`ExportDialog`), export on the writer
thread with a progress dialog whose Cancel works, then say what was written, with a button
that opens its folder.

What can be exported is what the window shows at the moment: the selected search results, the
open article, its page and its issue, and any collection (File → Export…); the context menus
of the results, the page and the browse lists ask for one of these directly.

The export runs on the writer thread, not the reader: so it reads a consistent archive (no
edit lands between two of its articles), and search and page pictures stay quick meanwhile.
A cancelled export writes nothing (the core writes under a temporary name and renames).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from viewer.archive import Archive
from viewer.errors import Cancelled
from viewer.export import article_stem, safe_stem
from viewer.gui import browse_model, errors, pages_model
from viewer.gui.export_dialog import ExportChoice, ExportDialog, ExportRequest
from viewer.gui.job_progress import JobProgress, job_progress_dialog
from viewer.gui.qt import (
    QAbstractItemView,
    QAction,
    QApplication,
    QDesktopServices,
    QMainWindow,
    QMenu,
    QMessageBox,
    QModelIndex,
    QObject,
    QPoint,
    QProgressDialog,
    Qt,
    QTreeView,
    QUrl,
    QWidget,
    Signal,
)
from viewer.gui.settings import Settings
from viewer.gui.tasks import Task, TaskRunner
from viewer.model import Hit, PageView

RESULTS, ARTICLE, PAGE, ISSUE, COLLECTION = "results", "article", "page", "issue", "collection"
ALL_RESULTS = "all results"


@dataclass(frozen=True)
class Selection:
    """What the window shows when an export is asked for."""

    hits: list[Hit]  # the selected search results, in list order
    query: str  # what they were searched for
    article_id: int | None
    page: PageView | None  # the page shown
    search: SearchSpec | None = None  # the search shown, when it found something
    all_selected: bool = False  # Select All in the results: every result is meant


@dataclass(frozen=True)
class SearchSpec:
    """A search as :meth:`viewer.services.searching.Searching.all_ids` takes it."""

    query: str
    arguments: tuple[tuple[str, object], ...]  # keyword arguments (date_from, section, sort …)
    total: int  # how many it found


class ExportFlow(QObject):
    exported = Signal(object)  # the QMessageBox saying what was written

    def __init__(self, window: QMainWindow, runner: TaskRunner, archive: Archive, settings: Settings,
                 selection: Callable[[], Selection]):
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.archive = archive  # the GUI thread's, to list what there is to export
        self.settings = settings
        self.selection = selection
        self.dialog: ExportDialog | None = None
        self.task: Task | None = None
        self.request: ExportRequest | None = None
        self.progress: QProgressDialog | None = None
        self.job: JobProgress | None = None
        self.result_box: QMessageBox | None = None

        self.export_results = QAction(window)
        self.export_article = QAction(window)
        self.export_page = QAction(window)
        self.export_issue = QAction(window)
        self.export_results.triggered.connect(lambda: self.choose(RESULTS))
        self.export_article.triggered.connect(lambda: self.choose(ARTICLE))
        self.export_page.triggered.connect(lambda: self.choose(PAGE))
        self.export_issue.triggered.connect(lambda: self.choose(ISSUE))
        self.retranslate()

    # -- where exports are asked for ---------------------------------------------------------

    def add_context_menus(self, results: QAbstractItemView, page_view: QWidget, tree: QTreeView,
                          pages: QTreeView) -> None:
        """Export entries in the context menus of the search results, the page view, and the
        browse panel's issues and pages."""
        for widget, actions in ((results, [self.export_results]),
                                (page_view, [self.export_article, self.export_page, self.export_issue])):
            widget.addActions(actions)  # beside any actions others add to the same widget
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for view, menu in ((tree, self._issue_menu), (pages, self._page_menu)):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda position, v=view, m=menu: self._popup(v, position, m))

    def _popup(self, view: QTreeView, position: QPoint, fill: Callable[[QMenu, QModelIndex], None]) -> None:
        """A menu for the row under the mouse (which need not be the current row)."""
        index = view.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fill(menu, index)
        if not menu.isEmpty():
            menu.popup(view.viewport().mapToGlobal(position))

    def _issue_menu(self, menu: QMenu, index: QModelIndex) -> None:
        if index.data(browse_model.KindRole) == browse_model.ISSUE:
            issue_id = index.data(browse_model.IssueIdRole)
            menu.addAction(self.tr("Export This Issue…"), lambda: self.choose_issue(issue_id))

    def _page_menu(self, menu: QMenu, index: QModelIndex) -> None:
        article_id, page_id = index.data(pages_model.ArticleIdRole), index.data(pages_model.PageIdRole)
        if article_id is not None:
            menu.addAction(self.tr("Export This Article…"), lambda: self.choose_article(article_id))
        menu.addAction(self.tr("Export This Page…"), lambda: self.choose_page(page_id))

    # -- choosing what ------------------------------------------------------------------------

    def choose(self, kind: str | None = None) -> ExportDialog | None:
        """The export dialog with what the window shows; ``kind`` chosen if there is one, else
        the selected results when several are selected, else the open article."""
        choices = self.choices()
        if not choices:
            QMessageBox.information(self.window, self.tr("Export"), self.tr("There is nothing to export yet."))
            return None
        kinds = [choice.kind for choice in choices]
        if kind is None:
            selection = self.selection()
            kind = ALL_RESULTS if selection.all_selected else RESULTS if len(selection.hits) > 1 else ARTICLE
        elif kind == RESULTS and self.selection().all_selected:
            kind = ALL_RESULTS
        return self._open_dialog(choices, kinds.index(kind) if kind in kinds else 0)

    def choose_collection(self) -> ExportDialog | None:
        choices = self.choices()
        collections = [n for n, choice in enumerate(choices) if choice.kind == COLLECTION]
        if not collections:
            QMessageBox.information(self.window, self.tr("Export"),
                                    self.tr("There are no collections yet: add articles to one first."))
            return None
        return self._open_dialog(choices, collections[0])

    def choose_article(self, article_id: int) -> ExportDialog | None:
        return self._open_dialog(*self._with_first(self._article_choice(article_id)))

    def choose_page(self, page_id: int) -> ExportDialog | None:
        return self._open_dialog(*self._with_first(self._page_choice(self.archive.browsing.page(page_id))))

    def choose_issue(self, issue_id: int) -> ExportDialog | None:
        return self._open_dialog(*self._with_first(self._issue_choice(issue_id)))

    def choices(self) -> list[ExportChoice]:
        """Everything the window offers to export now, the most particular first."""
        selection = self.selection()
        choices = []
        name = self.tr("search results")  # (lupdate cannot see into f-strings)
        if selection.hits and not selection.all_selected:
            choices.append(ExportChoice(
                RESULTS, self.tr("The selected search results (%n article(s))", "", len(selection.hits)),
                tuple(hit.article_id for hit in selection.hits), safe_stem(f"{name}_{selection.query}")))
        if selection.search is not None and selection.search.total:
            choices.append(ExportChoice(
                ALL_RESULTS, self.tr("All %n result(s) of this search", "", selection.search.total), (),
                safe_stem(f"{name}_{selection.query}"), search=selection.search))
        if selection.article_id is not None:
            choices.append(self._article_choice(selection.article_id))
        if selection.page is not None and selection.page.articles:
            choices.append(self._page_choice(selection.page))
            choices.append(self._issue_choice(selection.page.issue_id))
        for collection in self.archive.browsing.collections():
            ids = tuple(self.archive.browsing.collection_articles(collection["name"]))
            if ids:
                choices.append(ExportChoice(
                    COLLECTION, self.tr("Collection “{name}” (%n article(s))", "", len(ids)).format(
                        name=collection["name"]), ids, safe_stem(collection["name"])))
        return choices

    def _with_first(self, choice: ExportChoice) -> tuple[list[ExportChoice], int]:
        return [choice, *(c for c in self.choices() if c.article_ids != choice.article_ids)], 0

    def _article_choice(self, article_id: int) -> ExportChoice:
        article = self.archive.browsing.article(article_id)
        title = article.title or self.tr("(untitled)")
        # viewer.export names files from the json shape, which has no page label: add it
        stem = article_stem({**article.to_json(with_annotations=False), "page_label": article.page_label})
        return ExportChoice(ARTICLE, self.tr("The article “{title}”").format(title=title), (article_id,), stem)

    def _page_choice(self, page: PageView) -> ExportChoice:
        ids = tuple(self.archive.exporting.article_ids_of_page(page.id))
        label = self.tr("Page {page} of {date} (%n article(s))", "", len(ids)).format(
            page=page.label, date=page.date)
        return ExportChoice(PAGE, label, ids, safe_stem(f"{page.date}_{page.number:02d}"))

    def _issue_choice(self, issue_id: int) -> ExportChoice:
        issue = self.archive.browsing.issue(issue_id)
        ids = tuple(self.archive.exporting.article_ids_of_issue(issue_id))
        label = self.tr("The whole issue of {date} (%n article(s))", "", len(ids)).format(date=issue.date)
        return ExportChoice(ISSUE, label, ids, safe_stem(f"{issue.publication}_{issue.date}"))

    def _open_dialog(self, choices: list[ExportChoice], chosen: int) -> ExportDialog:
        self.dialog = ExportDialog(choices, chosen, self.settings, self.window)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self.start(dialog.request()))
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()
        return self.dialog

    # -- exporting ------------------------------------------------------------------------------

    def start(self, request: ExportRequest) -> Task | None:
        if self.task is not None:
            QMessageBox.information(self.window, self.tr("Export"),
                                    self.tr("An export is already running; wait for it to finish."))
            return None
        self.request = request
        self.exported_count = len(request.article_ids)
        self.progress = job_progress_dialog(self.window, title=self.tr("Exporting"),
                                            label=self.tr("Preparing the export…"), cancel=self.tr("Cancel"),
                                            name="exportProgress", shown_after_ms=300)  # a quick export shows none
        self.task = self.runner.write(lambda work: _export(work, request), "export")
        self.job = JobProgress(self.task, self.progress, cancelling=self.tr("Cancelling the export…"),
                               describe=lambda done, total, title: self.tr("Exporting “{title}” ({done} of {total})").format(
                                   title=title, done=done + 1, total=total) if title else None)
        self.task.finished.connect(self._finished)
        self.task.cancelled.connect(self._cancelled)
        self.task.failed.connect(self._failed)
        self.task.ended.connect(self._ended)
        return self.task

    def _finished(self, exported: tuple[list[Path], int]) -> None:
        self._close_progress()
        request = self.request
        written, articles = exported
        if request.one_file_per_article:
            text = self.tr("Exported %n article(s), one file each, into {folder}", "", articles).format(
                folder=request.folder())
        else:
            text = self.tr("Exported %n article(s) to {file}", "", articles).format(file=written[0])
        self.result_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export"), text,
                                      QMessageBox.StandardButton.Close, self.window)
        self.result_box.setObjectName("exportResult")
        open_folder = self.result_box.addButton(self.tr("Open Folder"), QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(lambda: self.open_folder(request.folder()))
        self.result_box.open()
        self.exported.emit(self.result_box)

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the file manager; where nothing opens folders, say so and put its
        path on the clipboard instead (the message box is gone by then: the status bar says it)."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QApplication.clipboard().setText(str(folder))
            self.window.statusBar().showMessage(self.tr(
                "No program here opens folders; the folder's path is copied: {folder}").format(folder=folder), 15000)

    def _cancelled(self, error: Cancelled) -> None:
        self.window.statusBar().showMessage(self.tr("Export cancelled: nothing was written."), 5000)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        errors.report(self.window, error)

    def _ended(self) -> None:
        self._close_progress()
        self.task = None

    def _close_progress(self) -> None:
        if self.job is not None:
            self.job.close()
        self.progress = None

    def retranslate(self) -> None:
        self.export_results.setText(self.tr("Export Selected Results…"))
        self.export_article.setText(self.tr("Export This Article…"))
        self.export_page.setText(self.tr("Export This Page…"))
        self.export_issue.setText(self.tr("Export This Issue…"))


def _export(work, request: ExportRequest) -> tuple[list[Path], int]:
    """On the writer thread: the articles asked for (all of a search's, found now), exported;
    the files written and how many articles they hold."""
    ids = request.article_ids
    if request.search is not None:
        ids = tuple(work.archive.searching.all_ids(request.search.query, **dict(request.search.arguments)))
    written = work.archive.exporting.export(
        ids, request.fmt, request.out, one_file_per_article=request.one_file_per_article,
        encoding=request.encoding, crlf=request.crlf, with_annotations=request.with_annotations,
        language=request.language, on_progress=work.progress, cancel=work.cancel)
    return written, len(ids)
