"""Words broken by a hyphen at a line end of a PDF text layer come back whole."""

from __future__ import annotations

import datetime as dt
import io

from conftest import DATA
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from viewer.ingest import ReadOptions
from viewer.ingest.pdf import HYPHEN_AT_LINE_END, read_pdf

PDF_1878 = DATA / "alto" / "chronam-1878" / "0011.pdf"  # its layer marks 87 line-end hyphens


def test_line_end_hyphens_are_joined_and_each_character_keeps_its_box():
    [page] = read_pdf(PDF_1878.read_bytes(), str(PDF_1878))
    assert HYPHEN_AT_LINE_END not in page.text
    assert "Abonnement" in page.text and "bedeutender" in page.text  # printed Abon-/nement, bedeu-/tender
    assert len(page.boxes) == len(page.text)


def test_a_joined_word_is_found_by_search(archive):
    [outcome] = archive.importing.import_paths([PDF_1878], ReadOptions(date=dt.date(1878, 1, 3), page=1)).outcomes
    assert outcome.status == "imported", outcome.message
    assert archive.searching.search("Abonnement").total >= 1


def test_a_hyphen_beside_chinese_is_kept_as_printed():
    """Chinese is never hyphenated: 煤- at a line end is the hyphen of 煤-焦化, and stays."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(300, 200))
    pdf.setFont("STSong-Light", 12)
    for y, line in ((150, "推进煤-"), (135, "焦化产业链"), (110, "the anti-"), (95, "leaguers met")):
        pdf.drawString(20, y, line)
    pdf.save()
    [page] = read_pdf(buffer.getvalue(), "hyphens.pdf")
    assert "推进煤-焦化产业链" in page.text.replace("\n", "")
    assert "antileaguers" in page.text and HYPHEN_AT_LINE_END not in page.text
