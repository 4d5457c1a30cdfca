"""Export: each format read back with its own reader, round trips, safe names, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import threading

import docx
import pytest
from click.testing import CliRunner
from conftest import SEED, assert_a_copy_of_its_own

from viewer.archive import Archive
from viewer.citation import citation
from viewer.cli import cli
from viewer.errors import Cancelled, ExportError, NotFound
from viewer.export import (
    ARTICLE_SEPARATOR,
    INDENT,
    MAX_NAME_BYTES,
    MAX_NAME_CHARS,
    UniqueNames,
    export_articles,
    markdown_escape,
    safe_stem,
)
from viewer.ingest import ReadOptions

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_CITATION = ("冀美丽. “改革攻坚”与“民生提质”双轮驱动: 交城县八大举措擘画2025年高质量发展新图景[N]. "
                 "吕梁日报, 2025-04-03(8).")
SLASH_TITLE = "北京/上海:双城记"
EDITOR = "王编辑"
UNSAFE = '/\\:*?"<>|'


def seed_page_with(title: str, number: int, *, byline: bool = True) -> str:
    """The seed page as page ``number`` of 2025-04-04, its headline replaced by ``title``
    (typeset vertically, one character per line) and, if asked, its byline removed."""
    headline, byline_at, body = SEED_TEXT.index("﹃"), SEED_TEXT.index("□"), SEED_TEXT.index("春日的交城")
    text = SEED_TEXT[:headline] + "\n".join(title) + "\n\n" + (SEED_TEXT[byline_at:body] if byline else "")
    return (text + SEED_TEXT[body:]).replace("8 县域·交城 2025年4月3日 星期四", f"{number} 县域·交城 2025年4月4日 星期五")


def build_seeded(folder):
    """The seed (id 1), an article titled ``北京/上海:双城记`` (2) and one with no author (3)."""
    pages = folder / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(seed_page_with(SLASH_TITLE, 1), encoding="utf-8")
    (pages / "b.txt").write_text(seed_page_with("无名之作", 2, byline=False), encoding="utf-8")
    with Archive(folder / "archive") as archive:
        report = archive.importing.import_paths([SEED, pages / "a.txt", pages / "b.txt"],
                                                ReadOptions(publication="吕梁日报"))
    assert [o.article_ids for o in report.imported] == [[1], [2], [3]]


@pytest.fixture
def seeded(templates, tmp_path):
    """:func:`build_seeded`'s archive, a copy of the test's own."""
    with Archive(templates.copy("export-seeded", build_seeded, tmp_path)) as archive:
        yield archive


def test_seeded_is_a_copy_of_its_own(seeded, templates, tmp_path_factory):
    assert_a_copy_of_its_own(seeded, templates.copy("export-seeded", build_seeded, tmp_path_factory.mktemp("again")))


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def split_text_export(text: str) -> list[tuple[list[str], list[str], str]]:
    """(header lines, paragraphs, reference) of each article in a text export."""
    articles = []
    for block in text.split(f"\n{ARTICLE_SEPARATOR}\n\n"):
        header, rest = block.split("\n\n", 1)
        body, reference = rest.rstrip("\n").rsplit("\n\n", 1)
        assert all(line.startswith(INDENT) for line in body.split("\n"))
        articles.append((header.split("\n"), [line.removeprefix(INDENT) for line in body.split("\n")], reference))
    return articles


# -- round trips -------------------------------------------------------------------------------------

def test_text_gives_back_the_stored_paragraphs(seeded, out):
    seeded.exporting.export([1, 2, 3], "txt", out / "all.txt")
    exported = split_text_export((out / "all.txt").read_text(encoding="utf-8"))
    assert [paragraphs for _, paragraphs, _ in exported] == [seeded.browsing.article(i).to_json()["paragraphs"] for i in (1, 2, 3)]


def shown_without_annotations(archive, article_id: int) -> dict:
    article = archive.browsing.article(article_id).to_json()
    del article["annotations"]
    return article


def test_json_gives_back_the_articles_as_show_prints_them(seeded, out):
    seeded.exporting.export([1, 2, 3], "json", out / "all.json")
    exported = json.loads((out / "all.json").read_text(encoding="utf-8"))
    assert exported == [shown_without_annotations(seeded, i) for i in (1, 2, 3)]
    assert exported[0]["paragraphs"] == list(seeded.store.article(1).text.paragraphs)
    assert (out / "all.json").read_text(encoding="utf-8") == json.dumps(exported, ensure_ascii=False, indent=2) + "\n"


def test_an_export_gives_the_corrected_text(seeded, out):
    seeded.editing.correct(1, paragraph=1, text="春日的交城大地，处处涌动着奋进的热潮。", author=EDITOR)
    seeded.exporting.export([1], "txt", out / "x.txt")
    [(_, paragraphs, _)] = split_text_export((out / "x.txt").read_text(encoding="utf-8"))
    assert paragraphs[0] == "春日的交城大地，处处涌动着奋进的热潮。"


# -- each format, read with its own reader ----------------------------------------------------------

def test_text_header_and_reference(seeded, out):
    seeded.exporting.export([1], "txt", out / "seed.txt")
    [(header, _, reference)] = split_text_export((out / "seed.txt").read_text(encoding="utf-8"))
    assert header == ["“改革攻坚”与“民生提质”双轮驱动", "——交城县八大举措擘画2025年高质量发展新图景",
                      "文/冀美丽 图/褚泰杰 田谷仓 郭志远 王学富", "吕梁日报 2025-04-03 星期四 第8版 县域·交城",
                      "组版: 惠爱宏 李晓玲 张娟娟  责编: 王耀  校对: 白颖凯  合办: 交城县融媒体中心"]
    assert reference == "引文: " + SEED_CITATION


def test_markdown(seeded, out):
    seeded.exporting.export([1, 2], "md", out / "two.md")
    first, second = (out / "two.md").read_text(encoding="utf-8").split("\n---\n\n")
    blocks = first.rstrip("\n").split("\n\n")
    assert blocks[0] == "# “改革攻坚”与“民生提质”双轮驱动"
    assert blocks[5:-1] == seeded.browsing.article(1).to_json()["paragraphs"]  # nothing in them to escape
    assert blocks[-1] == "> 引文: " + SEED_CITATION.replace("[N]", "\\[N]")
    assert second.startswith(f"# {SLASH_TITLE}\n\n")


@pytest.mark.parametrize("text, escaped", [
    ("*重要*", "\\*重要\\*"), ("# 不是标题", "\\# 不是标题"), ("1. 第一", "1\\. 第一"), ("- 项", "\\- 项"),
    ("[链接](x)", "\\[链接](x)"), ("<b>", "\\<b>"), ("a_b", "a\\_b"), ("3.5亿元", "3.5亿元"), ("交城", "交城"),
])
def test_markdown_escape(text, escaped):
    assert markdown_escape(text) == escaped


def test_csv_has_a_bom_and_one_row_per_article(seeded, out):
    seeded.exporting.export([1, 2, 3], "csv", out / "all.csv")
    data = (out / "all.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == ["1", "2", "3"]
    assert rows[0]["title"] == "“改革攻坚”与“民生提质”双轮驱动"
    assert rows[0]["byline"] == "文/冀美丽 图/褚泰杰 田谷仓 郭志远 王学富"
    assert rows[0]["page_credits"].startswith("组版: 惠爱宏 李晓玲 张娟娟")
    assert rows[0]["text"].split("\n") == seeded.browsing.article(1).to_json()["paragraphs"]
    assert rows[0]["citation"] == SEED_CITATION
    assert (rows[1]["title"], rows[2]["byline"]) == (SLASH_TITLE, "")


def test_docx_has_headings_metadata_paragraphs_and_reference(seeded, out):
    seeded.exporting.export([1, 3], "docx", out / "two.docx")
    document = docx.Document(str(out / "two.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["“改革攻坚”与“民生提质”双轮驱动", "无名之作"]
    texts = [p.text for p in document.paragraphs]
    seed = seeded.browsing.article(1).to_json()
    first_paragraph = texts.index(seed["paragraphs"][0])
    assert texts[:first_paragraph] == [
        "“改革攻坚”与“民生提质”双轮驱动", "——交城县八大举措擘画2025年高质量发展新图景",
        "文/冀美丽 图/褚泰杰 田谷仓 郭志远 王学富", "吕梁日报 2025-04-03 星期四 第8版 县域·交城",
        "组版: 惠爱宏 李晓玲 张娟娟  责编: 王耀  校对: 白颖凯  合办: 交城县融媒体中心"]
    assert texts[first_paragraph:first_paragraph + len(seed["paragraphs"])] == seed["paragraphs"]
    assert texts[first_paragraph + len(seed["paragraphs"])] == "引文: " + SEED_CITATION
    assert texts[-1] == "引文: 无名之作[N]. 吕梁日报, 2025-04-04(2)."
    assert document.core_properties.author == ""


# -- the awkward title, the article with no author ---------------------------------------------------

@pytest.mark.parametrize("fmt", ["txt", "md", "json", "csv", "docx"])
def test_one_file_per_article_names_from_date_page_and_title(seeded, tmp_path, fmt):
    files = seeded.exporting.export([1, 2, 3], fmt, tmp_path / "each", one_file_per_article=True)
    assert [f.name for f in files] == [f"2025-04-03_08_“改革攻坚”与“民生提质”双轮驱动.{fmt}",
                                       f"2025-04-04_01_北京／上海：双城记.{fmt}", f"2025-04-04_02_无名之作.{fmt}"]
    assert sorted(p.name for p in (tmp_path / "each").iterdir()) == sorted(f.name for f in files)


def test_no_author_and_slash_title_in_each_reader(seeded, out):
    files = seeded.exporting.export([2, 3], "json", out / "each", one_file_per_article=True)
    slash, nameless = (json.loads(f.read_text(encoding="utf-8")) for f in files)
    assert (slash["title"], nameless["credits"]) == (SLASH_TITLE, {})
    seeded.exporting.export([2, 3], "txt", out / "two.txt")
    (_, _, slash_reference), (_, _, nameless_reference) = split_text_export((out / "two.txt").read_text("utf-8"))
    assert slash_reference == f"引文: 冀美丽. {SLASH_TITLE}[N]. 吕梁日报, 2025-04-04(1)."
    assert nameless_reference == "引文: 无名之作[N]. 吕梁日报, 2025-04-04(2)."


# -- encodings and line ends --------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["txt", "md", "csv"])
def test_gb18030_decodes_to_the_same_text(seeded, out, fmt):
    seeded.exporting.export([1, 2, 3], fmt, out / f"utf8.{fmt}")
    seeded.exporting.export([1, 2, 3], fmt, out / f"gb.{fmt}", encoding="gb18030")
    utf8 = (out / f"utf8.{fmt}").read_bytes().decode("utf-8-sig")
    assert (out / f"gb.{fmt}").read_bytes().decode("gb18030") == utf8


def test_crlf(seeded, out):
    seeded.exporting.export([1, 2], "txt", out / "windows.txt", crlf=True, encoding="gb18030")
    data = (out / "windows.txt").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 50
    assert split_text_export(data.decode("gb18030").replace("\r\n", "\n"))[0][1] == seeded.browsing.article(1).to_json()["paragraphs"]


@pytest.mark.parametrize("fmt, encoding, crlf", [("json", "gb18030", False), ("docx", "gb18030", False),
                                                 ("csv", "utf-8", True), ("pdf", "utf-8", False)])
def test_options_that_do_not_fit_the_format_are_refused(seeded, out, fmt, encoding, crlf):
    with pytest.raises(ExportError):
        seeded.exporting.export([1], fmt, out / "x", encoding=encoding, crlf=crlf)
    assert list(out.iterdir()) == []


# -- nothing half-written ------------------------------------------------------------------------------

def cancel_during_second(cancel: threading.Event):
    def on_progress(done, total, message):
        if done == 1:
            cancel.set()
    return on_progress


@pytest.mark.parametrize("fmt", ["txt", "json", "docx"])
@pytest.mark.parametrize("one_file_per_article", [False, True])
def test_cancel_leaves_no_file(seeded, out, fmt, one_file_per_article):
    cancel = threading.Event()
    with pytest.raises(Cancelled, match="after 2 of 3 articles"):
        seeded.exporting.export([1, 2, 3], fmt, out / "x", one_file_per_article=one_file_per_article,
                      on_progress=cancel_during_second(cancel), cancel=cancel)
    assert list(out.iterdir()) == []


def test_cancel_keeps_the_previous_file_and_the_folder_as_they_were(seeded, out):
    (out / "old.txt").write_text("earlier export", encoding="utf-8")
    cancel = threading.Event()
    with pytest.raises(Cancelled):
        seeded.exporting.export([1, 2, 3], "txt", out / "old.txt", on_progress=cancel_during_second(cancel), cancel=cancel)
    with pytest.raises(Cancelled):
        seeded.exporting.export([1, 2, 3], "txt", out, one_file_per_article=True, on_progress=cancel_during_second(cancel),
                      cancel=cancel)
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    assert (out / "old.txt").read_text(encoding="utf-8") == "earlier export"


def test_a_failure_midway_leaves_no_file(seeded, out):
    def articles():
        yield seeded.browsing.article(1).to_json()
        raise RuntimeError("disk pulled out")

    for one_file_per_article in (False, True):
        with pytest.raises(RuntimeError):
            export_articles(articles(), 2, "txt", out / "x", one_file_per_article=one_file_per_article)
    assert list(out.iterdir()) == []


def test_into_an_existing_folder_keeps_other_files_and_replaces_same_names(seeded, out):
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    seeded.exporting.export([1], "txt", out, one_file_per_article=True)
    [written] = seeded.exporting.export([1], "txt", out, one_file_per_article=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(["notes.txt", written.name])
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_into_the_current_folder(seeded, out, monkeypatch):
    monkeypatch.chdir(out)
    [written] = seeded.exporting.export([1], "md", ".", one_file_per_article=True)
    assert [p.name for p in out.iterdir()] == [written.name]


def test_progress_is_reported_per_article(seeded, out):
    calls = []
    seeded.exporting.export([1, 3], "txt", out / "x.txt", on_progress=lambda *call: calls.append(call))
    assert calls == [(0, 2, "“改革攻坚”与“民生提质”双轮驱动"), (1, 2, "无名之作"), (2, 2, "")]


# -- selection --------------------------------------------------------------------------------------------

def test_each_article_once_in_the_order_given_and_unknown_ids_refused(seeded, out):
    seeded.exporting.export([3, 1, 3], "json", out / "x.json")
    assert [a["id"] for a in json.loads((out / "x.json").read_text(encoding="utf-8"))] == [3, 1]
    with pytest.raises(NotFound, match="no article with id 7, 9"):
        seeded.exporting.export([1, 7, 9], "txt", out / "y.txt")
    with pytest.raises(ExportError, match="nothing to export"):
        seeded.exporting.export([], "txt", out / "y.txt")
    assert [p.name for p in out.iterdir()] == ["x.json"]


def test_whole_page_and_whole_issue(seeded):
    issue_id = seeded.store.db.execute("SELECT issue_id FROM page WHERE label = '2'").fetchone()[0]
    assert seeded.exporting.article_ids_of_issue(issue_id) == [2, 3]
    page_id = seeded.store.db.execute("SELECT page_id FROM article WHERE id = 2").fetchone()[0]
    assert seeded.exporting.article_ids_of_page(page_id) == [2]


@pytest.fixture
def annotated(seeded):
    seeded.editing.add_note(1, "核对政府工作报告原文", author=EDITOR)
    seeded.editing.add_highlight(1, quote="107.48亿元", comment="与统计公报一致", author=EDITOR)
    seeded.editing.tag(1, ["两会"], author=EDITOR)
    return seeded


def annotation_lines_of(archive, article_id: int) -> list[str]:
    day = archive.browsing.annotations(article_id)[0].time[:10]
    return [f"笔记（{EDITOR} {day}）: 核对政府工作报告原文", f"划线（{EDITOR} {day}）: “107.48亿元” 与统计公报一致",
            f"标签（{EDITOR} {day}）: 两会"]


def test_annotations_only_when_asked(annotated, out):
    annotated.exporting.export([1, 2], "json", out / "with.json", with_annotations=True)
    exported = json.loads((out / "with.json").read_text(encoding="utf-8"))
    assert [a["annotations"] for a in exported] == [[a.to_json() for a in annotated.browsing.annotations(1)], []]
    annotated.exporting.export([1], "json", out / "without.json")
    assert "annotations" not in json.loads((out / "without.json").read_text(encoding="utf-8"))[0]
    annotated.exporting.export([1], "txt", out / "without.txt")
    assert "批注" not in (out / "without.txt").read_text(encoding="utf-8")


def test_annotations_in_text_markdown_csv_and_word(annotated, out):
    lines = annotation_lines_of(annotated, 1)
    for fmt in ("txt", "md", "csv", "docx"):
        annotated.exporting.export([1, 2], fmt, out / f"x.{fmt}", with_annotations=True)
    text = (out / "x.txt").read_text(encoding="utf-8")
    assert "\n\n批注:\n" + "".join(f"- {line}\n" for line in lines) + "\n引文: " + SEED_CITATION in text
    assert "\n\n**批注:**\n\n" + "\n".join(f"- {line}" for line in lines) in (out / "x.md").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((out / "x.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert [row["annotations"] for row in rows] == ["\n".join(lines), ""]
    bullets = [p.text for p in docx.Document(str(out / "x.docx")).paragraphs if p.style.name == "List Bullet"]
    assert bullets == lines


# -- file names ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, stem", [
    ("北京/上海: 双城记", "北京／上海： 双城记"), ('a\\b*c?"d"<e>|f', "a＼b＊c？＂d＂＜e＞｜f"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("com1", "_com1"), ("CONSOLE", "CONSOLE"),
    ("  名字. . ", "名字"), ("tab\there\nnewline\x00", "tab here newline"), ("", "_"), ("...", "_"),
])
def test_safe_stem(title, stem):
    assert safe_stem(title) == stem


def test_long_names_are_bounded_in_characters_and_bytes():
    assert len(safe_stem("题" * 300)) == MAX_NAME_BYTES // 3
    assert len(safe_stem("a" * 300)) == MAX_NAME_CHARS
    assert len(safe_stem("𠵱" * 300).encode("utf-8")) <= MAX_NAME_BYTES


def test_unique_names_ignore_case_and_stay_bounded():
    names = UniqueNames()
    long = "题" * 100
    made = [names.name(stem, ".txt") for stem in ("Title", "title", "TITLE", safe_stem(long), safe_stem(long))]
    assert made[:3] == ["Title.txt", "title-2.txt", "TITLE-3.txt"]
    assert made[4].endswith("-2.txt") and len(made[4].encode("utf-8")) <= MAX_NAME_BYTES + len(".txt")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_exported_names_have_no_unsafe_characters(seeded, tmp_path, fmt):
    for path in seeded.exporting.export([1, 2, 3], fmt, tmp_path / "each", one_file_per_article=True):
        assert not set(UNSAFE) & set(path.name)
        assert len(path.name.encode("utf-8")) <= 255


# -- the command line -----------------------------------------------------------------------------------------

def run(archive_dir, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive_dir), *map(str, args)])


def test_cli_export(tmp_path):
    run(tmp_path / "a", "import", SEED, "--publication", "吕梁日报")
    result = run(tmp_path / "a", "export", "1", "--out", tmp_path / "seed.txt", "--encoding", "gb18030")
    assert (result.exit_code, result.output) == (0, f"exported 1 article(s) to {tmp_path / 'seed.txt'}\n")
    assert (tmp_path / "seed.txt").read_bytes().decode("gb18030").endswith(SEED_CITATION + "\n")

    result = run(tmp_path / "a", "export", "--all", "--format", "csv", "--out", tmp_path / "each",
                 "--one-file-per-article")
    assert result.output == f"exported 1 article(s) to {tmp_path / 'each'} (1 files)\n"


@pytest.mark.parametrize("args, message", [
    (["42"], "Error: no article with id 42\n"),
    (["1", "--format", "json", "--crlf"], "Error: CRLF line ends apply to txt and md, not json\n"),
])
def test_cli_export_errors_are_one_line(tmp_path, args, message):
    run(tmp_path, "import", SEED)
    result = run(tmp_path, "export", *args, "--out", tmp_path / "x")
    assert (result.exit_code, result.output) == (1, message)


def test_cli_export_what_a_search_finds(seeded, tmp_path):
    result = run(seeded.root, "export", "--query", "交城", "--format", "json", "--out", tmp_path / "q.json")
    assert result.exit_code == 0, result.output
    assert sorted(a["id"] for a in json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))) == [1, 2, 3]
    run(seeded.root, "export", "--query", "title:双城记", "--format", "json", "--out", tmp_path / "q.json")
    assert [a["id"] for a in json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))] == [2]
    result = run(seeded.root, "export", "--query", "上海滩", "--out", tmp_path / "none.txt")
    assert (result.exit_code, result.output) == (1, "Error: nothing to export: the search for “上海滩” finds no articles\n")


def test_cli_export_needs_a_selection(archive, tmp_path):
    result = run(archive.root, "export", "--out", tmp_path / "x.txt")
    assert result.exit_code == 2 and "name the articles to export" in result.output


def test_cli_export_a_collection_with_annotations(seeded, tmp_path):
    seeded.editing.add_to_collection("两会报道", [3, 1], author=EDITOR)
    result = run(seeded.root, "export", "--collection", "两会报道", "--with-annotations", "--format", "json",
                 "--out", tmp_path / "c.json")
    assert result.exit_code == 0, result.output
    exported = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert [(a["id"], a["annotations"][0]["kind"]) for a in exported] == [(3, "collection"), (1, "collection")]


def test_rich_text_notes_are_exported_as_their_text(archive, tmp_path):
    [outcome] = archive.importing.import_paths([SEED]).outcomes
    article_id = outcome.article_ids[0]
    archive.editing.add_note(article_id, "<p><b>核对</b>原文</p><p>第二段</p>", author="王编辑", fmt="html")
    out = tmp_path / "a.txt"
    archive.exporting.export([article_id], "txt", out, with_annotations=True)
    text = out.read_text(encoding="utf-8")
    assert "核对原文 第二段" in text and "<b>" not in text


def test_page_labels_in_show_citation_and_file_names(archive, tmp_path):
    """A8 and B8 of one day: shown as printed, cited as printed, exported to two files."""
    for label in ("A8", "B8"):
        path = tmp_path / f"{label}.txt"
        path.write_text(SEED_TEXT.replace("8 县域·交城 2025年4月3日", f"{label} 县域·交城 2025年4月3日"), encoding="utf-8")
        assert not archive.importing.import_paths([path], ReadOptions(publication="吕梁日报")).failed
    first, second = (archive.browsing.article(n).to_json() for n in (1, 2))
    assert (first["page_label"], second["page_label"]) == ("A8", "B8")
    assert citation(second).endswith("吕梁日报, 2025-04-03(B8).")
    files = archive.exporting.export([1, 2], "txt", tmp_path / "each", one_file_per_article=True)
    assert [f.name[:14] for f in files] == ["2025-04-03_A08", "2025-04-03_B08"]
    assert "第B8版" in files[1].read_text(encoding="utf-8")
