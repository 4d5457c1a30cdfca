"""The page view with a page picture: read scaled, sharper only where zoomed in, regions that
open their article, search hits marked on the picture."""

from __future__ import annotations

import pytest
from makepages import seed_like_pdf
from PIL import Image, ImageDraw

from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.page_picture import SCREEN_SIZE, Picture
from viewer.gui.page_view import PageView
from viewer.gui.qt import QInputMethodEvent, QSettings, Qt
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


PAGE = {"id": 1, "label": "8", "section": "县域·交城", "date": "2025-04-03", "weekday": "星期四",
        "publication": "吕梁日报", "credits": {}, "unassigned": [],
        "articles": [{"id": 7, "title": "题", "region": [[300, 600, 1200, 2400]]}]}


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
    report = window.archive.import_paths([seed_like_pdf(tmp_path / "page.pdf")])
    assert report.imported, report.outcomes
    window.archive_changed()
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
