"""Reading e-paper page text: the seed exactly, and the variants other papers print."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SEED

from viewer.ingest.epaper import parse_byline, read_epaper_text
from viewer.ingest.masthead import parse_credits_line, parse_masthead
from viewer.model import Credit, group_credits

SEED_TEXT = SEED.read_text(encoding="utf-8")


def read(text: str):
    return read_epaper_text(text, publication="测试报")


def test_seed_page_metadata():
    page = read(SEED_TEXT)
    assert (page.number, page.label, page.section) == (8, "8", "县域·交城")
    assert (page.date, page.weekday) == (dt.date(2025, 4, 3), "星期四")
    assert group_credits(page.credits) == {
        "组版": ["惠爱宏", "李晓玲", "张娟娟"], "责编": ["王耀"], "校对": ["白颖凯"],
        "合办": ["交城县融媒体中心"]}
    assert page.warnings == [] and page.unassigned == []


def test_seed_article():
    [article] = read(SEED_TEXT).articles
    assert article.title == "“改革攻坚”与“民生提质”双轮驱动"
    assert article.subtitle == "——交城县八大举措擘画2025年高质量发展新图景"
    assert group_credits(article.credits) == {"文": ["冀美丽"], "图": ["褚泰杰", "田谷仓", "郭志远", "王学富"]}
    assert len(article.paragraphs) == 25
    assert article.paragraphs[0] == ("春日的交城大地处处涌动着奋进的热潮。3月24日至3月28日，交城县十七届人"
                                     "大七次会议、政协十届五次会议召开。")
    assert article.paragraphs[-1].startswith("站在“十四五”收官的历史节点")
    # Extractor spaces gone, Latin kept, no paragraph glued or split at the tricky lines.
    assert "完成107.48亿元，同比增长4.6%" in article.paragraphs[3]
    assert "乡村e镇建设" in article.paragraphs[13]
    assert article.paragraphs[15].startswith("突出平台主体共建") and article.paragraphs[15].endswith("项目倾斜。")
    assert article.paragraphs[19].endswith("扮靓农村颜值。")
    assert article.paragraphs[20].startswith("突出政心民心联通") and article.paragraphs[20].endswith("让民生底色更暖。")
    assert article.paragraphs[21].startswith("民之所望")


@pytest.mark.parametrize("line, expected", [
    ("8 县域·交城 2025年4月3日 星期四", (dt.date(2025, 4, 3), 8, "8", "县域·交城", "星期四")),
    ("第8版 要闻 2025年4月3日 星期四", (dt.date(2025, 4, 3), 8, "8", "要闻", "星期四")),
    ("A8 2025年4月3日 星期四", (dt.date(2025, 4, 3), 8, "A8", "", "星期四")),
    ("2025年4月3日 星期四 8", (dt.date(2025, 4, 3), 8, "8", "", "星期四")),
    ("2025-04-03", (dt.date(2025, 4, 3), None, "", "", "")),
    ("2025年4月3日 礼拜天 第12版 综合新闻", (dt.date(2025, 4, 3), 12, "12", "综合新闻", "星期日")),
])
def test_masthead_forms(line, expected):
    m = parse_masthead(line)
    assert (m.date, m.number, m.label, m.section, m.weekday) == expected


def test_weekday_that_disagrees_is_kept_with_a_warning():
    m = parse_masthead("8 县域·交城 2025年4月3日 星期五")
    assert m.weekday == "星期五"
    assert m.warnings == ["masthead says 星期五 but 2025-04-03 was a 星期四"]


@pytest.mark.parametrize("line", [
    "春天来了，2025年4月3日这天，县里召开了大会，会上宣读了一份很长很长的报告，大家都很认真地听着。",
    "BERLIN, November 15..Former",
    "2025年13月40日",
])
def test_prose_is_not_a_masthead(line):
    assert parse_masthead(line) is None


def test_credits_line_with_run_together_names_and_both_colons():
    credits = parse_credits_line("组版:惠爱宏 李晓玲 责任编辑：王耀 美编:张三、李四 校对：白颖凯合办：交城县融媒体中心")
    assert group_credits(credits) == {"组版": ["惠爱宏", "李晓玲"], "责任编辑": ["王耀"], "美编": ["张三", "李四"],
                                      "校对": ["白颖凯"], "合办": ["交城县融媒体中心"]}


def test_unknown_role_before_a_colon_is_kept():
    assert parse_credits_line("主编：赵六 值班：钱七") == [Credit("主编", "赵六"), Credit("值班", "钱七")]


def test_a_sentence_with_a_colon_is_not_a_credits_line():
    assert parse_credits_line("他说：今年要把工作做好。") is None


@pytest.mark.parametrize("line, expected", [
    ("□ 文/冀美丽 图/褚泰杰 田谷仓", {"文": ["冀美丽"], "图": ["褚泰杰", "田谷仓"]}),
    ("本报记者 张三 通讯员 李四 王五", {"本报记者": ["张三"], "通讯员": ["李四", "王五"]}),
    ("记者 张三 摄影：李四", {"记者": ["张三"], "摄影": ["李四"]}),
    ("文/图 张三", {"文": ["张三"], "图": ["张三"]}),
    ("文 / 图：张三", {"文": ["张三"], "图": ["张三"]}),
    ("文/ 图/张三", {"文": [""], "图": ["张三"]}),  # spaced on one side: two roles, not the pair
])
def test_bylines(line, expected):
    assert group_credits(parse_byline(line)) == expected


@pytest.mark.parametrize("line", ["记者了解到，今年全县粮食产量再创新高。", "文化是一座城市的灵魂", "图书馆开放"])
def test_sentences_are_not_bylines(line):
    assert parse_byline(line) is None


MULTI_ARTICLE_PAGE = """\
第2版 要闻 2025年4月7日 星期一
责编：王耀 校对：白颖凯

县农业农村局开展春耕服务
本报记者 张三 通讯员 李四

连日来，县农业农村局组织技术人员深
入田间地头，指导农户科学备耕，确保春耕
生产顺利进行。
今年全县计划播种粮食 36万亩，其中玉

米 20万亩、谷子 8万亩。
图为技术人员在田间指导农户。

全民健身迎春来
交城举办春季长跑比赛
——千余名群众参赛
□ 文/王五 图/赵六

4月 6日，交城县春季长跑比赛在卦山脚下
鸣枪开跑，来自全县各行各业的千余名长跑
爱好者参加比赛。

比赛设男子组和女子组，分别设置 10公
里和 5公里两个项目。
"""


def test_several_articles_on_one_page():
    page = read(MULTI_ARTICLE_PAGE)
    assert (page.number, page.section, page.date) == (2, "要闻", dt.date(2025, 4, 7))
    assert group_credits(page.credits) == {"责编": ["王耀"], "校对": ["白颖凯"]}
    first, second = page.articles
    assert first.title == "县农业农村局开展春耕服务"
    assert group_credits(first.credits) == {"本报记者": ["张三"], "通讯员": ["李四"]}
    assert first.paragraphs == [
        "连日来，县农业农村局组织技术人员深入田间地头，指导农户科学备耕，确保春耕生产顺利进行。",
        "今年全县计划播种粮食36万亩，其中玉米20万亩、谷子8万亩。",
        "图为技术人员在田间指导农户。",  # the photo caption stays with its article
    ]
    assert second.kicker == "全民健身迎春来"
    assert second.title == "交城举办春季长跑比赛"
    assert second.subtitle == "——千余名群众参赛"
    assert group_credits(second.credits) == {"文": ["王五"], "图": ["赵六"]}
    assert second.paragraphs == ["4月6日，交城县春季长跑比赛在卦山脚下鸣枪开跑，来自全县各行各业的千余名长跑爱好者参加比赛。",
                                 "比赛设男子组和女子组，分别设置10公里和5公里两个项目。"]


def test_text_without_masthead_is_not_a_page():
    assert read("Python（派森）语言是一种功能强大而完善的通用型计算机程序设计语言，\n已经具有十多年的发展历史。") is None
