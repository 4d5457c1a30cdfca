"""The page view: a page's picture, or its text when there is no scan, to zoom and pan.

Fit width, fit page, zoom with the wheel (under the mouse) and Ctrl +/-; drag to pan; a
click on an article (its region or its text block) opens it. Fit modes hold when the window
is resized.
"""

from __future__ import annotations

from viewer.gui import page_scene, style
from viewer.gui.import_flow import dropped_files
from viewer.gui.page_picture import Picture, PictureLayer
from viewer.gui.qt import (
    QBrush,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QEvent,
    QGraphicsScene,
    QGraphicsView,
    QMouseEvent,
    QPainter,
    QPoint,
    QRectF,
    QSizeF,
    QStyle,
    QTimer,
    QTransform,
    QWheelEvent,
    QWidget,
    Signal,
)
from viewer.gui.tasks import TaskRunner
from viewer.model import PageView as Page  # (PageView is the widget here)

MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
ZOOM_STEP = 1.25
WHEEL_STEP = 1.0015  # zoom factor per 1/8 degree of wheel turn: one notch (120) ≈ ×1.2
CLICK_DISTANCE = 4  # px the mouse may move between press and release for a click, not a drag
SCROLL_MARGIN = 24  # px left above and beside an article or a hit scrolled into view
FIT_WIDTH, FIT_PAGE = "width", "page"


class PageView(QGraphicsView):
    article_clicked = Signal(int)
    zoom_changed = Signal(float)
    picture_failed = Signal(object)
    files_dropped = Signal(list)  # the Paths of files or folders dropped on the page, to import

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.page: Page | None = None
        self.picture_layer: PictureLayer | None = None
        self.fit_mode: str | None = FIT_WIDTH
        self.last_fit = FIT_WIDTH  # the fit a new page is shown at, whatever the last one was zoomed to
        self._blocks: dict[int, list] = {}
        self._hit_marks: list = []
        self._text_marked: int | None = None  # the article whose hits are marked on a text page
        self._text_spans: list[tuple[int, int]] = []  # and those hits
        self._outline = None
        self.outlined_article_id: int | None = None
        self._press: QPoint | None = None
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(style.DESK_COLOR))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # Reading a sharper part of a picture waits until scrolling or zooming pauses.
        self._sharpen_timer = QTimer(self, singleShot=True, interval=120)
        self._sharpen_timer.timeout.connect(self._sharpen)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(lambda value: self._sharpen_timer.start())

    # -- what is shown -------------------------------------------------------------------------

    def show_page(self, page: Page | None, picture: Picture | None = None) -> None:
        """Show ``page`` (``archive.browsing.page``) with its ``picture``, or its text without."""
        if self.picture_layer is not None:
            self.picture_layer.discard()
            self.picture_layer = None
        if page is not None and (self.page is None or page.id != self.page.id):
            self.fit_mode = self.last_fit  # a new page is fitted (the same page drawn again keeps its zoom)
        old = self.scene()
        self.setScene(QGraphicsScene(self))
        old.deleteLater()
        self.page, self._outline, self.outlined_article_id = page, None, None
        self._blocks, self._hit_marks, self._text_marked = {}, [], None
        if page is None:
            return
        if picture is not None:
            self.picture_layer = PictureLayer(self.scene(), self.runner, picture)
            self.picture_layer.shown.connect(self._apply_fit)
            self.picture_layer.failed.connect(self.picture_failed)
            self.scene().setSceneRect(self.picture_layer.rect())
            self._blocks = page_scene.add_regions(self.scene(), page)
        else:
            self._blocks = page_scene.add_text_sheet(self.scene(), page)
            self.scene().setSceneRect(self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._apply_fit()
        self.centerOn(self.sceneRect().center().x(), self.sceneRect().top())  # a page is read from its top

    def outline_article(self, article_id: int | None) -> None:
        """Outline the article's region or block and bring it into view."""
        if self._outline is not None:
            self.scene().removeItem(self._outline)
            self._outline = None
        self.outlined_article_id = article_id
        if article_id is None:
            return
        self._outline = page_scene.outline(self.scene(), self._blocks.get(article_id, []))
        if self._hit_marks:  # opened from a search: where it was found matters more than its start
            self._bring_into_view(self._hit_marks[0].sceneBoundingRect(), down=1 / 3)
        elif self._outline is not None:
            self._bring_into_view(self._outline.sceneBoundingRect())

    def _bring_into_view(self, rect: QRectF, down: float = 0.0) -> None:
        """Unless the start of ``rect`` (up to half a screen of it) is in view, scroll it into
        view: at the left, and near the top or ``down`` that much of the screen."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        start = QRectF(rect.topLeft(), QSizeF(min(rect.width(), visible.width() / 2),
                                              min(rect.height(), visible.height() / 2)))
        if visible.contains(start):
            return
        margin = SCROLL_MARGIN / self.zoom()
        x = rect.center().x() if rect.width() + 2 * margin <= visible.width() else \
            rect.left() - margin + visible.width() / 2
        self.centerOn(x, rect.top() - margin + visible.height() * (0.5 - down))

    def mark_hits(self, boxes: list[tuple[int, int, int, int]]) -> None:
        """Mark search hits on the picture (boxes in picture pixels)."""
        for item in self._hit_marks:
            self.scene().removeItem(item)
        self._hit_marks = page_scene.add_hit_marks(self.scene(), boxes)

    def mark_text_hits(self, article_id: int, spans: list[tuple[int, int]]) -> None:
        """Mark search hits in an article's block on a page shown as text (spans as search
        gives them); other blocks lose their marks."""
        if self.page is None or self.picture_layer is not None:
            return
        changed = {self._text_marked: (), article_id: spans} if spans else {self._text_marked: ()}
        for article in self.page.articles:
            blocks = self._blocks.get(article.id, [])
            if article.id in changed and blocks:
                blocks[0].setHtml(page_scene.article_block_html(article, changed[article.id]))
        self._text_marked = article_id if spans else None
        self._text_spans = list(spans)

    def retranslate(self) -> None:
        if self.page is not None and self.picture_layer is None:  # the sheet carries words
            outlined, marked, spans = self.outlined_article_id, self._text_marked, self._text_spans
            scrolled = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
            self.show_page(self.page)
            if marked is not None:
                self.mark_text_hits(marked, spans)
            self.outline_article(outlined)
            self.horizontalScrollBar().setValue(scrolled[0])  # where the reader was, not the top
            self.verticalScrollBar().setValue(scrolled[1])

    # -- zoom -------------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        """Zoom to ``zoom`` (1.0: one screen pixel per scene unit), leaving any fit mode."""
        self.fit_mode = None
        self._scale_to(zoom)

    def _scale_to(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.zoom_changed.emit(zoom)
        self._sharpen_timer.start()

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP, anchor_under_mouse=False)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP, anchor_under_mouse=False)

    def fit_width(self) -> None:
        self.fit_mode = self.last_fit = FIT_WIDTH
        self._apply_fit()

    def fit_page(self) -> None:
        self.fit_mode = self.last_fit = FIT_PAGE
        self._apply_fit()

    def _zoom_by(self, factor: float, *, anchor_under_mouse: bool) -> None:
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse if anchor_under_mouse
                                     else QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(self.zoom() * factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def _apply_fit(self) -> None:
        rect = self.sceneRect()
        if self.fit_mode is None or rect.isEmpty():
            return
        available = self.viewport().rect()
        if self.fit_mode == FIT_WIDTH:
            # Leave room for the vertical scroll bar that a long page is about to need.
            bar = 0 if self.verticalScrollBar().isVisible() else \
                self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            zoom = (available.width() - bar) / rect.width()
        else:
            zoom = min(available.width() / rect.width(), available.height() / rect.height())
        self._scale_to(zoom)
        if self.fit_mode == FIT_WIDTH:
            self.centerOn(rect.center().x(), self.mapToScene(self.viewport().rect().center()).y())

    def _sharpen(self) -> None:
        if self.picture_layer is not None:
            self.picture_layer.update_for(self.mapToScene(self.viewport().rect()).boundingRect(), self.zoom())

    # -- events -----------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self._zoom_by(WHEEL_STEP ** delta, anchor_under_mouse=True)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        position = event.position().toPoint()
        if self._press is not None and (position - self._press).manhattanLength() <= CLICK_DISTANCE:
            article_id = self.article_at(position)
            if article_id is not None:
                self.article_clicked.emit(article_id)
        self._press = None

    # Files dropped on the page are imported, as anywhere in the window (the view would
    # otherwise hand the drag to the scene, where nothing takes it, and refuse it).

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

    def article_at(self, position: QPoint) -> int | None:
        for item in self.items(position):
            article_id = item.data(page_scene.ARTICLE_KEY)
            if article_id is not None:
                return article_id
        return None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
