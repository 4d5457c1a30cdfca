"""Reflow on pages the test typesets itself: paragraphs wrapped at a column width, first lines
two characters short, blank lines sprinkled, columns of different widths in one page."""

from __future__ import annotations

import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from viewer.ingest.reflow import RUN_LOOK, reflow
from viewer.ingest.textutil import display_width

CLAUSES = ["全县粮食生产再获丰收", "今年以来", "县委县政府高度重视", "持续推进乡村振兴战略", "新建道路36公里",
           "群众满意度明显提升", "各项工作稳步推进", "完成投资107.48亿元", "同比增长4.6%", "交城县融媒体中心报道",
           "春耕生产有序开展", "推动高质量发展", "加强生态环境保护", "打造特色品牌"]


def sentence(rnd: random.Random) -> str:
    clauses = rnd.sample(CLAUSES, rnd.randint(1, 4))
    return "，".join(clauses) + rnd.choice("。。。！？")


def paragraph(rnd: random.Random) -> str:
    """A news paragraph: a few sentences, several lines in any column."""
    return "".join(sentence(rnd) for _ in range(rnd.randint(3, 7)))


def wrap(text: str, width: float, indent: float) -> list[str]:
    """Typeset a paragraph: the first line two em short (its indent), the others full."""
    lines, line, limit = [], "", width - indent
    for char in text:
        if line and display_width(line + char) > limit:
            lines.append(line)
            line, limit = "", width
        line += char
    return lines + [line]


def visible_break(previous: list[str], following: list[str], width: int) -> bool:
    """Whether a reader could see the paragraph break from the layout alone: the last line ran
    out short of what it had room for, or the next paragraph's first line is indented and runs
    on. A full last line followed by a one-line paragraph, or a one-line paragraph that fills
    its line, reads the same on paper as a paragraph that goes on."""
    room = width - 2 if len(previous) == 1 else width
    indented = len(previous) > 1 and len(following) > 1 and following[0][-1] not in "。！？"
    return display_width(previous[-1]) < room - 3 or indented


def typeset_page(rnd: random.Random, widths: list[int]) -> tuple[list[str], list[str]]:
    """Paragraphs and their lines: one column per width, each long enough to show its width
    (RUN_LOOK lines, opening with a paragraph of four lines and closing with one of three),
    blank lines anywhere, and every paragraph break one a reader could see."""
    paragraphs, wrapped, column_of = [], [], []
    for column, width in enumerate(widths):
        wanted = rnd.randint(1, 5)
        while column_of.count(column) < wanted or sum(
                len(lines) for lines, c in zip(wrapped, column_of) if c == column) < RUN_LOOK or sum(
                len(lines) - 2 for lines, c in zip(wrapped, column_of) if c == column and len(lines) > 2) < 2:
            text = paragraph(rnd)
            lines = wrap(text, width, 2)
            if column not in column_of and len(lines) < 4:
                continue  # a column opens with full lines that show its width
            if column not in column_of and wrapped and len(wrapped[-1]) < 3:
                paragraphs[-1] += sentence(rnd)  # and the one before closes with full lines
                wrapped[-1] = wrap(paragraphs[-1], widths[column_of[-1]], 2)
                continue
            if wrapped and not visible_break(wrapped[-1], lines, min(widths[column_of[-1]], width)):
                paragraphs[-1] += sentence(rnd)  # lengthen the previous paragraph and try again
                wrapped[-1] = wrap(paragraphs[-1], widths[column_of[-1]], 2)
                continue
            paragraphs.append(text)
            wrapped.append(lines)
            column_of.append(column)
    lines = []
    for paragraph_lines in wrapped:
        for line in paragraph_lines:
            lines.append(line)
            if rnd.random() < 0.2:
                lines.append("")  # blank lines prove nothing
    return paragraphs, [line for line in lines if line]


# Derandomized so CI sees the same 300 pages every run; explored with 12,000 random ones.
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(0, 2**32), st.lists(st.integers(12, 32), min_size=1, max_size=3))
def test_reflow_recovers_the_paragraphs(seed, widths):
    # Columns of near widths read as one run of uneven lines, and near the change a short line
    # may belong to either; the seed's columns (13 and 30 em) differ far more than this.
    assume(all(max(a, b) / min(a, b) >= 1.5 for a, b in zip(widths, widths[1:])))
    paragraphs, lines = typeset_page(random.Random(seed), widths)
    assert reflow(lines) == paragraphs


def test_a_short_line_without_full_stop_is_a_heading():
    lines = ["一、构建现代产业体系", "持续做强主导产业，抢抓政策机遇，做强主", "导产业链，不断提升主导产业竞争力，加快",
             "建设步伐。"]
    assert reflow(lines) == ["一、构建现代产业体系",
                             "持续做强主导产业，抢抓政策机遇，做强主导产业链，不断提升主导产业竞争力，加快建设步伐。"]


def test_latin_words_split_over_lines_keep_their_space():
    assert reflow(["The Evening Star", "reported on Monday."]) == ["The Evening Star reported on Monday."]


def test_ideographic_space_indents_start_paragraphs():
    lines = ["第一段很短。", "第二段也很短。", "仍是第二段。"]
    assert reflow(lines, [True, True, False]) == ["第一段很短。", "第二段也很短。仍是第二段。"]
