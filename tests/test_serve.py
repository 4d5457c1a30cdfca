"""The reading room (``gazette serve``) over a real archive: the seed laid out as a PDF (text with
positions and the page picture) and two weeks of a weekday paper with one issue missing."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import docx
import httpx
import pytest
from argon2 import PasswordHasher
from makepages import seed_like_pdf
from pagegen import write_page
from PIL import Image
from starlette.testclient import TestClient

from viewer.archive import Archive
from viewer.ingest import ReadOptions
from viewer.serve.app import MAX_QUERY_CHARS, PHONE_WIDTH, create_app
from viewer.serve.i18n import language_of

ROOT = Path(__file__).resolve().parent.parent
NOTE = "核对政府工作报告原文"
MISSING_DAY = dt.date(2026, 3, 11)
WEEKDAY_PAPER = "交城周报"  # publication 2: out Monday to Friday, 2–13 March 2026


def make_archive(folder: Path) -> Path:
    """The archive the reading-room tests serve; returns its folder, closed."""
    root = folder / "archive"
    pages = folder / "pages"
    pages.mkdir()
    pdf = seed_like_pdf(folder / "jiaocheng-2025-04-03-p8.pdf")
    day = dt.date(2026, 3, 2)
    while day <= dt.date(2026, 3, 13):
        if day.weekday() < 5 and day != MISSING_DAY:
            write_page(pages, day, 1)
        day += dt.timedelta(days=1)
    with Archive(root) as archive:
        for paths, publication in (([pdf], "吕梁日报"), ([pages], WEEKDAY_PAPER)):
            report = archive.importing.import_paths(paths, ReadOptions(publication=publication))
            assert not report.failed, report.failed
        archive.editing.add_note(1, NOTE, author="王编辑")
    return root


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def client(root):
    with TestClient(create_app(root), raise_server_exceptions=False) as client:
        yield client


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_session_of_requests_changes_nothing_in_the_archive_folder(tmp_path):
    root = make_archive(tmp_path)
    before = snapshot(root)
    with TestClient(create_app(root), raise_server_exceptions=False) as client:
        pages = [client.get(url) for url in ("/", "/publication/2", "/publication/2/2026", "/issue/1",
                                             "/search?q=交城", "/search?q=交城&page=2&sort=date", "/page/1?q=交城",
                                             "/article/1?q=交城", "/article/1/download/docx", "/article/404",
                                             "/search?q=%22")]
        assert [page.status_code for page in pages] == [200] * 9 + [404, 200]
        digest = re.search(r"/picture/([0-9a-f]{64})/phone", pages[6].text)[1]
        assert client.get(f"/picture/{digest}/phone").status_code == 200
    after = snapshot(root)
    # SQLite's shared-memory index of the WAL (-shm, and an empty -wal) is how any reader of a
    # WAL database coordinates with a writer; nothing of the archive is written.
    sidecars = {name for name in after if name.startswith("archive.sqlite-")}
    assert sidecars <= {"archive.sqlite-shm", "archive.sqlite-wal"}
    assert after.get("archive.sqlite-wal", (b"", 0))[0] == b""
    assert {name: after[name] for name in after if name not in sidecars} == before


def test_browse_publication_year_calendar_issue(client):
    home = client.get("/")
    assert "吕梁日报" in home.text and WEEKDAY_PAPER in home.text
    years = client.get("/publication/2").text
    assert 'href="/publication/2/2026"' in years and "/publication/2/2025" not in years
    calendar = client.get("/publication/2/2026").text
    assert re.search(r'<td class="missing"[^>]*>11<span class="flag">缺期</span>', calendar)
    assert MISSING_DAY.isoformat() in calendar
    issue_links = re.findall(r'<td class="issue"><a href="/issue/(\d+)">(\d+)</a>', calendar)
    assert [int(day) for _, day in issue_links] == [2, 3, 4, 5, 6, 9, 10, 12, 13]
    issue = client.get("/issue/1").text  # the PDF's issue: a page with a thumbnail
    assert re.search(r'<img src="/picture/[0-9a-f]{64}/thumb"', issue)
    assert "双轮驱动" in issue


def test_search_marks_hits_pages_results_and_offers_facets(client):
    found = client.get("/search", params={"q": "交城"}).text
    count = int(re.search(r'<p class="count">(\d+)', found)[1])
    assert count == 10  # the PDF page and nine issues of the seed's text
    assert "<mark>交城</mark>" in found
    assert found.count('<li class="hit">') == 10
    assert "县域·交城" in re.search(r'<aside class="facets">.*</aside>', found, re.DOTALL)[0]
    narrowed = client.get("/search", params={"q": "交城", "from": "2026-03-01", "to": "2026-03-05"}).text
    assert int(re.search(r'<p class="count">(\d+)', narrowed)[1]) == 4
    by_date = client.get("/search", params={"q": "交城", "sort": "date"}).text
    dates = re.findall(r'<span class="meta">(\d{4}-\d\d-\d\d)', by_date)
    assert dates == sorted(dates) and dates[0] == "2025-04-03"


def test_search_bounds_and_errors_are_pages(client):
    long = client.get("/search", params={"q": "交" * (MAX_QUERY_CHARS + 1)})
    assert long.status_code == 400 and "longer than" in long.text and "Traceback" not in long.text
    far = client.get("/search", params={"q": "交城", "page": "99999999"})
    assert far.status_code == 200 and "<li class=\"hit\">" not in far.text
    bad_query = client.get("/search", params={"q": '"交城'})
    assert bad_query.status_code == 200 and 'class="error"' in bad_query.text
    assert client.get("/search", params={"q": "交城", "from": "tomorrow"}).status_code == 400
    assert client.get("/article/99999").status_code == 404


def test_page_shows_scaled_picture_regions_and_hits(client):
    shown = client.get("/page/1", params={"q": "交城"}).text
    digest = re.search(r"/picture/([0-9a-f]{64})/phone", shown)[1]
    assert re.search(r'<a href="/article/\d+\?q=%E4%BA%A4%E5%9F%8E"><title>', shown)  # regions link
    assert shown.count('class="hitbox"') >= 5  # the body names 交城 often; each is outlined
    phone = Image.open(io.BytesIO(client.get(f"/picture/{digest}/phone").content))
    preview = Image.open(io.BytesIO(client.get(f"/picture/{digest}/preview").content))
    assert phone.width <= PHONE_WIDTH < preview.width
    assert client.get(f"/picture/{digest}/thumb").status_code == 200
    zoomed = client.get("/page/1", params={"zoom": "3"}).text
    assert 'class="scan zoom-3"' in zoomed


@pytest.mark.parametrize("address", ["/picture/../archive.sqlite/preview", "/picture/%2e%2e%2farchive.sqlite/thumb",
                                     "/picture/" + "0" * 64 + "/preview", "/static/../../archive.py",
                                     "/picture/" + "a" * 64 + "/original"])
def test_no_request_reaches_other_files(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert b"SQLite format" not in response.content


def test_article_has_its_parts_the_hits_the_citation_and_downloads(client):
    shown = client.get("/article/1", params={"q": "交城"}).text
    assert "<h1>“改革攻坚”与“民生提质”双轮驱动</h1>" in shown
    assert '<p class="subtitle">——<mark>交城</mark>县八大举措擘画新图景</p>' in shown
    assert '<span class="role">文</span> 冀美丽' in shown and '<span class="role">图</span> 褚泰杰 田谷仓' in shown
    assert "2025-04-03 星期四" in shown and "第8版" in shown
    assert "吕梁日报, 2025-04-03(8).</output>" in shown
    assert '<button type="button" class="copy"' in shown
    assert NOTE not in shown  # annotations only with --with-notes
    for fmt in ("txt", "md", "docx", "csv", "csl-json", "ris"):
        assert f'href="/article/1/download/{fmt}"' in shown


def test_downloads_are_the_exports(client):
    text = client.get("/article/1/download/txt")
    assert text.headers["content-disposition"] == 'attachment; filename="gazette-1.txt"'
    assert "引文: 冀美丽." in text.text
    rows = list(csv.reader(io.StringIO(client.get("/article/1/download/csv").content.decode("utf-8-sig"))))
    assert rows[1][7] == "“改革攻坚”与“民生提质”双轮驱动"
    item = json.loads(client.get("/article/1/download/csl-json").text)[0]
    assert (item["type"], item["container-title"], item["page"]) == ("article-newspaper", "吕梁日报", "8")
    assert client.get("/article/1/download/ris").text.startswith("TY  - NEWS")
    word = docx.Document(io.BytesIO(client.get("/article/1/download/docx").content))
    assert any("双轮驱动" in p.text for p in word.paragraphs)
    assert client.get("/article/1/download/exe").status_code == 404


def test_chinese_by_default_english_on_request(client):
    assert "检索" in client.get("/").text
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.3"}).text
    assert "Search the archive" in english
    assert language_of("fr-FR, zh-TW;q=0.8, en;q=0.5") == "zh"
    assert language_of("fr, de") == "zh"
    chosen = client.get("/language/en", params={"next": "/search?q=交城"}, follow_redirects=False)
    assert chosen.status_code == 303 and unquote(chosen.headers["location"]) == "/search?q=交城"
    client.cookies.set("lang", "en")
    try:
        assert "results" in client.get("/search", params={"q": "交城"}).text
    finally:
        client.cookies.clear()
    away = client.get("/language/en", params={"next": "//example.com/"}, follow_redirects=False)
    assert away.headers["location"] == "/"


def test_notes_only_with_notes(root):
    with TestClient(create_app(root, with_notes=True)) as client:
        assert NOTE in client.get("/article/1").text


def test_password(root):
    password_hash = PasswordHasher().hash("阅览室")
    with TestClient(create_app(root, password_hash=password_hash)) as client:
        assert client.get("/").status_code == 401
        wrong = base64.b64encode(b"x:wrong").decode()
        assert client.get("/", headers={"Authorization": f"Basic {wrong}"}).status_code == 401
        right = base64.b64encode("x:阅览室".encode()).decode()
        assert client.get("/", headers={"Authorization": f"Basic {right}"}).status_code == 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_command_warns_on_every_address_and_answers(root, workers):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "main.py", "--archive", str(root), "serve", "--host", "0.0.0.0",
                               "--port", str(port), "--workers", workers], cwd=ROOT, stderr=subprocess.PIPE,
                              text=True)
    try:
        warning = server.stderr.readline()
        assert warning.startswith("warning: serving") and "without a password" in warning
        for _ in range(150):
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "交城"})
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert response.status_code == 200 and "<mark>交城</mark>" in response.text
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_a_folder_without_an_archive(tmp_path):
    result = subprocess.run([sys.executable, "main.py", "--archive", str(tmp_path / "none"), "serve"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {tmp_path / 'none'}: no archive there")
    assert not (tmp_path / "none").exists()
