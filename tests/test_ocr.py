"""OCR of scans: pages typeset by Chromium (tests/corpus), rendered and damaged as scans are,
read by the real engines (RapidOCR's models and Tesseract ship on this machine; nothing is
downloaded)."""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from corpus import FIXED, PageTruth
from corpus.scans import damaged, edit_distance, rendered
from PIL import Image

from viewer.archive import Archive
from viewer.cli import cli
from viewer.confidence import unsure_spans
from viewer.ingest import ReadOptions, read_pages
from viewer.ingest.ocr import OcrOptions, deskewed, horizontal_rules, read_picture
from viewer.ingest.ocr.engines import RapidOcrEngine, TesseractEngine
from viewer.ingest.ocr.layout import _marks_restored, page_text
from viewer.ingest.pdf import TextLine

PAGE = "page007"  # five columns and five, a kicker, subtitles, bylines: horizontal text
SCAN_NAME = "2024-11-27_05.jpg"  # the page's date and number, as scans are often named


def squeezed(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def found_fuzzily(wanted: str, texts: list[str], share: float = 0.1) -> bool:
    wanted = squeezed(wanted)
    return any(abs(len(squeezed(t)) - len(wanted)) <= share * len(wanted)
               and edit_distance(squeezed(t), wanted) <= share * len(wanted) for t in texts)


@pytest.fixture(scope="module")
def truth() -> PageTruth:
    return PageTruth.from_json((FIXED / f"{PAGE}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    path = folder / SCAN_NAME
    path.write_bytes(damaged(rendered(FIXED / f"{PAGE}.pdf", 200), random.Random(7)))
    return path


@pytest.fixture(scope="module")
def ocr_archive(tmp_path_factory, scan):
    """The scan imported as a user would: nothing beside it, OCR left at auto."""
    with Archive(tmp_path_factory.mktemp("ocr") / "archive") as archive:
        report = archive.importing.import_paths([scan])
        assert [o.status for o in report.outcomes] == ["imported"], report.outcomes
        yield archive


def test_a_scan_without_text_is_read_into_articles(ocr_archive, truth):
    listed = ocr_archive.browsing.list_articles()
    assert len(listed) == len(truth.articles)
    page = ocr_archive.browsing.page(ocr_archive.browsing.article(listed[0].id).page_id)
    assert (page.date, page.number, page.label) == ("2024-11-27", 5, "B5")  # from the masthead OCR read
    assert page.ocr is not None and page.ocr.engine.startswith("rapidocr-onnxruntime 1.4")
    assert 0.8 < page.ocr.confidence <= 1.0
    titles = {squeezed(a.title) for a in listed}
    assert squeezed(truth.articles[1].title) in titles


def test_reading_order_follows_the_columns(ocr_archive, truth):
    read = [p for row in ocr_archive.browsing.list_articles()
            for p in ocr_archive.browsing.article(row.id).text.paragraphs]
    wanted = [p for a in truth.articles for p in a.paragraphs]
    found = sum(found_fuzzily(p, read) for p in wanted)
    assert found >= 0.8 * len(wanted), f"{found} of {len(wanted)} paragraphs read whole and in order"


def test_a_caption_in_a_column_shared_with_the_article_below_stays_in_its_article(ocr_archive, truth):
    # The last column of both articles is one gutter apart from the rest, top to bottom: a cut
    # down that gutter first would read the top article's caption after the article below.
    articles = [ocr_archive.browsing.article(row.id) for row in ocr_archive.browsing.list_articles()]
    for wanted in truth.articles:
        caption = wanted.paragraphs[wanted.caption]
        holding = [squeezed(a.title) for a in articles if found_fuzzily(caption, a.text.paragraphs)]
        assert holding == [squeezed(wanted.title)], f"{caption!r} read in {holding}"


def test_ocr_text_is_searchable_and_outlined_on_the_picture(ocr_archive, truth):
    phrase = squeezed(truth.articles[0].paragraphs[0])[10:16]
    result = ocr_archive.searching.search(phrase)
    assert result.total >= 1
    hit = result.hits[0]
    boxes = ocr_archive.searching.hit_boxes(hit.article_id, phrase)
    assert boxes
    view = ocr_archive.browsing.article(hit.article_id)
    picture = Image.open(ocr_archive.root / view.page_image)
    for x, y, w, h in boxes:  # on the picture, where there is ink
        assert 0 <= x and 0 <= y and x + w <= picture.width and y + h <= picture.height
        inked = picture.convert("L").crop((x, y, x + w, y + h))
        assert inked.getextrema()[0] < 128


def test_the_page_keeps_a_confidence_per_character(ocr_archive):
    row = ocr_archive.browsing.list_articles()[0]
    stored = ocr_archive.store.stored_page(ocr_archive.browsing.article(row.id).page_id)
    from viewer.confidence import unpack_confidence

    confidence = unpack_confidence(stored["char_confidence"])
    assert len(confidence) == len(stored["raw_text"])
    assert all(c is None for c, ch in zip(confidence, stored["raw_text"]) if ch == "\n")
    assert sum(c is not None for c in confidence) > 0.9 * len(squeezed(stored["raw_text"]))


def test_show_json_says_the_text_is_ocr(ocr_archive):
    row = ocr_archive.browsing.list_articles()[0]
    shown = ocr_archive.browsing.article(row.id).to_json()
    assert shown["ocr"]["engine"].startswith("rapidocr")


def test_ocr_never_imports_a_picture_and_gazette_ocr_reads_it_later(tmp_path, truth):
    page = rendered(FIXED / f"{PAGE}.pdf", 200)
    scan = tmp_path / SCAN_NAME  # the top third, masthead and first articles: the page OCR'd above, faster
    scan.write_bytes(damaged(page.crop((0, 0, page.width, page.height // 3)), random.Random(7)))
    runner = CliRunner()
    base = ["--archive", str(tmp_path / "a")]
    result = runner.invoke(cli, base + ["import", "--ocr", "never", str(scan)])
    assert result.exit_code == 0, result.output
    assert "picture only (OCR is off)" in result.output
    with Archive(tmp_path / "a") as archive:
        assert archive.browsing.list_articles() == []
        [page_id] = archive.browsing.pages_without_text()
    result = runner.invoke(cli, base + ["ocr", "--pictures-only"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("未命名报纸 2024-11-27 page 5: ")
    with Archive(tmp_path / "a") as archive:
        titles = {squeezed(a.title) for a in archive.browsing.list_articles()}
        assert squeezed(truth.articles[1].title) in titles
        assert archive.browsing.pages_without_text() == []
    assert runner.invoke(cli, base + ["ocr"]).exit_code == 2  # neither ids nor --pictures-only


def test_text_beside_a_scan_wins_unless_ocr_is_always(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    page = rendered(FIXED / f"{PAGE}.pdf", 200)
    # the masthead's left half, all OCR needs here: a wide strip is slow (RapidOCR scales its
    # short side up to 736 px, and so its long side with it)
    masthead = page.crop((0, 0, page.width // 2, page.height // 12))
    masthead.convert("L").save(folder / SCAN_NAME, quality=90)
    (folder / SCAN_NAME).with_suffix(".txt").write_text("县里的一段文字。\n", encoding="utf-8")
    data = (folder / SCAN_NAME).read_bytes()
    [beside] = read_pages(folder / SCAN_NAME, data, ReadOptions())
    assert beside.ocr_engine == "" and "县里的一段文字" in beside.raw_text
    [read] = read_pages(folder / SCAN_NAME, data, ReadOptions(ocr=OcrOptions(mode="always")))
    assert read.ocr_engine and "县里的一段文字" not in read.raw_text and read.label == "B5"


def test_a_skewed_scan_is_straightened():
    page = rendered(FIXED / f"{PAGE}.pdf", 100).convert("L")
    for angle in (-1.6, 1.1):
        _, measured = deskewed(page.rotate(angle, fillcolor=255))
        assert abs(measured + angle) <= 0.15


def test_vertical_columns_read_right_to_left(tmp_path):
    """A block set vertical-rl by Chromium (tests/corpus/render.py), as the 1930s papers were
    set: columns from the right."""
    text = (FIXED / "vertical-rl.truth.txt").read_text(encoding="utf-8").strip()
    picture = rendered(FIXED / "vertical-rl.pdf", 150)
    picture = picture.crop(picture.convert("L").point(lambda v: 255 if v < 250 else 0).getbbox())
    out = tmp_path / "vertical.png"
    picture.convert("L").save(out)
    reading = read_picture(out.read_bytes(), OcrOptions())
    read = squeezed(reading.text.text)
    assert edit_distance(read, squeezed(text)) <= 0.05 * len(squeezed(text)), read


def test_no_line_is_turned_over_into_nothing():
    """A piece of a typeset page (tests/corpus/render.py --first 2000: page2007 at 300 dpi,
    damaged as bench/ocr.py does, straightened; rows 1900–2350, the left 1400 pixels):
    RapidOCR's angle classifier takes its fifth line for upside down, and the line turned
    over reads as nothing."""
    band = Image.open(FIXED / "ocr-line-the-classifier-turns-over.jpg")
    lines = [squeezed("".join(c.text for c in line.chars)) for line in RapidOcrEngine().read(band, "chi_sim")]
    assert found_fuzzily("2025年交城县政府工作报告紧扣“挺进全省第一方阵”战略目", lines), lines


@pytest.mark.parametrize("name", ["page007", "page008"])
def test_the_rules_between_stacked_articles_are_found(name):
    # A vertical headline reaching down to the next article's kicker leaves no empty band
    # between them: the rule drawn under each article (and under the masthead) parts them.
    picture = Image.open(BytesIO(damaged(rendered(FIXED / f"{name}.pdf", 150), random.Random(name))))
    straight, _ = deskewed(picture.convert("L"))
    articles = PageTruth.from_json((FIXED / f"{name}.json").read_text(encoding="utf-8")).articles
    assert len(horizontal_rules(straight)) == 1 + len(articles)


def printed_box(pdf: Path, text: str, dpi: int) -> tuple[int, int, int, int]:
    """Where the PDF prints ``text`` (its text layer), in pixels of the page rendered at ``dpi``:
    left, top, right, bottom."""
    page = pdfium.PdfDocument(pdf)[0]
    text_page = page.get_textpage()
    first, count = text_page.search(text).get_next()
    boxes = [text_page.get_charbox(first + n) for n in range(count)]  # left, bottom, right, top in points
    scale, height = dpi / 72, page.get_height()
    return (round(min(b[0] for b in boxes) * scale), round((height - max(b[3] for b in boxes)) * scale),
            round(max(b[2] for b in boxes) * scale), round((height - min(b[1] for b in boxes)) * scale))


def test_a_centred_byline_above_the_columns_is_no_indented_paragraph():
    # The second article of page008 from its kicker to the first lines of its first two columns,
    # found around its byline (本报评论员, centred above the columns).
    left, top, right, bottom = printed_box(FIXED / "page008.pdf", "本报评论员", 200)
    line = bottom - top
    picture = rendered(FIXED / "page008.pdf", 200).crop((0, top - 7 * line, right + 4 * line, bottom + 9 * line))
    picture = picture.convert("L")
    out = BytesIO()
    picture.save(out, "PNG")
    lines = read_picture(out.getvalue(), OcrOptions()).text.text.splitlines()
    assert "本报评论员" in lines  # as the page reader takes a byline: not a paragraph's first line
    assert any(line.startswith("\u3000\u3000请为查究") for line in lines), lines


@pytest.mark.parametrize(("read", "meant"), [
    ("口 本报记者 韩平", "□ 本报记者 韩平"),  # as RapidOCR read page004's byline
    ("—桂施政计划", "——桂施政计划"),  # and its subtitle, at 300 dpi
    ("口号响亮", "口号响亮"), ("口述 张三 整理", "口述 张三 整理"), ("—", "—"), ("——", "——")])
def test_marks_read_as_what_they_look_like_are_given_back(read, meant):
    line = TextLine(read, [(n, 0, 1, 1) for n in range(len(read))])
    restored = _marks_restored(line)
    assert restored.chars == meant and len(restored.boxes) == len(meant)


def test_tesseract_reads_the_masthead(truth):
    picture = rendered(FIXED / f"{PAGE}.pdf", 200)
    band = picture.crop((0, 0, picture.width, picture.height // 12))
    lines = TesseractEngine().read(band, "chi_sim")
    text = squeezed(page_text(lines).text)
    assert "2024年11月27日" in text and "星期三" in text


def test_a_picture_gazette_cannot_decode_is_one_line(tmp_path):
    bad = tmp_path / "2024-11-27_05.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "import", str(bad)])
    assert result.exit_code == 1
    [failed] = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert str(bad) in failed and "Traceback" not in result.output


def test_unsure_characters_are_placed_in_the_article_text():
    raw = "标题\n　　文字识别不准"
    confidence = [0.99, 0.5, None, None, None, 0.9, 0.3, 0.4, 0.95, 0.99, 0.2]
    # the article reads the title and the paragraph; an editor corrected 准 to 确
    assert unsure_spans("标题\n文字识别不确", raw, confidence, [0, 1]) == ((1, 2), (4, 6))


def test_search_on_the_command_line_names_the_page_as_printed(ocr_archive, truth):
    phrase = squeezed(truth.articles[0].paragraphs[0])[10:16]
    result = CliRunner().invoke(cli, ["--archive", str(ocr_archive.root), "search", phrase])
    assert result.exit_code == 0, result.output
    assert "  2024-11-27  第B5版  " in result.output


def test_what_ocr_read_goes_out_as_alto_with_its_boxes_and_confidence(ocr_archive, tmp_path):
    from lxml import etree

    out = tmp_path / "ocr.alto.xml"
    result = CliRunner().invoke(cli, ["--archive", str(ocr_archive.root), "export", "--all", "--format", "alto",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
    strings = etree.parse(str(out)).findall(".//a:String", ns)
    assert len(strings) > 500
    assert all(s.get("HPOS") and s.get("WIDTH") and s.get("WC") for s in strings)
    assert any(float(s.get("WC")) < 1.0 for s in strings)
