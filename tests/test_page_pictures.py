"""Page PDFs and scans: text and metadata read, pictures stored by hash with preview and
thumbnail, article regions and hit boxes on the picture, bad files refused cleanly."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import DATA, SEED
from makepages import PARAGRAPHS, png_claiming, scan, seed_like_pdf, textless_pdf
from PIL import Image

from viewer.archive import Archive
from viewer.ingest import ReadOptions, date_and_page_from_name
from viewer.ingest.ocr import OcrOptions
from viewer.ingest.pdf import RENDER_LONG_SIDE, RENDER_MAX_SCALE
from viewer.reread import reread_pages


def files_in(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def unchanged(archive):
    stats = archive.browsing.stats()
    return stats["pages"] == 0 and stats["articles"] == 0 and not files_in(archive.root / "pages")


def test_pdf_laid_out_like_the_seed(archive, tmp_path):
    [outcome] = archive.importing.import_paths([seed_like_pdf(tmp_path / "page.pdf")]).outcomes
    assert outcome.status == "imported", outcome.message
    article = archive.browsing.article(outcome.article_ids[0]).to_json()
    assert (article["date"], article["page"], article["section"], article["weekday"]) == (
        "2025-04-03", 8, "县域·交城", "星期四")
    assert article["page_credits"]["组版"] == ["惠爱宏", "李晓玲"] and article["page_credits"]["合办"] == [
        "交城县融媒体中心"]
    assert article["title"] == "“改革攻坚”与“民生提质”双轮驱动"
    assert article["subtitle"] == "——交城县八大举措擘画新图景"
    assert article["credits"] == {"文": ["冀美丽"], "图": ["褚泰杰", "田谷仓"]}
    assert article["paragraphs"] == PARAGRAPHS  # the indents came back from the positions

    picture = archive.root / article["page_image"]
    with Image.open(picture) as image:
        width, height = image.size
    scale = min(RENDER_MAX_SCALE, RENDER_LONG_SIDE / 850)  # 300 dpi here
    assert abs(height - 850 * scale) <= 1 and abs(width - 600 * scale) <= 1
    regions = article["regions"]
    assert len(regions) >= 3  # the headline and three columns
    for x, y, w, h in regions:
        assert 0 <= x and 0 <= y and x + w <= width and y + h <= height
    column_lefts = sorted({round(x * 600 / width) for x, _, _, _ in regions})
    assert [left for left in column_lefts if left >= 100] == [110, 270, 430]

    boxes = archive.searching.hit_boxes(article["id"], "城乡发展协同推进")
    assert len(boxes) == 1
    x, y, w, h = boxes[0]
    assert any(rx <= x and x + w <= rx + rw and ry <= y and y + h <= ry + rh for rx, ry, rw, rh in regions)


def test_picture_stored_once_with_preview_and_thumbnail(archive, tmp_path):
    outcome = archive.importing.import_paths([seed_like_pdf(tmp_path / "page.pdf")]).outcomes[0]
    page_image = archive.browsing.article(outcome.article_ids[0]).to_json()["page_image"]
    stored = files_in(archive.root / "pages")
    assert len(stored) == 3
    assert {p.name.split(".", 1)[1] for p in stored} == {"jpg", "preview.jpg", "thumb.jpg"}
    with Image.open(archive.root / page_image.replace(".jpg", ".preview.jpg")) as preview:
        assert max(preview.size) == 2400
    with Image.open(archive.root / page_image.replace(".jpg", ".thumb.jpg")) as thumbnail:
        assert max(thumbnail.size) == 240


def test_multi_page_pdf_is_consecutive_pages_of_one_issue(archive, tmp_path):
    [outcome] = archive.importing.import_paths([seed_like_pdf(tmp_path / "two.pdf", page=3, pages=2)]).outcomes
    assert outcome.status == "imported" and outcome.message.startswith("2025-04-03 page 3, 2025-04-03 page 4")
    assert [archive.browsing.article(i).to_json()["page"] for i in outcome.article_ids] == [3, 4]
    assert archive.browsing.stats()["issues"] == 1


def test_pdf_without_text_is_a_scan_dated_by_its_name(archive, tmp_path):
    [refused] = archive.importing.import_paths([textless_pdf(tmp_path / "blank.pdf")]).outcomes
    assert refused.status == "failed" and refused.needs == ("date", "page")
    [outcome] = archive.importing.import_paths([textless_pdf(tmp_path / "2025-04-03_08.pdf")]).outcomes
    assert outcome.status == "imported" and outcome.article_ids == []
    assert any("no text layer" in w for w in outcome.warnings)
    assert archive.browsing.stats()["pages"] == 1


@pytest.mark.parametrize("name, expected", [
    ("2025-04-03_08.jpg", (dt.date(2025, 4, 3), 8)),
    ("20250403-08.tif", (dt.date(2025, 4, 3), 8)),
    ("jiaocheng-2025-04-03-p8.pdf", (dt.date(2025, 4, 3), 8)),
    ("scan-0007.jpg", (None, None)),
])
def test_dates_and_pages_from_file_names(tmp_path, name, expected):
    assert date_and_page_from_name(tmp_path / name) == expected


def test_scan_with_its_text_beside_it(archive, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    scan(folder / "p8.jpg")
    shutil.copy(SEED, folder / "p8.txt")
    report = archive.importing.import_paths([folder])
    [outcome] = report.outcomes  # the .txt is read with its scan, not as a page of its own
    assert outcome.status == "imported"
    article = archive.browsing.article(outcome.article_ids[0]).to_json()
    assert article["title"] == "“改革攻坚”与“民生提质”双轮驱动" and article["page_image"].endswith(".jpg")
    assert article["regions"] == []  # plain text has no positions


def test_a_scan_named_for_another_day_than_its_texts_masthead_is_refused_naming_both(archive, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    scan(folder / "2025-04-04_08.jpg")
    shutil.copy(SEED, folder / "2025-04-04_08.txt")  # its masthead says 2025年4月3日
    [refused] = archive.importing.import_paths([folder]).outcomes
    assert refused.status == "failed" and refused.needs == ("date",)
    assert "the masthead says 2025-04-03 but the file name says 2025-04-04" in refused.message
    assert archive.browsing.is_empty()
    # Told a date, it is no longer a guess from the name: the masthead wins, with a warning.
    told = Archive(tmp_path / "told", create=True)
    [outcome] = told.importing.import_paths([folder], ReadOptions(date=dt.date(2025, 4, 4))).outcomes
    assert outcome.status == "imported" and "the masthead wins" in " ".join(outcome.warnings)
    told.close()
    # Told that the date given is the page's (the window's "which date?" answered), it is.
    answered = Archive(tmp_path / "answered", create=True)
    [outcome] = answered.importing.import_paths([folder], ReadOptions(date=dt.date(2025, 4, 4),
                                                                      date_wins=True)).outcomes
    assert outcome.status == "imported"
    assert outcome.warnings == ["the masthead says 2025-04-03: imported as 2025-04-04, the date given"]
    assert [p.last_date for p in answered.browsing.publications()] == ["2025-04-04"]
    [reread] = reread_pages(answered)  # read again, it stays on the date chosen
    assert not reread.error
    [publication] = answered.browsing.publications()
    assert [i.date for i in answered.browsing.issues_in_month(publication.id, 2025, 4)] == ["2025-04-04"]
    answered.close()
    # Renamed to agree, it goes in as it is.
    for suffix in (".jpg", ".txt"):
        (folder / f"2025-04-04_08{suffix}").rename(folder / f"2025-04-03_08{suffix}")
    [agreed] = archive.importing.import_paths([folder]).outcomes
    assert agreed.status == "imported" and not agreed.warnings


def test_multi_page_tiff(archive, tmp_path):
    frames = [Image.new("L", (800, 1100), shade) for shade in (200, 220)]
    frames[0].save(tmp_path / "2025-04-03_01.tif", save_all=True, append_images=frames[1:])
    [outcome] = archive.importing.import_paths([tmp_path / "2025-04-03_01.tif"]).outcomes
    assert outcome.status == "imported" and "page 1, 2025-04-03 page 2" in outcome.message


def test_truncated_pdf_is_refused_and_changes_nothing(archive, tmp_path):
    data = seed_like_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:len(data) // 3])
    [outcome] = archive.importing.import_paths([tmp_path / "cut.pdf"]).outcomes
    assert outcome.status == "failed" and str(tmp_path / "cut.pdf") in outcome.message
    assert unchanged(archive)


def test_corrupt_jpeg_is_refused_and_changes_nothing(archive, tmp_path):
    data = scan(tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "2025-04-03_08.jpg").write_bytes(data[:len(data) // 2])
    [outcome] = archive.importing.import_paths([tmp_path / "2025-04-03_08.jpg"]).outcomes
    assert outcome.status == "failed" and "damaged or truncated" in outcome.message
    assert unchanged(archive)


def test_oversized_picture_is_refused_before_it_is_decoded(archive, tmp_path):
    for width, height in ((13_000, 12_000), (60_000, 60_000)):  # over the limit; over Pillow's own
        bomb = png_claiming(tmp_path / "2025-04-03_08.png", width, height)
        [outcome] = archive.importing.import_paths([bomb]).outcomes
        assert outcome.status == "failed" and "million pixels a page picture may have" in outcome.message
        assert unchanged(archive)


def test_real_newspaper_pdf_with_hidden_ocr_text(archive):
    pdf = DATA / "alto" / "chronam-1920" / "0007.pdf"
    [outcome] = archive.importing.import_paths([pdf], ReadOptions(date=dt.date(1920, 11, 15), page=7)).outcomes
    assert outcome.status == "imported", outcome.message
    article = archive.browsing.article(outcome.article_ids[0]).to_json()
    assert "Crown Prince Frederick William" in " ".join(article["paragraphs"])
    assert (archive.root / article["page_image"]).is_file() and article["regions"]
    assert archive.searching.hit_boxes(article["id"], "Crown Prince")


def test_real_scan_of_jingbao(archive):
    jpg = DATA / "jingbao-1930-1939" / "jb_1332_1930-04-30_0002+0003.jpg"
    # the picture as stored; what OCR makes of this scan is measured by bench/ocr.py
    options = ReadOptions(publication="晶報", date=dt.date(1930, 4, 30), page=2, ocr=OcrOptions(mode="never"))
    [outcome] = archive.importing.import_paths([jpg], options).outcomes
    assert outcome.status == "imported", outcome.message
    [stored] = [p for p in files_in(archive.root / "pages") if p.suffix == ".jpg" and "." not in p.stem]
    with Image.open(archive.root / "pages" / stored) as image:
        assert image.size == (4768, 3328)
    # the size recorded is the scan's, not its preview's (a JPEG preview is decoded reduced)
    assert archive.store.db.execute("SELECT image_width, image_height FROM page").fetchone() == (4768, 3328)
