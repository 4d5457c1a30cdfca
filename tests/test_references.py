"""CSL-JSON and RIS: what Zotero, EndNote and NoteExpress import, checked against Gazette's own
GB/T 7714 reference by rendering the CSL-JSON with a CSL processor (citeproc-py)."""

from __future__ import annotations

import json

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from click.testing import CliRunner
from conftest import DATA, SEED

from viewer.citation import citation
from viewer.cli import cli
from viewer.errors import ExportError
from viewer.ingest import ReadOptions

# Written for these tests from GB/T 7714-2015's newspaper form (see the file's comment).
GBT_7714_STYLE = DATA / "csl" / "gb-t-7714-2015-numeric-newspaper.csl"
FOUR_AUTHORS = "□ 文/冀美丽 李明 张华 刘强 图/褚泰杰\n\n"


@pytest.fixture
def articles(archive, tmp_path):
    """The seed (id 1), and the seed with four writers and one photographer as page 9 (id 2)."""
    text = SEED.read_text(encoding="utf-8").replace("8 县域·交城", "9 县域·交城")
    byline, body = text.index("□"), text.index("春日的交城")  # the seed's byline is vertical
    variant = tmp_path / "p9.txt"
    variant.write_text(text[:byline] + FOUR_AUTHORS + text[body:], encoding="utf-8")
    report = archive.importing.import_paths([SEED, variant], ReadOptions(publication="吕梁日报"))
    assert not report.failed
    return archive


def rendered(items: list[dict]) -> list[str]:
    style = CitationStylesStyle(str(GBT_7714_STYLE), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_csl_json_renders_as_gazettes_own_citation(articles, tmp_path):
    out = tmp_path / "refs.json"
    articles.exporting.export([1, 2], "csl-json", out)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [item["type"] for item in items] == ["article-newspaper"] * 2
    assert items[0]["container-title"] == "吕梁日报"
    assert items[0]["issued"] == {"date-parts": [[2025, 4, 3]]}
    assert (items[0]["page"], items[0]["section"]) == ("8", "县域·交城")
    assert items[0]["author"] == [{"literal": "冀美丽"}]  # the photographers are not authors
    assert [a["literal"] for a in items[1]["author"]] == ["冀美丽", "李明", "张华", "刘强"]
    expected = [f"[{n}]{citation(articles.browsing.article(i).to_json())}" for n, i in ((1, 1), (2, 2))]
    assert rendered(items) == expected
    assert "刘强" not in expected[1] and "等" in expected[1]  # GB/T 7714: three, then 等


def test_ris_has_one_news_record_per_article(articles, tmp_path):
    out = tmp_path / "refs.ris"
    articles.exporting.export([2, 1], "ris", out)
    raw = out.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    records = raw.decode("utf-8").split("ER  - ")[:-1]
    assert len(records) == 2
    first = [line.split("  - ", 1) for line in records[0].strip().splitlines()]
    assert first[0] == ["TY", "NEWS"]
    tags = {}
    for tag, value in first:
        tags.setdefault(tag, []).append(value)
    assert tags["AU"] == ["冀美丽", "李明", "张华", "刘强"]
    assert tags["T2"] == ["吕梁日报"] and tags["DA"] == ["2025/04/03"] and tags["SP"] == ["9"]
    assert tags["TI"][0].startswith("“改革攻坚”与“民生提质”双轮驱动: 交城县")
    assert "褚泰杰" not in records[0]


@pytest.mark.parametrize("fmt", ["csl-json", "ris"])
def test_reference_formats_are_always_utf8(articles, tmp_path, fmt):
    with pytest.raises(ExportError, match="always UTF-8"):
        articles.exporting.export([1], fmt, tmp_path / "out", encoding="gb18030")


def test_cli_exports_ris(articles, tmp_path):
    out = tmp_path / "one.ris"
    result = CliRunner().invoke(cli, ["--archive", str(articles.root), "export", "1", "--format", "ris",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("TY  - NEWS\n")
