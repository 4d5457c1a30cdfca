"""Importing into an archive: idempotent, refused where it must be, one transaction per file."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading

import pytest
from conftest import ENCODINGS, NEGATIVE, SEED

from viewer.errors import Cancelled
from viewer.ingest import ReadOptions


def seed_pages(folder, count: int):
    """``count`` pages of the seed's issue, numbered 1…count, in a new folder."""
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for page in range(1, count + 1):
        (folder / f"p{page}.txt").write_text(seed.replace("8 县域·交城", f"{page} 县域·交城"), encoding="utf-8")
    return folder


def counts(archive) -> tuple[int, int, int]:
    s = archive.browsing.stats()
    return s["pages"], s["articles"], archive.store.db.execute("SELECT count(*) FROM credit").fetchone()[0]


def test_import_and_show_the_seed(archive):
    report = archive.importing.import_paths([SEED], ReadOptions(publication="吕梁日报"))
    [outcome] = report.imported
    article = archive.browsing.article(outcome.article_ids[0]).to_json()
    assert list(article) == ["id", "publication", "date", "weekday", "page", "page_label", "section", "page_credits",
                             "title", "subtitle", "kicker", "credits", "paragraphs", "unassigned", "source", "page_image",
                             "regions", "annotations"]
    assert (article["publication"], article["date"], article["weekday"], article["page"], article["page_label"]) == (
        "吕梁日报", "2025-04-03", "星期四", 8, "8")
    assert article["page_credits"]["组版"] == ["惠爱宏", "李晓玲", "张娟娟"]
    assert article["credits"]["图"] == ["褚泰杰", "田谷仓", "郭志远", "王学富"]
    assert len(article["paragraphs"]) == 25
    assert article["source"]["path"] == str(SEED) and len(article["source"]["sha256"]) == 64


def test_the_same_file_again_is_skipped(archive, tmp_path):
    archive.importing.import_paths([SEED])
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    report = archive.importing.import_paths([copy])
    assert [o.status for o in report.outcomes] == ["skipped"]
    assert "already present" in report.outcomes[0].message
    assert counts(archive)[:2] == (1, 1)


def test_a_different_file_for_the_same_page_is_refused_unless_replace(archive, tmp_path):
    archive.importing.import_paths([SEED])
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8").replace("春日的交城", "春天的交城"), encoding="utf-8")
    [refused] = archive.importing.import_paths([changed]).outcomes
    assert refused.status == "failed" and refused.needs == ("replace",) and str(changed) in refused.message
    assert refused.message.endswith("import it again with replace")  # the remedy, not a CLI flag
    assert archive.browsing.article(1).to_json()["paragraphs"][0].startswith("春日")

    [replaced] = archive.importing.import_paths([changed], replace=True).outcomes
    assert replaced.status == "imported"
    assert counts(archive)[:2] == (1, 1)
    assert archive.browsing.article(replaced.article_ids[0]).to_json()["paragraphs"][0].startswith("春天")


def test_a_bad_file_fails_alone_and_the_batch_goes_on(archive, tmp_path):
    truncated = tmp_path / "truncated.txt"
    next_day = SEED.read_text(encoding="utf-8").replace("2025年4月3日 星期四", "2025年4月4日 星期五")
    truncated.write_bytes(next_day.encode("gb18030")[:1001])
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    report = archive.importing.import_paths([binary, NEGATIVE, truncated, SEED])
    statuses = {o.path.rsplit("/", 1)[-1]: o.status for o in report.outcomes}
    assert statuses["binary.txt"] == "failed"
    assert statuses["truncated.txt"] == "imported"
    assert statuses["jiaocheng-2025-04-03-p8.txt"] == "imported"
    for outcome in report.failed:
        assert outcome.path in outcome.message  # every message names its file
    assert all(statuses[p.name] == "failed" for p in NEGATIVE.iterdir())
    assert "date" in report.failed[-1].needs and "its date" in report.failed[-1].message


def test_truncated_file_keeps_what_it_has_and_warns(archive, tmp_path):
    data = SEED.read_text(encoding="utf-8").encode("gb18030")
    last_char_end = len(data)
    while data[last_char_end - 1] < 0x80:  # skip the trailing ASCII (newline)
        last_char_end -= 1
    truncated = tmp_path / "truncated.txt"
    truncated.write_bytes(data[:last_char_end - 1])  # the last 。 loses its second byte
    [outcome] = archive.importing.import_paths([truncated]).outcomes
    assert outcome.status == "imported"
    assert any("truncat" in w or "U+FFFD" in w or "incomplete" in w for w in outcome.warnings)


def test_text_without_masthead_needs_date_and_page(archive):
    plain = NEGATIVE / "dlc_1920111501_0007.pdftotext.txt"
    [refused] = archive.importing.import_paths([plain]).outcomes
    assert refused.status == "failed" and refused.needs == ("date", "page")
    assert "give its date and its page number" in refused.message
    options = ReadOptions(date=dt.date(1920, 11, 15), page=7)
    [outcome] = archive.importing.import_paths([plain], options).outcomes
    assert outcome.status == "imported"
    assert any("no masthead" in w for w in outcome.warnings)
    article = archive.browsing.article(outcome.article_ids[0]).to_json()
    assert article["title"] == "" and article["page"] == 7 and article["date"] == "1920-11-15"
    assert "Crown Prince Frederick William" in " ".join(article["paragraphs"])


def test_encoded_text_without_masthead_is_never_read_as_one(archive):
    options = ReadOptions(date=dt.date(2025, 1, 1), page=1)
    for path in sorted(ENCODINGS.glob("*.txt")):
        if path.name.endswith("-utf8.txt") or path.name.startswith("hz"):
            continue
        [outcome] = archive.importing.import_paths([path], options).outcomes
        assert outcome.status == "imported", outcome.message
        twin = (ENCODINGS / path.name.replace(".txt", "-utf8.txt")).read_text(encoding="utf-8")
        paragraphs = "".join(archive.browsing.article(outcome.article_ids[0]).to_json()["paragraphs"])
        assert "".join(twin.split()) == "".join(paragraphs.split())
        options = ReadOptions(date=options.date + dt.timedelta(days=1), page=1)


def test_a_failed_save_leaves_the_archive_unchanged(archive, monkeypatch):
    def fail(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(archive.store, "_insert_credits", fail)
    try:
        archive.importing.import_paths([SEED])
    except sqlite3.OperationalError:
        pass
    assert counts(archive) == (0, 0, 0)
    assert archive.store.db.execute("SELECT count(*) FROM issue").fetchone()[0] == 0


def test_folders_recurse_and_other_files_are_skipped(archive, tmp_path):
    folder = tmp_path / "pages" / "2025"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "p8.txt")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    report = archive.importing.import_paths([tmp_path / "pages"])
    assert [(o.path.rsplit("/", 1)[-1], o.status) for o in report.outcomes] == [
        ("notes.docx", "skipped"), ("p8.txt", "imported")]


def test_cancel_between_files_keeps_the_files_before_and_reports_them(archive, tmp_path):
    folder = seed_pages(tmp_path / "pages", 4)
    cancel = threading.Event()

    def stop_after_two(done, total, message):
        if done == 2:
            cancel.set()

    with pytest.raises(Cancelled) as stopped:
        archive.importing.import_paths([folder], on_progress=stop_after_two, cancel=cancel)
    assert [o.status for o in stopped.value.partial.outcomes] == ["imported", "imported"]
    assert counts(archive)[:2] == (2, 2)


def test_a_batch_and_a_cancelled_batch_are_searchable_at_once(archive, tmp_path):
    folder = seed_pages(tmp_path / "pages", 5)
    cancel = threading.Event()

    def stop_after_three(done, total, message):
        if done == 3:
            cancel.set()

    with pytest.raises(Cancelled):
        archive.importing.import_paths([folder], on_progress=stop_after_three, cancel=cancel)
    assert archive.searching.search("春日的交城").total == 3
    archive.importing.import_paths([folder])
    assert archive.searching.search("春日的交城").total == 5 and not archive.indexing.pending()
