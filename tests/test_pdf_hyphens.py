"""Words broken by a hyphen at a line end of a PDF text layer come back whole."""

from __future__ import annotations

import datetime as dt

from conftest import DATA

from viewer.ingest import ReadOptions
from viewer.ingest.pdf import HYPHEN_AT_LINE_END, read_pdf

PDF_1878 = DATA / "alto" / "chronam-1878" / "0011.pdf"  # its layer marks 87 line-end hyphens


def test_line_end_hyphens_are_joined_and_each_character_keeps_its_box():
    [page] = read_pdf(PDF_1878.read_bytes(), str(PDF_1878))
    assert HYPHEN_AT_LINE_END not in page.text
    assert "Abonnement" in page.text and "bedeutender" in page.text  # printed Abon-/nement, bedeu-/tender
    assert len(page.boxes) == len(page.text)


def test_a_joined_word_is_found_by_search(archive):
    [outcome] = archive.import_paths([PDF_1878], ReadOptions(date=dt.date(1878, 1, 3), page=1)).outcomes
    assert outcome.status == "imported", outcome.message
    assert archive.search("Abonnement").total >= 1
