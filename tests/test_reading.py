"""The reader on pages laid out unlike the seed: bylines, page roles, headlines, article starts.

Text cases are page texts in the extractor's shape; PDF cases are the committed corpus pages
(tests/corpus/fixed: HTML printed by Chromium), checked against the truth they were made from."""

from __future__ import annotations

import pytest
from corpus import FIXED, PageTruth

from viewer.ingest import ReadOptions, read_pdf_pages
from viewer.ingest.epaper import parse_byline, read_epaper_text
from viewer.ingest.masthead import parse_credits_line
from viewer.model import group_credits

MASTHEAD = "A8 要闻 2025年4月3日 星期四\n责编：王耀\n\n"
BODY = ("春日的交城大地处处涌动着奋进的热潮。3月 24日至3月28日，交城县十七\n"
        "届人大七次会议、政协十届五次会议召开。\n")


def read(text: str):
    page = read_epaper_text(MASTHEAD + text, publication="")
    assert page is not None
    return page


@pytest.mark.parametrize("line, expected", [
    ("□ 文/王耀 图/高振华 郭志远", {"文": ["王耀"], "图": ["高振华", "郭志远"]}),
    ("记者 王明 张建国 李华", {"记者": ["王明", "张建国", "李华"]}),
    ("文/图 张三", {"文": ["张三"], "图": ["张三"]}),
    ("图/文 张三", {"文": ["张三"], "图": ["张三"]}),
    ("本报评论员", {"本报评论员": [""]}),
])
def test_byline_forms(line, expected):
    assert group_credits(parse_byline(line)) == expected


@pytest.mark.parametrize("line, expected", [
    ("责任编辑:贾丽美术编辑：杨帆", {"责任编辑": ["贾丽"], "美术编辑": ["杨帆"]}),
    ("本版编辑：王耀 版式设计：李华 责任校对：张三", {"本版编辑": ["王耀"], "版式设计": ["李华"], "责任校对": ["张三"]}),
    ("值班编辑:王耀 审核：李华统筹：张三", {"值班编辑": ["王耀"], "审核": ["李华"], "统筹": ["张三"]}),
    ("值班编辑：侯耀 文桂美编：罗华静", {"值班编辑": ["侯耀", "文桂"], "美编": ["罗华静"]}),
    ("策划:王耀 监制：李华 出品：交城县融媒体中心", {"策划": ["王耀"], "监制": ["李华"], "出品": ["交城县融媒体中心"]}),
])
def test_the_longest_page_role_wins_and_unknown_roles_still_count(line, expected):
    assert group_credits(parse_credits_line(line)) == expected


def test_names_in_a_horizontal_byline_stay_apart():
    page = read("春耕备耕正当时\n记者 王明 张建国 李华\n\n" + BODY)
    assert group_credits(page.articles[0].credits) == {"记者": ["王明", "张建国", "李华"]}


def test_a_space_inside_a_horizontal_headline_is_kept():
    page = read("春耕备耕正当时 田间地头忙生产\n□ 文/图 张三\n\n" + BODY)
    article = page.articles[0]
    assert article.title == "春耕备耕正当时 田间地头忙生产"
    assert group_credits(article.credits) == {"文": ["张三"], "图": ["张三"]}


@pytest.mark.parametrize("start, credits", [
    ("县农业农村局开展春耕服务\n本报评论员\n", {"本报评论员": [""]}),
    ("县农业农村局开展春耕服务\n本报讯（记者 王明 张建\n国）", {"记者": ["王明", "张建国"]}),
    ("县农业农村局开展春耕服务\n新华社北京4月3日电（记者 王明）", {"记者": ["王明"]}),
    ("县农业农村局开展春耕服务\n（记者 王明 通讯员 李华）", {"记者": ["王明"], "通讯员": ["李华"]}),
    ("县农业农村局开展春耕服务\n——交城县八大举措擘画新图景\n", {}),
    ("全民健身迎春来\n县农业农村局开展春耕服务\n记者 王明\n", {"记者": ["王明"]}),
])
def test_article_starts_without_a_vertical_headline(start, credits):
    """The second article begins at its headline, not inside the first one's last paragraph."""
    page = read("春耕备耕正当时\n记者 李华\n\n" + BODY + "\n" + start + BODY)
    assert len(page.articles) == 2
    first, second = page.articles
    assert first.paragraphs == [BODY.replace("\n", "").replace(" ", "")]
    assert second.title == "县农业农村局开展春耕服务"
    assert group_credits(second.credits) == credits
    assert "".join(second.paragraphs).endswith("政协十届五次会议召开。")
    if start.startswith("全民健身迎春来"):
        assert second.kicker == "全民健身迎春来"
    if "——" in start:
        assert second.subtitle == "——交城县八大举措擘画新图景"


def test_a_sub_heading_stays_in_its_article():
    page = read("春耕备耕正当时\n记者 李华\n\n" + BODY + "\n田间地头忙生产\n" + BODY)
    assert len(page.articles) == 1
    assert "田间地头忙生产" in page.articles[0].paragraphs


def test_a_sub_heading_after_a_clause_mark_and_a_caption_after_a_full_line():
    """Older papers end a paragraph with 、; a caption opens with 图为 whatever ran before it."""
    old_style = BODY.replace("召开。", "召开、")
    page = read("春耕备耕正当时\n记者 李华\n\n" + old_style + "田间地头忙生产\n" + old_style +
                "图为技术人员在田间指导农户。\n")
    assert page.articles[0].paragraphs[1:] == ["田间地头忙生产", old_style.replace("\n", "").replace(" ", ""),
                                                "图为技术人员在田间指导农户。"]


def test_the_last_short_line_of_an_article_is_not_the_next_ones_kicker():
    page = read("春耕备耕正当时\n记者 李华\n\n" + BODY + "议、\n县农业农村局开展春耕服务\n记者 王明\n" + BODY)
    assert page.articles[1].kicker == ""
    assert page.articles[0].paragraphs[-1].endswith("议、")


def test_a_caption_names_its_photographer():
    page = read("春耕备耕正当时\n记者 李华\n\n" + BODY + "图为技术人员在田间指导农户。（摄影 王明）\n")
    assert group_credits(page.articles[0].credits) == {"记者": ["李华"], "摄影": ["王明"]}


PDF_PAGES = sorted(p.stem for p in FIXED.glob("page*.pdf"))  # (vertical-rl.pdf is a block, not a page)


@pytest.mark.parametrize("name", PDF_PAGES)
def test_corpus_pdf_pages_read_as_laid_out(name):
    """Every field of every article, the page credits and the page label, as the HTML had them."""
    truth = PageTruth.from_json((FIXED / f"{name}.json").read_text(encoding="utf-8"))
    pdf = FIXED / f"{name}.pdf"
    page = read_pdf_pages(pdf, pdf.read_bytes(), ReadOptions(publication=""))[0]
    assert (page.label, page.number, page.section, page.date.isoformat()) == \
        (truth.label, truth.number, truth.section, truth.date)
    assert sorted((c.role, c.name) for c in page.credits) == sorted(truth.credits)
    assert len(page.articles) == len(truth.articles)
    for read_article, article in zip(page.articles, truth.articles):
        assert (read_article.kicker, read_article.title, read_article.subtitle) == \
            (article.kicker, article.title, article.subtitle)
        assert sorted((c.role, c.name) for c in read_article.credits) == sorted(article.credits)


def test_corpus_pdfs_cover_every_byline_and_start_form():
    """The committed PDFs hold each form the tests above name, so those are tested on PDF too."""
    truths = [PageTruth.from_json((FIXED / f"{n}.json").read_text(encoding="utf-8")) for n in PDF_PAGES]
    bylines = [a.byline or a.paragraphs[0][:4] for t in truths for a in t.articles]
    assert any(b.startswith("文/图") for b in bylines)
    assert any(b.startswith("记者 ") and b.count(" ") >= 2 for b in bylines)  # names apart
    assert any(b == "本报评论员" for b in bylines) and any(b.startswith("本报讯") for b in bylines)
    assert any("美术编辑" in t.credits_line for t in truths)
    assert any(a.kicker for t in truths for a in t.articles)
    assert any(a.subtitle and not a.vertical for t in truths for a in t.articles)
    assert any(" " in a.title for t in truths for a in t.articles)
