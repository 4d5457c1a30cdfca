"""SQLite through sqlite-utils: the archive's source of truth. All SQL lives here.

The schema is the numbered scripts in ``db/`` (``0001_initial.sql`` …), applied in order on open
by ``sqlite_utils.Migrations``: each script and its record in one transaction.
"""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import json
import sqlite3
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

from viewer.annotation_store import AnnotationStore, new_row_id
from viewer.confidence import pack_confidence, unpack_confidence, unsure_spans
from viewer.errors import GazetteError
from viewer.model import (
    ArticleLocation,
    ArticleRow,
    ArticleTitle,
    ArticleView,
    Credit,
    Issue,
    IssueDay,
    IssuePage,
    OcrNote,
    Page,
    PageArticle,
    PageView,
    Publication,
    Reading,
    SearchDoc,
    group_credits,
    page_people_line,
)
from viewer.opening import connect, upgrade
from viewer.resources import data_path

MIGRATIONS_DIR = data_path("db")


def _sql_statements(script: str) -> Iterator[str]:
    """The statements of a script, split where SQLite says a statement is complete (so a
    semicolon inside a string or trigger does not split it). ``executescript`` would commit
    the migration's transaction, so statements run one by one."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip() and not all(
            not line.strip() or line.strip().startswith("--") for line in statement.splitlines()):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {statement.strip()[:80]}")


def schema_migrations(directory: Path = MIGRATIONS_DIR) -> Migrations:
    migrations = Migrations("gazette")
    for path in sorted(directory.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        script = path.read_text(encoding="utf-8")

        def apply(db: Database, script: str = script) -> None:
            for statement in _sql_statements(script):
                db.execute(statement)

        migrations(name=path.stem)(apply)
    return migrations


class _Database(Database):
    """sqlite-utils' Database whose write transactions take the write lock as they begin
    (``BEGIN IMMEDIATE``). A deferred transaction that has read and then writes, while another
    connection (the GUI's writer thread, the CLI) committed in between, fails at once with
    "database is locked": SQLite cannot wait for that upgrade, so the busy timeout never
    applies. Taking the lock first makes it wait its turn instead."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: sqlite-utils' savepoint
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.conn.execute("COMMIT")


class Store:
    def __init__(self, path: Path | str, *, read_only: bool = False, immutable: bool = False):
        """Open (see :mod:`viewer.opening`): read-only without migrating (``read_only_reason``
        says why: read-only storage, a full disk), or migrated in one transaction after a backup."""
        connection, self.read_only_reason = connect(Path(path), read_only=read_only, immutable=immutable)
        self.read_only = bool(self.read_only_reason)
        self.db = _Database(connection)
        if not self.read_only:
            upgrade(self.db, schema_migrations(), Path(path))
        else:
            self._refuse_older_schema(Path(path))
        self.annotations = AnnotationStore(self.db)

    def _refuse_older_schema(self, path: Path) -> None:
        """What cannot be migrated (read-only) must already have this version's schema."""
        try:
            pending = [m.name for m in schema_migrations().pending(self.db)]
        except sqlite3.Error as error:
            raise GazetteError(f"{path}: cannot read the archive ({error})") from error
        if pending:
            raise GazetteError(f"{path}: the archive was made by an older Gazette and needs upgrading "
                               f"({', '.join(pending)}); open it once for writing (the app or the command line)")

    def close(self) -> None:
        self.db.close()

    def applied_migrations(self) -> list[str]:
        return [m.name for m in schema_migrations().applied(self.db)]

    # -- archive state -------------------------------------------------------------------------

    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM archive_state WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute("INSERT INTO archive_state (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    # -- writing ---------------------------------------------------------------------------------

    def page_with_sha256(self, sha256: str) -> dict | None:
        return self._one("""
            SELECT page.id, page.source_path, issue.date, page.label, publication.name AS publication
            FROM page JOIN issue ON issue.id = page.issue_id
            JOIN publication ON publication.id = issue.publication_id
            WHERE page.source_sha256 = ?""", [sha256])

    def page_at(self, publication: str, date: str, label: str) -> dict | None:
        return self._one("""
            SELECT page.id, page.source_path, page.source_sha256 FROM page
            JOIN issue ON issue.id = page.issue_id
            JOIN publication ON publication.id = issue.publication_id
            WHERE publication.name = ? AND issue.date = ? AND page.label = ?""",
                         [publication, date, label])

    def save_pages(self, pages: list[tuple[Page, int | None]]) -> list[tuple[int, list[int]]]:
        """Insert pages (each with the id of the page it replaces, or None) in one transaction:
        the pages of one file go in together or not at all."""
        with self.db.atomic():
            return [self._insert_page(page, replace_page_id) for page, replace_page_id in pages]

    def _insert_page(self, page: Page, replace_page_id: int | None) -> tuple[int, list[int]]:
        """Insert the page, or overwrite the page it replaces in place: an article read again
        keeps its id (matched by title, else by place on the page), so its annotations, tags
        and collections stay with it; an article that is gone takes its notes' links with it
        (they become orphans, see db/0003_annotations.sql)."""
        assert page.date is not None, "readers give every page a date or refuse it"
        publication_id = self._id_of("publication", {"name": page.publication})
        issue_id = self._id_of("issue", {"publication_id": publication_id, "date": page.date.isoformat()})
        image = page.image
        values = {
            "issue_id": issue_id, "number": page.number, "label": page.label or str(page.number),
            "section": page.section, "weekday": page.weekday, "source_path": page.source_path,
            "source_sha256": page.sha256, "encoding": page.encoding, "raw_text": page.raw_text,
            "unassigned": _json(page.unassigned), "warnings": _json(page.warnings),
            "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "image": image and image.path, "preview": image and image.preview,
            "thumbnail": image and image.thumbnail, "image_width": image and image.width,
            "image_height": image and image.height, "char_boxes": pack_boxes(page.char_boxes),
            "char_confidence": pack_confidence(page.char_confidence),
            "ocr_engine": page.ocr_engine or None, "ocr_confidence": page.ocr_confidence,
        }
        if replace_page_id is None:
            page_id, kept = new_row_id(self.db.table("page").insert(values)), {}
        else:
            page_id, kept = replace_page_id, self._articles_kept(replace_page_id, page)
            self.db.table("page").update(page_id, values)
            self.db.execute("DELETE FROM credit WHERE page_id = ?", [page_id])
            gone = [r[0] for r in self.db.execute("SELECT id FROM article WHERE page_id = ?", [page_id])
                    if r[0] not in kept.values()]
            self.db.execute("UPDATE annotation SET orphaned = 1 WHERE article_id IN "
                            f"({','.join('?' * len(gone))})", gone)
            self.db.execute(f"DELETE FROM article WHERE id IN ({','.join('?' * len(gone))})", gone)
            self.db.execute("UPDATE article SET seq = -id WHERE page_id = ?", [page_id])  # free the seqs
        self._insert_credits(page.credits, page_id=page_id)
        article_ids = []
        for n, article in enumerate(page.articles):
            row = {
                "page_id": page_id, "seq": article.seq, "title": article.title,
                "subtitle": article.subtitle, "kicker": article.kicker,
                "paragraphs": _json(article.paragraphs), "raw_text": article.raw_text,
                "source_lines": _json(article.source_lines),
                "region": _json([list(box) for box in article.region]) if article.region else None,
            }
            if n in kept:
                article_id = kept[n]
                self.db.table("article").update(article_id, row)
                self.db.execute("DELETE FROM credit WHERE article_id = ?", [article_id])
            else:
                article_id = new_row_id(self.db.table("article").insert(row))
            self._insert_credits(article.credits, article_id=article_id)
            article_ids.append(article_id)
        for article_id in kept.values():
            self.annotations.reanchor(article_id)  # the highlights find their words in the new text
        return page_id, article_ids

    def _articles_kept(self, page_id: int, page: Page) -> dict[int, int]:
        """Which old article each new one is (index in page.articles → article id): same title
        first, then same place on the page."""
        old = self._all("SELECT id, seq, title FROM article WHERE page_id = ? ORDER BY seq", [page_id])
        kept: dict[int, int] = {}
        for n, article in enumerate(page.articles):
            match = next((row for row in old if row["title"] and row["title"] == article.title
                          and row["id"] not in kept.values()), None)
            if match is not None:
                kept[n] = match["id"]
        for n, article in enumerate(page.articles):
            match = next((row for row in old if row["seq"] == article.seq and row["id"] not in kept.values()), None)
            if n not in kept and match is not None:
                kept[n] = match["id"]
        return kept

    # Publications: renamed and merged (viewer/publications.py says the rules)

    def publication_id(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM publication WHERE name = ?", [name]).fetchone()
        return row[0] if row else None

    def rename_publication(self, publication_id: int, name: str) -> None:
        with self.db.atomic() as db:
            db.execute("UPDATE publication SET name = ? WHERE id = ?", [name, publication_id])

    def publication_clash(self, old_id: int, into_id: int) -> tuple[str, str] | None:
        """The first (date, page label) both papers have, or None."""
        return self.db.execute("""
            SELECT theirs.date, mine.label FROM issue AS theirs
            JOIN page AS mine ON mine.issue_id = theirs.id
            JOIN issue AS ours ON ours.publication_id = ? AND ours.date = theirs.date
            JOIN page AS other ON other.issue_id = ours.id AND other.label = mine.label
            WHERE theirs.publication_id = ? ORDER BY theirs.date, mine.number LIMIT 1""",
                               [into_id, old_id]).fetchone()

    def merge_publication(self, old_id: int, into_id: int) -> None:
        """Every issue of ``old_id`` filed under ``into_id`` (issues of one day become one),
        then ``old_id`` removed; one transaction."""
        with self.db.atomic() as db:
            for issue_id, date in db.execute("SELECT id, date FROM issue WHERE publication_id = ?",
                                             [old_id]).fetchall():
                same_day = db.execute("SELECT id FROM issue WHERE publication_id = ? AND date = ?",
                                      [into_id, date]).fetchone()
                if same_day:
                    db.execute("UPDATE page SET issue_id = ? WHERE issue_id = ?", [same_day[0], issue_id])
                    db.execute("DELETE FROM issue WHERE id = ?", [issue_id])
                else:
                    db.execute("UPDATE issue SET publication_id = ? WHERE id = ?", [into_id, issue_id])
            db.execute("DELETE FROM publication WHERE id = ?", [old_id])

    def article_ids_of_publication(self, publication_id: int) -> list[int]:
        return [row[0] for row in self.db.execute("""
            SELECT article.id FROM article JOIN page ON page.id = article.page_id
            JOIN issue ON issue.id = page.issue_id WHERE issue.publication_id = ? ORDER BY article.id""",
                                                  [publication_id])]

    def article_ids_of_page(self, page_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM article WHERE page_id = ? ORDER BY seq",
                                              [page_id])]

    def _insert_credits(self, credits: list[Credit], *, page_id: int | None = None,
                        article_id: int | None = None) -> None:
        self.db.table("credit").insert_all(
            {"person": c.name, "role": c.role, "page_id": page_id, "article_id": article_id, "seq": n}
            for n, c in enumerate(credits))

    def _id_of(self, table: str, values: dict) -> int:
        where = " AND ".join(f"{column} = ?" for column in values)
        row = self.db.execute(f"SELECT id FROM {table} WHERE {where}", list(values.values())).fetchone()
        return row[0] if row else new_row_id(self.db.table(table).insert(values))

    # -- reading: the read model, always from the current text (the article_now view) -------

    _ROW_COLUMNS = """
        a.id, publication.name AS publication, issue.date, page.number AS page,
        page.label AS page_label, page.section, a.title, a.seq"""
    _ROW_JOINS = """
        FROM article_now a JOIN page ON page.id = a.page_id
        JOIN issue ON issue.id = page.issue_id
        JOIN publication ON publication.id = issue.publication_id"""
    _ROW_ORDER = " ORDER BY issue.date, publication.name, page.number, page.label, a.seq"
    _PAGE_CREDITS = """(SELECT json_group_array(json_array(role, person)) FROM (
        SELECT role, person FROM credit WHERE credit.page_id = page.id ORDER BY seq, id))"""

    def list_articles(self) -> list[ArticleRow]:
        return [ArticleRow(**row) for row in self._iter(f"SELECT {self._ROW_COLUMNS} {self._ROW_JOINS}"
                                                        + self._ROW_ORDER)]

    def article_rows(self, ids: list[int]) -> list[ArticleRow]:
        """List rows of the given articles, in the order given (those gone left out)."""
        found: dict[int, ArticleRow] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update((row["id"], ArticleRow(**row)) for row in self._iter(
                f"SELECT {self._ROW_COLUMNS} {self._ROW_JOINS} WHERE a.id IN ({marks})", chunk))
        return [found[i] for i in ids if i in found]

    def article(self, article_id: int) -> ArticleView | None:
        """Everything about one article, as shown (two SELECTs; a third for OCR'd text, to place
        the characters OCR was unsure of)."""
        row = self._one(f"""
            SELECT {self._ROW_COLUMNS}, a.subtitle, a.kicker, a.paragraphs, a.credits, a.revision_id,
                   a.region, a.page_id, page.issue_id, issue.publication_id, page.weekday, page.unassigned,
                   page.source_path, page.source_sha256, page.image, page.ocr_engine, page.ocr_confidence,
                   page.char_confidence, a.source_lines, {self._PAGE_CREDITS} AS page_credits
            {self._ROW_JOINS} WHERE a.id = ?""", [article_id])
        if row is None:
            return None
        text = _reading(row)
        unsure: tuple[tuple[int, int], ...] = ()
        if row["char_confidence"] is not None:  # OCR'd text (or ALTO's): the page text is read too
            page_text = self.db.execute("SELECT raw_text FROM page WHERE id = ?", [row["page_id"]]).fetchone()[0]
            unsure = unsure_spans(text.search_text(), page_text, unpack_confidence(row["char_confidence"]) or [],
                                  json.loads(row["source_lines"] or "[]"))
        return ArticleView(
            id=row["id"], page_id=row["page_id"], issue_id=row["issue_id"], publication_id=row["publication_id"],
            publication=row["publication"], date=row["date"], weekday=row["weekday"], page=row["page"],
            page_label=row["page_label"], section=row["section"],
            page_credits=group_credits(_credits(row["page_credits"])), text=text,
            revision=row["revision_id"], unassigned=tuple(json.loads(row["unassigned"])),
            source_path=row["source_path"], source_sha256=row["source_sha256"],
            page_image=f"pages/{row['image']}" if row["image"] else None, regions=_regions(row["region"]),
            annotations=tuple(self.annotations.listing(article_id)), ocr=_ocr_note(row), unsure=unsure)

    def article_geometry(self, article_id: int) -> tuple[str, list | None, list[int]] | None:
        """The article's page text, that text's character boxes (None without positions) and
        the lines of it the article was read from."""
        row = self.db.execute("""
            SELECT page.raw_text, page.char_boxes, article.source_lines
            FROM article JOIN page ON page.id = article.page_id WHERE article.id = ?""",
                              [article_id]).fetchone()
        if row is None:
            return None
        return row[0], unpack_boxes(row[1]), json.loads(row[2])

    def hit_articles(self, ids: list[int]) -> dict[int, tuple[ArticleRow, Reading, list[str], str]]:
        """For search hits: each article's row, its current reading, the lines of its earlier
        readings it no longer has and its page's people (:func:`viewer.model.page_people_line`)
        (two SELECTs; articles gone are left out)."""
        found: dict[int, tuple[ArticleRow, Reading, list[str], str]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = self._all(f"""
                SELECT {self._ROW_COLUMNS}, a.subtitle, a.kicker, a.paragraphs, a.credits, a.revision_id,
                       article.title AS imported_title, article.subtitle AS imported_subtitle,
                       article.kicker AS imported_kicker, article.paragraphs AS imported_paragraphs,
                       EXISTS (SELECT 1 FROM article_revision r WHERE r.article_id = a.id) AS corrected,
                       {self._PAGE_CREDITS} AS page_credits
                {self._ROW_JOINS} JOIN article ON article.id = a.id WHERE a.id IN ({marks})""", chunk)
            earlier = self._earlier_readings([row for row in rows if row["corrected"]])
            for row in rows:
                summary = ArticleRow(**{key: row[key] for key in ArticleRow.__dataclass_fields__})
                found[row["id"]] = (summary, _reading(row), earlier.get(row["id"], []),
                                    page_people_line(group_credits(_credits(row["page_credits"]))))
        return found

    def article_layout(self, article_id: int) -> dict | None:
        """Where the article's text sits on its page, for ALTO: the page text, its character
        boxes and confidences (None where unknown), the article's lines, the picture's size."""
        row = self._one("""
            SELECT page.id AS page_id, page.raw_text, page.char_boxes, page.char_confidence,
                   page.image_width, page.image_height, article.source_lines
            FROM article JOIN page ON page.id = article.page_id WHERE article.id = ?""", [article_id])
        if row is None:
            return None
        return {**row, "char_boxes": unpack_boxes(row["char_boxes"]),
                "char_confidence": unpack_confidence(row["char_confidence"]),
                "source_lines": json.loads(row["source_lines"])}


    def search_docs(self, ids: Iterable[int] | None = None) -> Iterator[SearchDoc]:
        """What the search index needs, for the given articles or for all of them: each one's
        current (corrected) text, its earlier readings and what editors added to it."""
        if ids is None:
            work = self.annotations.for_search()  # the editors' work is small beside the articles
            yield from self._docs(self._iter(self._DOC_ROWS + self._ROW_ORDER), work)
            return
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            yield from self._docs(self._all(self._DOC_ROWS + f" WHERE a.id IN ({marks})", chunk),
                                  self.annotations.for_search(chunk))

    _DOC_ROWS = f"""
        SELECT {_ROW_COLUMNS}, a.subtitle, a.kicker, a.paragraphs, a.credits, a.revision_id,
               {_PAGE_CREDITS} AS page_credits
        {_ROW_JOINS}"""

    def _docs(self, rows: Iterable[dict], work: dict[int, dict]) -> Iterator[SearchDoc]:
        for row in rows:
            editorial = work.get(row["id"], {})
            now = _reading(row)
            lines_now = set(now.search_lines())
            readings = editorial.get("readings", [])
            earlier = (line for reading in readings for line in reading.search_lines()
                       if line and line not in lines_now)
            yield SearchDoc(
                article_id=row["id"], publication=row["publication"], date=row["date"],
                page=row["page"], page_label=row["page_label"], section=row["section"], text=now,
                page_credits=group_credits(_credits(row["page_credits"])),
                earlier_readings=list(dict.fromkeys(earlier)), notes=editorial.get("notes", []),
                tags=editorial.get("tags", []), collections=editorial.get("collections", []),
                annotators=editorial.get("annotators", []))

    def _earlier_readings(self, rows: list[dict]) -> dict[int, list[str]]:
        """For corrected articles: the lines of their imported reading and of each revision
        that their current text lacks (one SELECT)."""
        if not rows:
            return {}
        readings: dict[int, list[Reading]] = {row["id"]: [_reading(row, "imported_")] for row in rows}
        marks = ",".join("?" * len(readings))
        for revision in self._iter(f"""
                SELECT article_id, title, subtitle, kicker, paragraphs, credits FROM article_revision
                WHERE article_id IN ({marks}) ORDER BY id""", list(readings)):
            readings[revision["article_id"]].append(_reading(revision))
        earlier = {}
        for row in rows:
            lines_now = set(_reading(row).search_lines())
            earlier[row["id"]] = list(dict.fromkeys(
                line for reading in readings[row["id"]] for line in reading.search_lines()
                if line and line not in lines_now))
        return earlier

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM article").fetchone()[0]

    def has_articles(self) -> bool:
        return self.db.execute("SELECT 1 FROM article LIMIT 1").fetchone() is not None

    # -- the index queue (see viewer/services/indexing.py) ---------------------------------------

    def index_queue_length(self) -> int:
        return self.db.execute("SELECT count(*) FROM index_queue").fetchone()[0]

    def index_queue(self, limit: int | None) -> list[tuple[int, int]]:
        """(article id, queued) of articles waiting for the index, oldest first."""
        return self.db.execute("SELECT article_id, queued FROM index_queue ORDER BY queued, article_id LIMIT ?",
                               [-1 if limit is None else limit]).fetchall()

    def unqueue(self, entries: list[tuple[int, int]]) -> None:
        """Take the articles off the queue, unless queued again since they were read."""
        with self.db.atomic():
            self.db.conn.executemany("DELETE FROM index_queue WHERE article_id = ? AND queued = ?", entries)

    def has_pages(self) -> bool:
        return self.db.execute("SELECT 1 FROM page LIMIT 1").fetchone() is not None

    # -- selections for export ---------------------------------------------------------------------

    def article_ids_of_issue(self, issue_id: int) -> list[int]:
        """An issue's articles in page order, then in order on the page."""
        return [r[0] for r in self.db.execute("""
            SELECT article.id FROM article JOIN page ON page.id = article.page_id
            WHERE page.issue_id = ? ORDER BY page.number, page.label, article.seq""", [issue_id])]

    def missing_article_ids(self, ids: Iterable[int]) -> list[int]:
        """Those of ``ids`` that name no article, in the order given."""
        ids = list(ids)
        present: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            present.update(r[0] for r in self.db.execute(f"SELECT id FROM article WHERE id IN ({marks})", chunk))
        return [i for i in ids if i not in present]

    def stats(self) -> dict:
        def count(sql: str) -> int:
            return self.db.execute(sql).fetchone()[0]

        first, last = self.db.execute("SELECT min(date), max(date) FROM issue").fetchone()
        return {
            "publications": count("SELECT count(*) FROM publication"),
            "issues": count("SELECT count(*) FROM issue"),
            "pages": count("SELECT count(*) FROM page"),
            "articles": count("SELECT count(*) FROM article"),
            "people": count("SELECT count(DISTINCT person) FROM credit WHERE person != ''"),
            "first_date": first, "last_date": last,
        }

    # -- browsing: publications → years → months → issues → pages → articles -------------------
    # Each level is one query over an index, so the desktop viewer can load a level only when
    # it is opened; nothing here reads the whole archive.

    def publications(self) -> list[Publication]:
        return [Publication(**row) for row in self._iter("""
            SELECT publication.id, publication.name, count(issue.id) AS issues,
                   min(issue.date) AS first_date, max(issue.date) AS last_date
            FROM publication LEFT JOIN issue ON issue.publication_id = publication.id
            GROUP BY publication.id ORDER BY publication.name""")]

    def issue_years(self, publication_id: int) -> list[tuple[int, int]]:
        """(year, issues) of a publication, oldest first."""
        return self.db.execute("""
            SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, count(*) AS issues
            FROM issue WHERE publication_id = ? GROUP BY year ORDER BY year""", [publication_id]).fetchall()

    def issue_months(self, publication_id: int, year: int) -> list[tuple[int, int]]:
        """(month, issues) of a publication's year."""
        return self.db.execute("""
            SELECT CAST(substr(date, 6, 2) AS INTEGER) AS month, count(*) AS issues
            FROM issue WHERE publication_id = ? AND date BETWEEN ? AND ?
            GROUP BY month ORDER BY month""", [publication_id, f"{year:04d}-01-01", f"{year:04d}-12-31"]).fetchall()

    def issues_between(self, publication_id: int, first: str, last: str) -> list[IssueDay]:
        """Issues dated ``first``…``last`` (ISO, inclusive) with their page count and the page
        numbers missing below the highest one present."""
        days = []
        for row in self._iter("""
                SELECT issue.id, issue.date, count(page.id) AS pages, group_concat(page.number) AS numbers
                FROM issue LEFT JOIN page ON page.issue_id = issue.id
                WHERE issue.publication_id = ? AND issue.date BETWEEN ? AND ?
                GROUP BY issue.id ORDER BY issue.date""", [publication_id, first, last]):
            numbers = {int(n) for n in (row.pop("numbers") or "").split(",") if n}
            missing = tuple(sorted(set(range(1, max(numbers, default=0) + 1)) - numbers))
            days.append(IssueDay(**row, missing_pages=missing))
        return days

    def issue_weekday_counts(self, publication_id: int) -> dict[int, int]:
        """How many issues fell on each weekday, Monday 0 … Sunday 6."""
        rows = self.db.execute("""
            SELECT (CAST(strftime('%w', date) AS INTEGER) + 6) % 7, count(*)
            FROM issue WHERE publication_id = ? GROUP BY 1""", [publication_id])
        return dict(rows.fetchall())

    def issue(self, issue_id: int) -> Issue | None:
        row = self._one("""
            SELECT issue.id, issue.date, issue.publication_id, publication.name AS publication
            FROM issue JOIN publication ON publication.id = issue.publication_id
            WHERE issue.id = ?""", [issue_id])
        return Issue(**row) if row else None

    def issue_pages(self, issue_id: int) -> list[IssuePage]:
        """The pages of an issue in order, each with its articles' ids and (current) titles."""
        titles: dict[int, list[ArticleTitle]] = {}
        for row in self._iter("""
                SELECT a.id, a.page_id, a.seq, a.title FROM article_now a
                JOIN page ON page.id = a.page_id WHERE page.issue_id = ? ORDER BY a.seq""", [issue_id]):
            titles.setdefault(row.pop("page_id"), []).append(ArticleTitle(**row))
        return [IssuePage(**page, articles=tuple(titles.get(page["id"], ()))) for page in self._iter("""
            SELECT id, number, label, section, image, thumbnail FROM page WHERE issue_id = ?
            ORDER BY number, label""", [issue_id])]

    def pages_without_text(self) -> list[int]:
        """Pages that have a picture and no text (scans imported as pictures only)."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM page WHERE image IS NOT NULL AND raw_text = '' ORDER BY id")]

    def stored_page(self, page_id: int) -> dict | None:
        """A page's row as stored, with its date and publication (for reading it again)."""
        return next(self.db.query("""
            SELECT page.*, issue.date, publication.name AS publication FROM page
            JOIN issue ON issue.id = page.issue_id JOIN publication ON publication.id = issue.publication_id
            WHERE page.id = ?""", [page_id]), None)

    def page(self, page_id: int) -> PageView | None:
        """One page with its masthead facts, editors, picture and articles (two SELECTs)."""
        page = self._one(f"""
            SELECT page.id, page.issue_id, page.number, page.label, page.section, page.weekday,
                   page.image, page.preview, page.image_width, page.image_height, page.unassigned,
                   page.ocr_engine, page.ocr_confidence, issue.date, publication.name AS publication, {self._PAGE_CREDITS} AS credits
            FROM page JOIN issue ON issue.id = page.issue_id
            JOIN publication ON publication.id = issue.publication_id
            WHERE page.id = ?""", [page_id])
        if page is None:
            return None
        articles = tuple(PageArticle(row["id"], row["seq"], _reading(row), _regions(row["region"]))
                         for row in self._iter("""
                SELECT id, seq, title, subtitle, kicker, paragraphs, credits, region FROM article_now
                WHERE page_id = ? ORDER BY seq""", [page_id]))
        ocr = _ocr_note(page)
        del page["ocr_engine"], page["ocr_confidence"]
        return PageView(**{**page, "unassigned": tuple(json.loads(page["unassigned"])),
                           "credits": group_credits(_credits(page["credits"]))}, articles=articles, ocr=ocr)

    def article_location(self, article_id: int) -> ArticleLocation | None:
        row = self._one("""
            SELECT article.page_id, page.issue_id, issue.publication_id, issue.date
            FROM article JOIN page ON page.id = article.page_id
            JOIN issue ON issue.id = page.issue_id WHERE article.id = ?""", [article_id])
        return ArticleLocation(**row) if row else None

    def sections(self) -> list[str]:
        # One seek of the page_section index per section (at 100,000 pages: 0.03 ms; scanning the
        # index took 5 ms, the table 100 ms).
        return [row[0] for row in self.db.execute(
            "WITH RECURSIVE next(section) AS ("
            " SELECT min(section) FROM page WHERE section > ''"
            " UNION ALL SELECT (SELECT min(section) FROM page WHERE section > next.section) FROM next"
            " WHERE next.section IS NOT NULL)"
            " SELECT section FROM next WHERE section IS NOT NULL")]

    # -- helpers ---------------------------------------------------------------------------------

    def _iter(self, sql: str, params: list | None = None) -> Iterator[dict]:
        return self.db.query(sql, params or [])

    def _all(self, sql: str, params: list | None = None) -> list[dict]:
        return list(self._iter(sql, params))

    def _one(self, sql: str, params: list | None = None) -> dict | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _credits(packed: str | None) -> list[Credit]:
    """Credits from the JSON ``[[role, name], …]`` the article_now view gives."""
    return [Credit(role, name) for role, name in json.loads(packed or "[]")]


def _reading(row: dict, prefix: str = "") -> Reading:
    """A Reading from a row with title, subtitle, kicker, paragraphs and credits columns
    (``prefix``: the imported reading's columns; its credits are not needed for search lines
    beyond the byline, which a correction keeps)."""
    return Reading(row[prefix + "title"], row[prefix + "subtitle"], row[prefix + "kicker"],
                   tuple(_credits(row.get(prefix + "credits", row.get("credits")))),
                   tuple(json.loads(row[prefix + "paragraphs"])))


def _regions(packed: str | None) -> tuple[tuple[int, int, int, int], ...]:
    return tuple(tuple(box) for box in json.loads(packed)) if packed else ()


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def pack_boxes(boxes: list[tuple[int, int, int, int] | None] | None) -> bytes | None:
    """Character boxes as compact bytes (see db/0002_page_pictures.sql)."""
    if boxes is None:
        return None
    flat = array.array("i", [v for box in boxes for v in (box or (-1, -1, -1, -1))])
    if sys.byteorder != "little":
        flat.byteswap()
    return zlib.compress(flat.tobytes())


def unpack_boxes(blob: bytes | None) -> list[tuple[int, int, int, int] | None] | None:
    if blob is None:
        return None
    flat = array.array("i")
    flat.frombytes(zlib.decompress(blob))
    if sys.byteorder != "little":
        flat.byteswap()
    return [None if flat[i] < 0 else (flat[i], flat[i + 1], flat[i + 2], flat[i + 3]) for i in range(0, len(flat), 4)]


def _ocr_note(row: dict) -> OcrNote | None:
    return OcrNote(row["ocr_engine"], row["ocr_confidence"]) if row["ocr_engine"] else None
