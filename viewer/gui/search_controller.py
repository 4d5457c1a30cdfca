"""Runs the search the user is asking for, on the reader thread, as they type.

Keystrokes are debounced by the search itself: the first one starts a search at once, and
those that come while it runs are gathered into one search of the latest text, started when
it ends. So results follow typing as fast as the index answers, a burst of keys costs one
search, and an answer to an older request is dropped, never shown."""

from __future__ import annotations

from dataclasses import replace

from viewer.errors import GazetteError
from viewer.gui.facets_model import FacetsModel
from viewer.gui.qt import QElapsedTimer, QObject, QTimer, Signal
from viewer.gui.results_model import SearchResultsModel
from viewer.gui.search_request import SearchRequest
from viewer.gui.tasks import Task, TaskRunner
from viewer.model import SearchResult

GATHER_MS = 10  # keys arriving together (a paste, an input method's commit) make one search
PAGE_SIZE = 25  # hits read per search; the list asks for more as it is scrolled


class SearchController(QObject):
    request_changed = Signal(object)  # SearchRequest: filters and facets changed it
    answered = Signal(object)  # SearchResult (or None for a blank request), once shown
    refused = Signal(str)  # a query the search cannot read, in words for the user
    index_behind = Signal()  # articles committed to the archive are not yet in the index
    failed = Signal(object)  # an unexpected error, for the window to report

    def __init__(self, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.request = SearchRequest()
        self.shown_request: SearchRequest | None = None  # the request whose results are shown
        self.results = SearchResultsModel(self)
        self.facets = FacetsModel(self)
        self.results.more_wanted.connect(self._fetch_more)
        self.latency_ms: int | None = None  # from the last change to its results being shown
        self._since_change = QElapsedTimer()
        self._current: Task | None = None  # the search running, if any
        self._pending = False  # the request changed while it ran: search again when it ends
        self._typing = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._typing.timeout.connect(self.run)

    # -- what the user asks -------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """The query as typed."""
        if text == self.request.text:
            return
        self.request = replace(self.request, text=text)
        self._since_change.start()
        self._typing.start()

    def set_request(self, request: SearchRequest) -> None:
        """A whole new request (filters, a facet, a person link): searched at once."""
        self.request = request
        self.request_changed.emit(request)
        self._since_change.start()
        self.run()

    def narrow(self, facet: str, value: str) -> None:
        self.set_request(self.request.narrowed(facet, value))

    def clear(self) -> None:
        self.set_request(SearchRequest(sort=self.request.sort))

    def search_now(self) -> None:
        """Run a gathered typed query at once (Enter does not wait)."""
        if self._typing.isActive():
            self.run()

    def is_searching(self) -> bool:
        return self._current is not None or self._typing.isActive() or self._pending

    def warm_up(self) -> None:
        """Have the reader thread open the index now (its columns take a while to read on a
        big archive), so the first search is as quick as the rest. A query of a private-use
        character finds nothing and costs nothing else."""
        self.runner.read(lambda work: work.archive.searching.search("\ue000", limit=0), "warm up the search")

    # -- running it ------------------------------------------------------------------------------

    def run(self) -> None:
        self._typing.stop()
        if self._current is not None:
            self._pending = True  # searched when the running one ends
            return
        self._pending = False
        request = self.request
        if request.is_blank():
            self._show(None, request)
            return
        task = self.runner.read(lambda work: work.archive.searching.search(
            request.query(), limit=PAGE_SIZE, offset=0, **request.search_arguments()), "search")
        task.finished.connect(lambda result: self._answered(request, result))
        task.failed.connect(self._refused)
        task.ended.connect(self._ended)
        self._current = task

    def _answered(self, request: SearchRequest, result: SearchResult) -> None:
        if result.pending > 0:  # the index is catching up; searched again when it has
            self.index_behind.emit()
        if request == self.request:
            self._show(result, request)

    def _refused(self, error: BaseException) -> None:
        if self._pending:
            return  # about to search again for what the user typed since
        if isinstance(error, GazetteError):
            self.refused.emit(str(error))
        else:
            self.failed.emit(error)

    def _ended(self) -> None:
        self._current = None
        if self._pending:
            self.run()

    def _show(self, result: SearchResult | None, request: SearchRequest) -> None:
        self.shown_request = None if result is None else request
        self.results.set_result(result)
        self.facets.set_facets(result.facets if result else None)
        self.latency_ms = self._since_change.elapsed() if self._since_change.isValid() else None
        self.answered.emit(result)

    def _fetch_more(self, offset: int) -> None:
        request = self.request
        task = self.runner.read(lambda work: work.archive.searching.search(
            request.query(), limit=PAGE_SIZE, offset=offset, **request.search_arguments()), "more results")
        task.finished.connect(lambda result: self._more(request, result))
        task.failed.connect(self.failed)

    def _more(self, request: SearchRequest, result: SearchResult) -> None:
        if request == self.request:
            self.results.append(result.hits)
