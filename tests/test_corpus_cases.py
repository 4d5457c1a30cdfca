"""Faults found on freshly generated corpus pages (bench/fidelity.py --generate), each kept as
the page that showed it (tests/corpus/cases: the generator's page, printed by Chromium and read
by pdftotext and Gazette's PDF import; regenerate with ``tests/corpus/render.py --first SEED
--pages 1 --out tests/corpus/cases``). The fixed set (tests/corpus/fixed) stays the measure the
rules are not tuned to; these pages are the faults' witnesses."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import PageTruth
from corpus.readings import read_page

CASES = Path(__file__).resolve().parent / "corpus" / "cases"


def truth(name: str) -> PageTruth:
    return PageTruth.from_json((CASES / f"{name}.json").read_text(encoding="utf-8"))


def article_with_title(page, title: str):
    return next(a for a in page.articles if "".join(a.title.split()) == "".join(title.split()))


INTERLEAVED = pytest.mark.xfail(strict=True, reason=(
    "plain pdftotext prints the first row of a body's columns as blocks of one line each, then the "
    "columns' other lines: 本报讯（记者 吕欣 is followed by the four other columns' first lines, and "
    "毛海亮）辄言于极峰 comes after them; the text alone does not say which line goes on which"))


@pytest.mark.parametrize("path", [pytest.param("text", marks=INTERLEAVED), "layout", "pdf"])
def test_a_lead_broken_at_the_space_between_two_names(path):
    """本报讯（记者 吕欣⏎毛海亮）: the extractor drops the space at the line end; both halves are
    names of two or more characters, so they stay two names (许国⏎振 is one: fixed/page001)."""
    want = next(a for a in truth("page1038").articles if a.title == "全国运动会之会外琼屑")
    article = article_with_title(read_page(CASES, "page1038", path), want.title)
    assert sorted((c.role, c.name) for c in article.credits) == sorted(want.credits)


def _norm(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", ["page1003", "page1005", "page1007"])
def test_a_sub_heading_set_apart_in_plain_text_is_a_paragraph_of_its_own(name):
    """pdftotext sets a bold sub-heading as a block of one line, blank lines above and below; in
    a narrow column it is nearly as wide as the column, so only being set apart tells it from
    the first line of the paragraph under it (whose indent plain text drops)."""
    page = read_page(CASES, name, "text")
    read_paragraphs = {_norm(p) for a in page.articles for p in a.paragraphs}
    flat = _norm(page.raw_text)
    for article in truth(name).articles:
        for at in article.subheadings:
            heading, after = article.paragraphs[at], article.paragraphs[at + 1]
            assert _norm(heading) in read_paragraphs
            # the paragraph under it, unbroken in the input and longer than one line (a paragraph
            # of one full line that ends a sentence reads on: page1007's, which plain text cannot tell)
            if _norm(heading + after) in flat and len(after) > 20:
                assert _norm(after) in read_paragraphs
