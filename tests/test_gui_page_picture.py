"""The page view with a page picture: read scaled, sharper only where zoomed in, regions that
open their article, search hits marked on the picture."""

from __future__ import annotations

import pytest
from makepages import seed_like_pdf
from PIL import Image, ImageDraw

from viewer import model
from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.page_picture import READ_SCALES, SCREEN_SIZE, Picture, part_to_read, read_part
from viewer.gui.page_view import PageView
from viewer.gui.qt import (
    QGraphicsPixmapItem,
    QImage,
    QInputMethodEvent,
    QPainter,
    QPointF,
    QRect,
    QRectF,
    QSettings,
    Qt,
)
from viewer.gui.settings import Settings
from viewer.gui.tasks import TaskRunner

WIDTH, HEIGHT = 3000, 9000  # a tall scan, as county papers are often scanned


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "scan.jpg"
    image = Image.new("L", (WIDTH, HEIGHT), 250)
    draw = ImageDraw.Draw(image)
    for y in range(0, HEIGHT, 90):
        draw.line([(200, y), (2800, y)], fill=40, width=6)
    image.save(path, quality=70)
    return path


@pytest.fixture
def view(qtbot, tmp_path):
    runner = TaskRunner(tmp_path / "archive")
    view = PageView(runner)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    yield view
    runner.shutdown()


PAGE = model.PageView(
    id=1, issue_id=1, publication="吕梁日报", date="2025-04-03", number=8, label="8", section="县域·交城",
    weekday="星期四", credits={}, image=None, preview=None, image_width=WIDTH, image_height=HEIGHT, unassigned=(),
    articles=(model.PageArticle(id=7, seq=1, text=model.Reading(title="题"), region=((300, 600, 1200, 2400),)),))


def test_a_big_scan_is_read_at_screen_size_then_sharper_where_zoomed(view, qtbot, scan):
    view.show_page(PAGE, Picture(scan, WIDTH, HEIGHT))
    layer = view.picture_layer
    with qtbot.waitSignal(layer.shown, timeout=10_000):
        pass
    pixmap = layer.page_item.pixmap()
    assert max(pixmap.width(), pixmap.height()) == SCREEN_SIZE  # not 9,000 px
    assert view.sceneRect().size().toSize().height() == HEIGHT  # regions are in picture pixels
    assert layer.sharp_item is None

    with qtbot.waitSignal(layer.sharpened, timeout=10_000):
        view.set_zoom(1.0)  # past the screen-size image's resolution: read the visible part
    sharp = layer.sharp_item.pixmap()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert sharp.width() < WIDTH and sharp.height() < HEIGHT / 3  # the part in view, with a margin
    assert sharp.width() * sharp.height() <= visible.width() * visible.height() * 2.3
    assert layer.sharp_item.sceneBoundingRect().contains(visible.intersected(layer.rect()))

    view.fit_page()
    qtbot.waitUntil(lambda: layer.sharp_item is None, timeout=5_000)  # no longer needed


def test_clicking_a_region_opens_its_article(view, qtbot, scan):
    view.show_page(PAGE, Picture(scan, WIDTH, HEIGHT))
    with qtbot.waitSignal(view.picture_layer.shown, timeout=10_000):
        pass
    view.fit_page()
    point = view.mapFromScene(900, 1800)
    with qtbot.waitSignal(view.article_clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [7]
    view.outline_article(7)
    assert view.outlined_article_id == 7


def test_a_pdf_page_in_the_window_with_regions_and_hits(qtbot, tmp_path):
    i18n.install("en")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    report = window.archive.importing.import_paths([seed_like_pdf(tmp_path / "page.pdf")])
    assert report.imported, report.outcomes
    window.apply_change(report.change)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    layer = window.page_view.picture_layer
    assert layer is not None
    qtbot.waitUntil(lambda: layer.page_item is not None, timeout=10_000)
    assert window.page_view._blocks[window.article_id]  # its regions
    page_row = window.browse.pages_model.index(0, 0)
    assert page_row.data(Qt.ItemDataRole.DecorationRole) is not None  # the page's thumbnail
    assert window.page_view.outlined_article_id == window.article_id

    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        window.search_field.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString("城乡发展协同推进")
        window.search_field.event(event)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert len(window.page_view._hit_marks) == 1  # the hit, outlined on the picture


def test_regions_and_hits_line_up_with_the_picture_and_work_both_ways(qtbot, tmp_path):
    """A two-page PDF: each article's region opens it; opening an article outlines its region
    and scrolls it into view; a search hit is outlined where its characters are printed."""
    i18n.install("en")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    report = window.archive.importing.import_paths([seed_like_pdf(tmp_path / "pages.pdf", pages=2)])
    assert report.imported, report.outcomes
    window.apply_change(report.change)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    view = window.page_view
    page_8, page_9 = (window.archive.browsing.page(page.id) for page in window.browse.pages_model.pages())
    article_8, article_9 = page_8.articles[0].id, page_9.articles[0].id

    def picture_shown() -> None:
        qtbot.waitUntil(lambda: view.picture_layer is not None and view.picture_layer.page_item is not None,
                        timeout=10_000)

    # The scene is the picture as stored, in its own pixels, which the regions use too.
    window.open_article(article_9)
    picture_shown()
    with Image.open(window.archive.browsing.page_file(page_9.image)) as stored:
        assert view.sceneRect() == QRectF(0, 0, *stored.size)
    shown = view.picture_layer.page_item.sceneBoundingRect()  # the preview, scaled up to it
    assert shown.topLeft() == QPointF(0, 0) and abs(shown.width() - stored.width) < 1 \
        and abs(shown.height() - stored.height) < 1

    # Region → article: a click on page 8's text opens its article.
    window.open_page(page_8.id)
    picture_shown()
    view.fit_page()
    x, y, w, h = page_8.articles[0].region[-1]  # its last column
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(x + w / 2, y + h / 2))
    assert window.article_id == article_8 and view.outlined_article_id == article_8

    # Article → region: zoomed in and scrolled away to the bottom right, opening the article
    # outlines it and brings its start into view.
    view.set_zoom(1.0)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue(bar.maximum())
    window.open_article(article_8)
    outline = view._outline.sceneBoundingRect()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(outline.topLeft() + QPointF(10, 10))

    # A hit: outlined on the picture where its characters are printed, and brought into view.
    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        window.search_field.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString("城乡发展协同推进")
        window.search_field.event(event)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    picture_shown()
    [mark] = view._hit_marks
    box = mark.sceneBoundingRect()
    assert outline.contains(box)
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(box)
    blank = box.translated(0, view.sceneRect().height() * 0.7 - box.top())  # below the text
    assert darkness(view, box) > 5 * darkness(view, blank) and darkness(view, box) > 20


def darkness(view: PageView, rect: QRectF) -> float:
    """How dark the page picture is in ``rect`` (0 white … 255 black), drawn as the view draws it."""
    hidden = [item for item in view.scene().items() if not isinstance(item, QGraphicsPixmapItem)]
    for item in hidden:
        item.setVisible(False)
    image = QImage(round(rect.width()), round(rect.height()), QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    view.scene().render(painter, QRectF(image.rect()), rect)
    painter.end()
    for item in hidden:
        item.setVisible(True)
    pixels = image.constBits().tobytes()
    stride, width = image.bytesPerLine(), image.width()
    values = [pixels[row * stride + column] for row in range(image.height()) for column in range(width)]
    return 255 - sum(values) / len(values)


@pytest.mark.parametrize("fmt, mode", [("JPEG", "L"), ("JPEG", "RGB"), ("PNG", "L"), ("PNG", "RGB"),
                                       ("TIFF", "L"), ("TIFF", "1")])  # "1": a bilevel (fax) scan
@pytest.mark.parametrize("scale", READ_SCALES)
def test_a_part_is_read_where_it_belongs_at_each_scale(qapp, tmp_path, fmt, mode, scale):
    """JPEG parts are decoded reduced by Qt, PNG and TIFF ones cut and reduced with Pillow:
    either way a dark square lands where it is on the page."""
    picture = Image.new(mode, (2000, 3000), "white")
    ImageDraw.Draw(picture).rectangle((1000, 1600, 1199, 1799), fill="black")
    path = tmp_path / f"scan.{fmt.lower()}"
    picture.save(path, fmt)
    wanted = QRect(901, 1503, 501, 397)
    part = part_to_read(wanted, scale, QRect(0, 0, 2000, 3000))
    assert part.contains(wanted) and part.x() % round(1 / scale) == 0
    read = read_part(path, part, scale)
    assert (read.width(), read.height()) == (part.width() * scale, part.height() * scale)

    def lightness(x: int, y: int) -> int:
        return read.pixelColor(int((x - part.x()) * scale), int((y - part.y()) * scale)).lightness()

    assert lightness(1100, 1700) < 40 and lightness(1000 + 16, 1600 + 16) < 60  # inside, near its corner
    assert lightness(1000 - 16, 1600 - 16) > 215 and lightness(1250, 1700) > 215  # outside
