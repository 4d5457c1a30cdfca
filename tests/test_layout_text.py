"""Reading ``pdftotext -layout`` text (viewer/ingest/layout_text.py): the committed corpus pages
against their truths, the seed and plain text left alone, and nothing lost."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED
from corpus import FIXED, PageTruth
from hypothesis import given, settings
from hypothesis import strategies as st
from test_nothing_lost import STRUCTURAL, inventory

from viewer.ingest import ReadOptions, read_page_text
from viewer.ingest.epaper import read_epaper_text
from viewer.ingest.layout_text import looks_like_layout, reading_order
from viewer.ingest.textutil import non_space
from viewer.model import Page
from viewer.vertical import horizontal

NAMES = sorted(p.stem for p in FIXED.glob("*.json"))


def norm(text: str) -> str:
    return "".join(text.split())


def read(text: str) -> Page:
    return read_page_text(Path("page.layout.txt"), text, ReadOptions(publication="测试报"))


def corpus_page(name: str) -> tuple[str, PageTruth, Page]:
    text = (FIXED / f"{name}.layout.txt").read_text(encoding="utf-8")
    truth = PageTruth.from_json((FIXED / f"{name}.json").read_text(encoding="utf-8"))
    return text, truth, read(text)


def matching(truth_article, page: Page):
    first = norm(truth_article.paragraphs[0])
    return next((a for a in page.articles if any(norm(p) == first for p in a.paragraphs)),
                next((a for a in page.articles if norm(a.title) == norm(truth_article.title)), None))


@pytest.mark.parametrize("name", NAMES)
def test_corpus_layout_text_is_recognised_and_its_page_read(name):
    text, truth, page = corpus_page(name)
    assert looks_like_layout(text)
    assert (page.number, page.label, page.section, page.date.isoformat(), page.weekday) == \
        (truth.number, truth.label, truth.section, truth.date, truth.weekday)
    assert sorted((c.role, c.name) for c in page.credits) == sorted(truth.credits)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_layout_text_loses_nothing(name):
    """Every character comes out (the credits read from a story's lead or a caption stay in its
    text too, so they are counted twice: only what is missing is asked about)."""
    text, _, page = corpus_page(name)
    assert Counter(non_space(reading_order(text))) == Counter(non_space(text))
    missing = Counter(non_space(horizontal(text))) - inventory(page, text)
    assert set(missing) <= STRUCTURAL, f"lost: {dict(missing)}"


@pytest.mark.parametrize("name", NAMES)
def test_corpus_layout_text_paragraphs_come_in_order(name):
    """Every truth paragraph that is read whole is read in its article, after the ones before it."""
    _, truth, page = corpus_page(name)
    for article in truth.articles:
        found = matching(article, page)
        if found is None:
            continue
        read_order = [norm(p) for p in found.paragraphs]
        places = [read_order.index(norm(p)) for p in article.paragraphs if norm(p) in read_order]
        assert places == sorted(places), article.title


def test_corpus_layout_text_against_the_truths():
    """Bounds the reader meets on the committed pages with some margin (measured: paragraph F1
    0.948, titles 18/18, byline names 18/18, kickers and subtitles 35/36)."""
    matched = read_count = truth_count = 0
    titles = names = heads = articles = 0
    for name in NAMES:
        _, truth, page = corpus_page(name)
        want = Counter(norm(p) for a in truth.articles for p in a.paragraphs)
        got = Counter(norm(p) for a in page.articles for p in a.paragraphs) + Counter(norm(p) for p in page.unassigned)
        matched += sum((want & got).values())
        truth_count += sum(want.values())
        read_count += sum(got.values())
        for article in truth.articles:
            articles += 1
            found = matching(article, page)
            if found is None:
                continue
            titles += norm(found.title) == norm(article.title)
            names += sorted(c.name for c in found.credits) == sorted(n for _, n in article.credits)
            heads += (found.kicker == article.kicker) + (found.subtitle == article.subtitle)
    precision, recall = matched / read_count, matched / truth_count
    assert 2 * precision * recall / (precision + recall) >= 0.92
    assert titles >= articles - 1
    assert names >= articles - 2
    assert heads >= 2 * articles - 2


def test_the_seed_is_not_layout_text_and_reads_as_before():
    text = SEED.read_text(encoding="utf-8")
    assert not looks_like_layout(text)
    options = ReadOptions(publication="测试报")
    page = read_page_text(Path("seed.txt"), text, options)
    assert page == read_epaper_text(text, publication="测试报")


@pytest.mark.parametrize("name", NAMES)
def test_plain_pdftotext_is_not_layout_text(name):
    assert not looks_like_layout((FIXED / f"{name}.txt").read_text(encoding="utf-8"))


def test_columns_side_by_side_are_read_one_after_the_other():
    text = ("1版 要闻 2025年4月3日 星期四\n\n"
            "  第一栏第一行文字很长      第二栏第一行文字很长\n"
            "第一栏第二行文字很长        第二栏第二行文字很长\n"
            "第一栏第三行。              第二栏第三行。\n")
    lines = [line for line in reading_order(text).splitlines() if line.strip()]
    assert [line.strip() for line in lines] == [
        "1版 要闻 2025年4月3日 星期四", "第一栏第一行文字很长", "第一栏第二行文字很长", "第一栏第三行。",
        "第二栏第一行文字很长", "第二栏第二行文字很长", "第二栏第三行。"]
    assert lines[1].startswith("\u3000\u3000")  # a first line, set in from its column's edge


def test_vertical_columns_are_read_right_to_left_before_the_body():
    text = ("1版 要闻 2025年4月3日 星期四\n\n"
            "                              标    题\n"
            "第一栏第一行文字很长      第二栏第一行文字很长\n"
            "                              记    第\n"
            "第一栏第二行文字很长      第二栏第二行文字很长\n"
            "                              者    二\n"
            "第一栏第三行文字很长      第二栏第三行文字很长\n")
    lines = [line for line in reading_order(text).splitlines() if line.strip()]
    assert lines[1:7] == ["题", "第", "二", "标", "记", "者"]
    assert lines[7] == "第一栏第一行文字很长"


def test_a_layout_page_reads_with_the_options_when_it_has_no_masthead():
    rows = [("  第一栏第一行文字很长", "第二栏第一行文字很长"), ("第一栏第二行文字很长", "第二栏第二行文字很长"),
            ("第一栏第三行。", "第二栏第三行。"), ("第一栏第四行文字很长", "第二栏第四行文字很长")]
    text = "".join(left.ljust(20) + right + "\n" for left, right in rows)
    assert looks_like_layout(text)
    page = read_page_text(Path("p.txt"), text, ReadOptions(date=dt.date(2025, 1, 1), page=2))
    assert non_space("".join(page.articles[0].paragraphs)) == non_space(
        "第一栏第一行文字很长第一栏第二行文字很长第一栏第三行。第一栏第四行文字很长"
        "第二栏第一行文字很长第二栏第二行文字很长第二栏第三行。第二栏第四行文字很长")


LAYOUTISH = st.lists(st.tuples(st.integers(0, 40), st.text(st.sampled_from(list("交城县改革□/文图记者、。——1 ")),
                                                            max_size=16)), max_size=60)


@settings(max_examples=150, deadline=None)
@given(LAYOUTISH)
def test_reading_order_moves_only_spaces(rows):
    text = "\n".join(" " * indent + body + "   " + body[::-1] for indent, body in rows)
    assert Counter(non_space(reading_order(text))) == Counter(non_space(text))


def test_text_read_with_columns_off_keeps_its_lines():
    """A PDF's own text is read as it is: its character boxes follow it character for character."""
    text = (FIXED / f"{NAMES[0]}.layout.txt").read_text(encoding="utf-8")
    page = read_page_text(Path("page.pdf"), text, ReadOptions(publication="测试报"), columns=False)
    assert page.raw_text == text
    assert read(text).raw_text != text
