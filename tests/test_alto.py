"""METS/ALTO in and out, on the four real batches in tests/data/alto (see SOURCES.md)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import DATA, SEED
from lxml import etree

from viewer.archive import Archive
from viewer.errors import ExportError
from viewer.geometry import hit_boxes
from viewer.ingest import ReadOptions
from viewer.ingest.alto import NOMINAL_DPI, read_alto
from viewer.ingest.pdf import read_pdf

ALTO = DATA / "alto"
CHRONAM_1920 = ALTO / "chronam-1920"
BL_METS = ALTO / "bl-1824" / "0002647_18240217_mets.xml"
BNL_METS = ALTO / "bnl-1858" / "2385348_newspaper_luxzeit1858_1858-12-07_01-mets.xml"


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """The archive with all four batches imported from their folder, and the report."""
    with Archive(tmp_path_factory.mktemp("alto") / "archive") as archive:
        report = archive.importing.import_paths([ALTO])
        yield archive, report


def outcome_for(report, path):
    [outcome] = [o for o in report.outcomes if o.path == str(path)]
    return outcome


def articles_of(archive, outcome):
    return [archive.browsing.article(i).to_json() for i in outcome.article_ids]


def overlap(a, b):
    """Intersection over union of two [x, y, w, h] boxes."""
    left, top = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, right - left) * max(0, bottom - top)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def test_a_folder_of_batches_imports_each_issue_once(batches):
    archive, report = batches
    assert [o.status for o in report.outcomes] == ["imported"] * 4, [o.message for o in report.outcomes]
    # the METS files are the units: their ALTO pages and PDFs are not imported again alone
    assert sorted(o.path.rsplit("/", 1)[-1] for o in report.outcomes) == [
        "0002647_18240217_mets.xml", "1878010301.xml", "1920111501.xml",
        "2385348_newspaper_luxzeit1858_1858-12-07_01-mets.xml"]
    stats = archive.browsing.stats()
    assert (stats["publications"], stats["issues"], stats["pages"]) == (4, 4, 5)


def test_publication_date_and_pages_from_the_mets(batches):
    archive, report = batches
    found = {(p.name, p.first_date) for p in archive.browsing.publications()}
    assert found == {("Evening star (Washington, D.C.)", "1920-11-15"),
                     ("Der Nordstern (St. Cloud, Minn.)", "1878-01-03"),
                     ("The Statesman", "1824-02-17"),
                     ("Luxemburger Zeitung – Journal de Luxembourg", "1858-12-07")}
    nordstern = outcome_for(report, ALTO / "chronam-1878" / "1878010301.xml")
    assert nordstern.message.startswith("1878-01-03 page 1, 1878-01-03 page 2:")
    assert any("page(s) 3, 4, 5, 6, 7, 8 of the METS have no ALTO file" in w for w in nordstern.warnings)


def test_bl_articles_and_advert_from_the_logical_structure(batches):
    archive, report = batches
    outcome = outcome_for(report, BL_METS)
    articles = articles_of(archive, outcome)
    # the METS has 26 articles and an advert; 7 articles and the advert lie on page 1, the one
    # page whose ALTO is in the folder
    assert len(articles) == 8
    assert [a["title"] for a in articles[:6]] == ["", "COAL DUTIES.", "ORDIRS IN COUNCIL.",
                                                  "STATE Of IRELAND.", "COMMUTATION 011 TITO'S.",
                                                  "COIN OF TIM REALM."]
    assert any("19 article(s) of the METS lie wholly on pages not in the folder" in w for w in outcome.warnings)
    coal = articles[1]
    assert coal["paragraphs"][0].startswith("The Bishop of EX")
    assert "COAL DUTIES." not in coal["paragraphs"]  # the headline is the title, not a paragraph
    advert = articles[-1]
    assert "Church of Rome" in " ".join(advert["paragraphs"])


def test_bnl_articles_titles_subtitle_author_and_text_outside_articles(batches):
    archive, report = batches
    outcome = outcome_for(report, BNL_METS)
    articles = articles_of(archive, outcome)
    assert [a["title"] for a in articles] == ["Revue politique.", "Kölnische Zeitung.", "FEUILLETON."]
    feuilleton = articles[2]
    assert feuilleton["subtitle"] == "Suez et Marseille."
    assert feuilleton["credits"] == {"作者": ["Barthélémy"]}
    assert any("“Kölnische Zeitung.” continues on page 2" in w for w in outcome.warnings)
    # the masthead is in no article: kept as the page's unassigned text
    assert "Luxemburger Zeitung - Journal de Luxembourg" in articles[0]["unassigned"]


@pytest.mark.parametrize("alto_file", [ALTO / "bl-1824" / "0002647_18240217_0001.xml",
                                       ALTO / "bnl-1858" / "1858-12-07_01-00001.xml"])
def test_nothing_lost_every_word_is_in_an_article_or_unassigned(batches, alto_file):
    archive, _ = batches
    tree = etree.parse(str(alto_file))
    words = [s.get("CONTENT") for s in tree.iter("{*}String") if not s.get("SUBS_TYPE")]
    wholes = {s.get("SUBS_CONTENT") for s in tree.iter("{*}String") if s.get("SUBS_TYPE") == "HypPart1"}
    page_id = archive.store.db.execute("SELECT id FROM page WHERE source_path LIKE ?",
                                       [f"%{alto_file.parent.name}%"]).fetchone()[0]
    page = archive.browsing.page(page_id)
    articles = [archive.browsing.article(a.id).to_json() for a in page.articles]
    text = " ".join([*page.unassigned, *(f"{a['title']} {a['subtitle']}" for a in articles),
                     *(" ".join(a["paragraphs"]) for a in articles)])
    assert [w for w in words if w not in text] == []
    assert [w for w in wholes if w not in text] == []


def test_chronam_pages_one_untitled_article_each_with_words_dehyphenated(batches):
    archive, report = batches
    [article] = articles_of(archive, outcome_for(report, CHRONAM_1920 / "1920111501.xml"))
    body = " ".join(article["paragraphs"])
    assert article["title"] == ""
    # "As-" / "sociation" across a line end (SUBS_CONTENT), and "investiga-" / "tion" (HYP only)
    assert "Plan for Association of Nations" in body and "inquiry and investigation upon" in body


def test_non_bmp_character_keeps_its_box(batches):
    archive, report = batches
    first = outcome_for(report, ALTO / "chronam-1878" / "1878010301.xml").article_ids[0]
    layout = archive.store.article_layout(first)
    text, boxes = layout["raw_text"], layout["char_boxes"]
    assert len(boxes) == len(text)
    at = text.index("🌊🤖🤭")
    word = [b for b in boxes[at:at + 3]]
    assert all(b is not None for b in word) and word[0][0] < word[1][0] < word[2][0]


def test_a_word_box_on_the_page_picture_matches_the_pdf_text_layer(batches):
    """Chronicling America gives the page PDF with its own hidden text layer: the ALTO word
    (in inch1200) mapped onto the PDF's picture must sit where the PDF puts the same word."""
    archive, _ = batches
    [hit] = archive.searching.search("Wrangel").hits
    alto_boxes = archive.searching.hit_boxes(hit.article_id, "Wrangel")
    pdf = read_pdf((CHRONAM_1920 / "0007.pdf").read_bytes(), "0007.pdf")[0]
    pdf_boxes = hit_boxes(pdf.text, pdf.boxes, list(range(pdf.text.count("\n") + 1)), "Wrangel")
    assert len(alto_boxes) >= 5 and pdf_boxes
    for box in pdf_boxes:
        assert max(overlap(box, alto) for alto in alto_boxes) > 0.5
    article = archive.browsing.article(hit.article_id).to_json()
    assert article["page_image"] and (archive.root / article["page_image"]).is_file()


def test_mm10_boxes_without_a_picture_are_pixels_at_the_nominal_resolution(batches):
    archive, report = batches
    revue = outcome_for(report, BNL_METS).article_ids[0]
    page_id = archive.browsing.article_location(revue).page_id
    article = next(a for a in archive.browsing.page(page_id).articles if a.id == revue)
    geometry = archive.store.article_layout(revue)
    text, boxes = geometry["raw_text"], geometry["char_boxes"]
    # <TextBlock ID="P1_TB00009"> … <String CONTENT="Revue" HPOS="371" VPOS="1256" …>
    tree = etree.parse(str(ALTO / "bnl-1858" / "1858-12-07_01-00001.xml"))
    [word] = [s for s in tree.iter("{*}String") if s.get("CONTENT") == "Revue"]
    x, y = (round(float(word.get(n)) * NOMINAL_DPI / 254) for n in ("HPOS", "VPOS"))
    assert boxes[text.index("Revue politique")][:2] == (x, y)
    assert article.region


def test_word_confidence_is_kept_per_character(batches):
    archive, _ = batches
    [hit] = archive.searching.search("Wrangel").hits
    layout = archive.store.article_layout(hit.article_id)
    text, confidence = layout["raw_text"], layout["char_confidence"]
    # <String ID="S2164" CONTENT="Wrangel" WC="0.825" …>, the first Wrangel on the page
    at = text.index("Wrangel")
    assert confidence[at:at + 7] == [0.82] * 7 or confidence[at:at + 7] == [0.83] * 7
    assert confidence[text.index("\n")] is None


def test_a_single_alto_file_needs_a_date_then_takes_the_pdf_beside_it(archive, tmp_path):
    folder = tmp_path / "page"
    folder.mkdir()
    for name in ("0007.xml", "0007.pdf"):
        shutil.copy(CHRONAM_1920 / name, folder / name)
    [refused] = archive.importing.import_paths([folder / "0007.xml"]).outcomes
    assert refused.status == "failed" and refused.needs == ("date", "page")
    assert refused.message == (f"{folder / '0007.xml'}: an ALTO file alone carries no date or page number; "
                               "to import it, give its date and its page number")
    # a folder holding the ALTO and its PDF is one page, not two
    report = archive.importing.import_paths([folder], ReadOptions(publication="Evening Star", date=dt.date(1920, 11, 15),
                                                        page=7))
    [outcome] = report.outcomes
    assert outcome.status == "imported" and outcome.path.endswith("0007.xml"), outcome.message
    article = archive.browsing.article(outcome.article_ids[0]).to_json()
    assert article["page_image"] and archive.searching.hit_boxes(article["id"], "Wrangel")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<alto><Layout><Page WIDTH="10" HEIGHT="10"><PrintSpace><TextBlock><TextLine>
<String CONTENT="&secret;" HPOS="1" VPOS="1" WIDTH="5" HEIGHT="5"/></TextLine></TextBlock></PrintSpace></Page>
</Layout></alto>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE mets [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
<mets LABEL="&i;"/>"""


@pytest.mark.parametrize("name, data", [("2025-04-03_01.xml", XXE), ("issue_mets.xml", LAUGHS)])
def test_xxe_and_billion_laughs_are_refused_in_one_line_and_change_nothing(archive, tmp_path, name, data):
    archive.importing.import_paths([SEED])
    before = archive.browsing.stats()
    (tmp_path / name).write_bytes(data)
    [outcome] = archive.importing.import_paths([tmp_path / name]).outcomes
    assert outcome.status == "failed"
    assert outcome.message == (f"{tmp_path / name}: refused: the XML declares entities, which METS and "
                               "ALTO never need (they can read other files or expand without bound)")
    assert archive.browsing.stats() == before


def test_xml_that_is_not_mets_or_alto_is_not_a_page_file_in_a_folder(archive, tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(DATA / "jingbao-1930-1939" / "jb_0129_1920-04-03_0001+0004.xml", tmp_path / "in")
    [outcome] = archive.importing.import_paths([tmp_path / "in"]).outcomes
    assert (outcome.status, outcome.message) == ("skipped", "not a page file")


def test_alto_export_is_alto_v4_with_the_word_boxes(batches, tmp_path):
    archive, report = batches
    [hit] = archive.searching.search("Wrangel").hits
    revue = outcome_for(report, BNL_METS).article_ids[0]
    out = tmp_path / "out.xml"
    archive.exporting.export([hit.article_id, revue], "alto", out)
    root = etree.parse(str(out)).getroot()
    v4 = "{http://www.loc.gov/standards/alto/ns-v4#}"
    assert root.tag == f"{v4}alto" and root.find(f"{v4}Description/{v4}MeasurementUnit").text == "pixel"
    assert [p.get("ID") for p in root.iter(f"{v4}Page")] and len(list(root.iter(f"{v4}Page"))) == 2
    ids = [e.get("ID") for e in root.iter() if e.get("ID")]
    assert len(ids) == len(set(ids))
    strings = list(root.iter(f"{v4}String"))
    assert all(s.get("CONTENT") and not any(c.isspace() for c in s.get("CONTENT")) for s in strings)
    # read back as ALTO (v4): the first page's words and boxes are the archive's
    alto, _ = read_alto(out.read_bytes(), str(out))
    layout = archive.store.article_layout(hit.article_id)
    text, boxes = layout["raw_text"], layout["char_boxes"]
    at = text.index("Wrangel")
    [word] = [w for w in alto.words if w.text == "Wrangel"][:1]
    x, y = min(b[0] for b in boxes[at:at + 7]), min(b[1] for b in boxes[at:at + 7])
    assert word.box[:2] == (x, y) and word.confidence in (0.82, 0.83)
    page = next(root.iter(f"{v4}Page"))
    assert (page.get("WIDTH"), page.get("HEIGHT")) == tuple(
        str(v) for v in archive.store.db.execute("SELECT image_width, image_height FROM page WHERE id = ?",
                                                 [layout["page_id"]]).fetchone())


def test_alto_export_refuses_text_without_positions(archive, tmp_path):
    [outcome] = archive.importing.import_paths([SEED]).outcomes
    with pytest.raises(ExportError, match=f"article {outcome.article_ids[0]} has no word positions"):
        archive.exporting.export(outcome.article_ids[:1], "alto", tmp_path / "seed.xml")
    assert not (tmp_path / "seed.xml").exists()


def test_alto_v4_written_by_gazette_imports_again_page_by_page(batches, tmp_path):
    archive, report = batches
    [hit] = archive.searching.search("Wrangel").hits
    revue = outcome_for(report, BNL_METS).article_ids[0]
    archive.exporting.export([hit.article_id, revue], "alto", tmp_path / "two-pages.xml")
    with Archive(tmp_path / "again") as again:
        [outcome] = again.importing.import_paths([tmp_path / "two-pages.xml"],
                                       ReadOptions(date=dt.date(2000, 1, 1), page=1)).outcomes
        assert outcome.status == "imported", outcome.message
        assert outcome.message.startswith("2000-01-01 page 1, 2000-01-01 page 2:")
        [found] = again.searching.search("Wrangel").hits
        assert again.searching.hit_boxes(found.article_id, "Wrangel") == archive.searching.hit_boxes(hit.article_id, "Wrangel")
        assert again.searching.search("politique").total == 1
