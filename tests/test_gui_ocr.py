"""Read Pictures by OCR from the window: a background job with progress per page, a Cancel
that stops after the page being read, the pages' articles shown after, marked as OCR."""

from __future__ import annotations

import random

import pytest
from corpus import FIXED
from corpus.scans import damaged, rendered

from viewer.archive import Archive
from viewer.ingest import ReadOptions
from viewer.ingest.ocr import OcrOptions


@pytest.fixture
def picture_archive(tmp_path):
    """Two scans of a typeset page's top third (masthead and the first articles: what the job
    needs, in a third of the time), imported as pictures only (OCR off)."""
    page = rendered(FIXED / "page007.pdf", 150)
    page = page.crop((0, 0, page.width, page.height // 3))
    folder = tmp_path / "scans"
    folder.mkdir()
    for seed, name in enumerate(("2024-11-27_05.jpg", "2024-11-28_05.jpg")):
        (folder / name).write_bytes(damaged(page, random.Random(seed)))
    with Archive(tmp_path / "archive") as archive:
        report = archive.importing.import_paths([folder], ReadOptions(ocr=OcrOptions(mode="never")))
        assert len(report.imported) == 2
        return archive.browsing.pages_without_text()


@pytest.fixture
def ocr_window(qtbot, tmp_path, settings, picture_archive):
    from viewer.gui import i18n
    from viewer.gui.main_window import MainWindow

    i18n.install("en")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_ocr_runs_in_the_background_and_the_articles_appear(qtbot, ocr_window, picture_archive):
    qtbot.waitUntil(lambda: ocr_window.page_view.page is not None, timeout=10_000)
    page_id = ocr_window.page_view.page.id  # the newest issue's page, a picture without text
    assert page_id in picture_archive and not ocr_window.page_view.page.articles
    progress = []
    task = ocr_window.ocr.start([page_id])
    task.progressed.connect(lambda done, total, _: progress.append((done, total)))
    assert ocr_window.ocr.progress.isVisible()  # the window is not blocked meanwhile
    with qtbot.waitSignal(ocr_window.ocr.report_shown, timeout=120_000) as shown:
        pass
    assert "1 page(s) read" in shown.args[0].text()
    assert (1, 1) in progress
    assert ocr_window.archive.browsing.pages_without_text() == [p for p in picture_archive if p != page_id]
    # The page shown is drawn again with its articles, and the browse list lists them.
    qtbot.waitUntil(lambda: bool(ocr_window.page_view.page.articles), timeout=10_000)
    assert ocr_window.page_view.page.id == page_id
    [listed] = [p for p in ocr_window.browse.pages_model.pages() if p.id == page_id]
    assert [a.id for a in listed.articles] == [a.id for a in ocr_window.page_view.page.articles]
    [article, *_] = [a for a in ocr_window.archive.browsing.list_articles()]
    ocr_window.open_article(article.id)
    html = ocr_window.article_pane.text.toHtml()
    assert "Text read by OCR (rapidocr-onnxruntime" in html


def test_cancel_stops_after_the_page_being_read(qtbot, ocr_window, picture_archive):
    from viewer.gui.qt import QPushButton, Qt

    ocr_window.ocr.start(picture_archive)
    qtbot.mouseClick(ocr_window.ocr.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ocr_window.ocr.report_shown, timeout=120_000) as shown:
        pass
    assert "OCR cancelled" in shown.args[0].text()
    assert ocr_window.archive.browsing.pages_without_text()  # what was not reached is as it was
    qtbot.waitUntil(lambda: ocr_window.ocr.task is None)


def test_the_menu_says_when_there_is_nothing_to_read(qtbot, window, monkeypatch):
    from viewer.gui.qt import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window.actions.read_by_ocr.trigger()
    assert said == ["No page is a picture without text, and no page is shown."]
