"""Bounded work: a small file cannot make an import decode billions of pixels, parse
megabytes of text or run for minutes. Each limit refuses the file with its own message, before
the work it bounds, and the archive stays as it was."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from conftest import SEED
from tiffs import tiff

from viewer import limits, pictures
from viewer.ingest import ReadOptions

SCAN = ReadOptions(date=None, page=None)


def import_one(archive, path):
    report = archive.importing.import_paths([path], SCAN)
    assert len(report.outcomes) == 1
    return report.outcomes[0]


def assert_unchanged(archive):
    assert archive.browsing.is_empty()
    assert not [p for p in (archive.root / "pages").rglob("*") if p.is_file()]


def test_a_page_claiming_20000_by_20000_is_refused_before_it_is_decoded(archive, tmp_path):
    bomb = tmp_path / "2025-04-03_01.tif"
    bomb.write_bytes(tiff([(64, 32), (20000, 20000)]))
    assert bomb.stat().st_size < 600
    outcome = import_one(archive, bomb)
    assert outcome.status == "failed"
    assert outcome.message == (f"{bomb}: page 2 of the picture, 20000 × 20000 pixels, is more than the "
                               "150 million pixels a page picture may have")
    assert_unchanged(archive)


def test_a_hundred_blank_pages_are_refused_at_once(archive, tmp_path):
    bomb = tmp_path / "2025-04-03_01.tif"
    bomb.write_bytes(tiff([(12000, 12000)] * 100))
    outcome = import_one(archive, bomb)
    assert outcome.status == "failed"
    assert outcome.message == (f"{bomb}: 100 pages in one file is more than the 64 a file may have; "
                               "split it into issues")
    assert_unchanged(archive)


def test_the_pixels_of_all_pages_together_are_bounded(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(pictures, "MAX_FILE_PIXELS", 2 * 4000 * 4000)
    scan = tmp_path / "2025-04-03_01.tif"
    scan.write_bytes(tiff([(4000, 4000)] * 3))
    outcome = import_one(archive, scan)
    assert outcome.status == "failed"
    assert outcome.message == f"{scan}: its first 3 pages hold more than the 32 million pixels one file may have"
    assert_unchanged(archive)


def test_a_multi_page_scan_within_the_limits_imports_every_page(archive, tmp_path):
    scan = tmp_path / "2025-04-03_01.tif"
    scan.write_bytes(tiff([(640, 480)] * 3))
    outcome = import_one(archive, scan)
    assert outcome.status == "imported", outcome.message
    assert outcome.message.startswith("2025-04-03 page 1, 2025-04-03 page 2, 2025-04-03 page 3")


def test_a_file_that_takes_too_long_is_stopped_between_pages(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "SECONDS_PER_FILE", 0.0)
    scan = tmp_path / "2025-04-03_01.tif"
    scan.write_bytes(tiff([(640, 480)] * 3))
    outcome = import_one(archive, scan)
    assert outcome.status == "failed"
    assert outcome.message == (f"{scan}: reading took more than the 0 s a file may take (stopped at page 1 "
                               "of 3); nothing of it was imported")
    assert_unchanged(archive)


def test_a_pdf_with_too_many_pages_is_refused(archive, tmp_path):
    document = pdfium.PdfDocument.new()
    for _ in range(limits.MAX_PAGES_PER_FILE + 1):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    pdf = tmp_path / "2025-04-03_01.pdf"
    pdf.write_bytes(buffer.getvalue())
    outcome = import_one(archive, pdf)
    assert outcome.status == "failed"
    assert outcome.message == f"{pdf}: 65 pages in one file is more than the 64 a file may have; split it into issues"
    assert_unchanged(archive)


def test_text_beyond_the_size_of_a_page_is_refused(archive, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(text + "交" * (limits.MAX_TEXT_CHARS - len(text) + 1), encoding="utf-8")
    outcome = import_one(archive, big)
    assert outcome.status == "failed"
    assert outcome.message == f"{big}: 2,000,001 characters is more than the 2,000,000 a page of text may have"
    assert_unchanged(archive)


def test_text_within_the_limit_is_read(archive, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    page = tmp_path / "long.txt"
    page.write_text(text + "\n\n" + "交城" * (limits.MAX_TEXT_CHARS // 8), encoding="utf-8")
    assert import_one(archive, page).status == "imported"


def test_ocr_gives_a_file_more_time_per_page_it_reads():
    from viewer.errors import InputError
    from viewer.limits import Deadline

    deadline = Deadline("scan.tif", seconds=0)
    with pytest.raises(InputError, match="scan.tif: reading took more than the 0 s"):
        deadline.check("page 1")
    deadline.allow(60)
    deadline.check("page 1")  # within the time OCR of a page is given
