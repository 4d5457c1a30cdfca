"""An ALTO page in the window: its articles' regions open them, a hit is outlined where the
ALTO says its word is printed."""

from __future__ import annotations

import shutil

from conftest import DATA
from PIL import Image

from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QInputMethodEvent, QSettings, Qt
from viewer.gui.settings import Settings

BL = DATA / "alto" / "bl-1824"


def test_regions_of_a_mets_alto_page_open_their_articles(qtbot, tmp_path):
    # The batch as delivered, with the page picture its METS names (the real one, 11 MB, is not
    # in tests/data): a blank sheet of the page's size in pixels, ALTO's unit here.
    batch = tmp_path / "bl-1824"
    shutil.copytree(BL, batch)
    Image.new("L", (4169, 6177), 235).save(batch / "0002647_18240217_0001.jp2")
    i18n.install("en")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    report = window.archive.importing.import_paths([batch])
    assert [o.status for o in report.outcomes] == ["imported"], report.outcomes
    window.apply_change(report.change)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    view = window.page_view
    [page] = window.browse.pages_model.pages()
    page = window.archive.browsing.page(page.id)
    assert (page.image_width, page.image_height) == (4169, 6177)
    coal = next(a for a in page.articles if a.title == "COAL DUTIES.")

    window.open_page(page.id)
    qtbot.waitUntil(lambda: view.picture_layer is not None and view.picture_layer.page_item is not None,
                    timeout=10_000)
    view.fit_page()
    x, y, w, h = coal.region[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(x + w / 2, y + h / 2))
    assert window.article_id == coal.id and view.outlined_article_id == coal.id

    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        window.search_field.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString("Bishop")
        window.search_field.event(event)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(view._hit_marks), timeout=10_000)
    marks = [m.sceneBoundingRect() for m in view._hit_marks]
    expected = window.archive.searching.hit_boxes(window.article_id, "Bishop")
    assert expected and all(any(abs(m.x() - bx) < 5 and abs(m.y() - by) < 5 for m in marks)
                            for bx, by, _, _ in expected)
