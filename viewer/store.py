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
import urllib.parse
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

from viewer.annotation_store import AnnotationStore
from viewer.errors import GazetteError
from viewer.model import Credit, Page, SearchDoc, format_credits, group_credits

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "db"


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


def _open_read_only(path: Path) -> Database:
    """The archive opened for reading only (``mode=ro``: SQLite refuses every write), for the
    reading room. Its schema must be the one this version writes, as it cannot be migrated."""
    if not path.is_file():
        raise GazetteError(f"{path}: no archive here")
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
    db = _Database(sqlite3.connect(uri, uri=True, check_same_thread=False))
    try:
        pending = [m.name for m in schema_migrations().pending(db)]
    except sqlite3.Error as error:
        raise GazetteError(f"{path}: cannot read the archive ({error})") from error
    if pending:
        raise GazetteError(f"{path}: the archive needs migrating ({', '.join(pending)}); "
                           "open it once with the app or the command line first")
    return db


class Store:
    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.db = _open_read_only(Path(path)) if read_only else _Database(path)
        if not read_only:
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")
        if not read_only:
            schema_migrations().apply(self.db)
        self.annotations = AnnotationStore(self.db)

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
        publication_id = self._id_of("publication", {"name": page.publication})
        issue_id = self._id_of("issue", {"publication_id": publication_id, "date": page.date.isoformat()})
        image = page.image
        values = {
            "issue_id": issue_id, "number": page.number, "label": page.label or str(page.number),
            "section": page.section, "weekday": page.weekday, "source_path": page.source_path,
            "source_sha256": page.sha256, "encoding": page.encoding, "raw_text": page.raw_text,
            "unassigned": _json(page.unassigned), "warnings": _json(page.warnings),
            "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "image": image and image.path, "preview": image and image.preview,
            "thumbnail": image and image.thumbnail, "image_width": image and image.width,
            "image_height": image and image.height, "char_boxes": pack_boxes(page.char_boxes),
        }
        if replace_page_id is None:
            page_id, kept = self.db["page"].insert(values).last_pk, {}
        else:
            page_id, kept = replace_page_id, self._articles_kept(replace_page_id, page)
            self.db["page"].update(page_id, values)
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
                self.db["article"].update(article_id, row)
                self.db.execute("DELETE FROM credit WHERE article_id = ?", [article_id])
            else:
                article_id = self.db["article"].insert(row).last_pk
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

    def article_ids_of_page(self, page_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM article WHERE page_id = ? ORDER BY seq",
                                              [page_id])]

    def _insert_credits(self, credits: list[Credit], *, page_id: int | None = None,
                        article_id: int | None = None) -> None:
        self.db["credit"].insert_all(
            {"person": c.name, "role": c.role, "page_id": page_id, "article_id": article_id, "seq": n}
            for n, c in enumerate(credits))

    def _id_of(self, table: str, values: dict) -> int:
        where = " AND ".join(f"{column} = ?" for column in values)
        row = self.db.execute(f"SELECT id FROM {table} WHERE {where}", list(values.values())).fetchone()
        return row[0] if row else self.db[table].insert(values).last_pk

    # -- reading ---------------------------------------------------------------------------------

    _ARTICLE_COLUMNS = """
        article.id, publication.name AS publication, issue.date, page.number AS page,
        page.label AS page_label, page.section, page.weekday, article.title,
        article.subtitle, article.kicker, article.paragraphs, article.seq,
        article.page_id, page.issue_id"""
    _ARTICLE_JOINS = """
        FROM article JOIN page ON page.id = article.page_id
        JOIN issue ON issue.id = page.issue_id
        JOIN publication ON publication.id = issue.publication_id"""
    _ARTICLE_ROWS = f"SELECT {_ARTICLE_COLUMNS} {_ARTICLE_JOINS}"
    _ARTICLE_ORDER = " ORDER BY issue.date, publication.name, page.number, page.label, article.seq"

    def list_articles(self) -> list[dict]:
        rows = self._all(self._ARTICLE_ROWS + self._ARTICLE_ORDER)
        return [{k: row[k] for k in ("id", "publication", "date", "page", "section", "title")}
                for row in rows]

    def article(self, article_id: int) -> dict | None:
        """Everything about one article, in the shape of ``gazette show --json``."""
        row = self._one(f"""
            SELECT {self._ARTICLE_COLUMNS}, article.region, page.unassigned, page.source_path,
                   page.source_sha256, page.image
            {self._ARTICLE_JOINS} WHERE article.id = ?""", [article_id])
        if row is None:
            return None
        text = self.annotations.current(article_id)  # corrected, where an editor corrected it
        return {
            "id": row["id"], "publication": row["publication"], "date": row["date"],
            "weekday": row["weekday"], "page": row["page"], "section": row["section"],
            "page_credits": group_credits(self._credits("page_id", row["page_id"])),
            "title": text["title"], "subtitle": text["subtitle"], "kicker": text["kicker"],
            "credits": group_credits(text["credits"]),
            "paragraphs": text["paragraphs"],
            "unassigned": json.loads(row["unassigned"]),
            "source": {"path": row["source_path"], "sha256": row["source_sha256"]},
            "page_image": f"pages/{row['image']}" if row["image"] else None,
            "regions": json.loads(row["region"]) if row["region"] else [],
            "annotations": self.annotations.listing(article_id),
        }

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

    def _credits(self, column: str, owner_id: int) -> list[Credit]:
        rows = self.db.execute(f"SELECT role, person FROM credit WHERE {column} = ? ORDER BY seq, id",
                               [owner_id])
        return [Credit(role, person) for role, person in rows]

    def search_docs(self, ids: Iterable[int] | None = None) -> Iterator[SearchDoc]:
        """What the search index needs, for the given articles or for all of them: each one's
        current (corrected) text, its earlier readings and what editors added to it."""
        if ids is None:
            work = self.annotations.for_search()  # the editors' work is small beside the articles
            yield from self._docs(self._iter(self._ARTICLE_ROWS + self._ARTICLE_ORDER), work)
            return
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._docs(self._all(self._ARTICLE_ROWS + f" WHERE article.id IN ({marks})", chunk),
                                  self.annotations.for_search(chunk))

    def _docs(self, rows: Iterable[dict], work: dict[int, dict]) -> Iterator[SearchDoc]:
        page_credits: dict[int, dict[str, list[str]]] = {}
        for row in rows:
            if row["page_id"] not in page_credits:
                page_credits[row["page_id"]] = group_credits(self._credits("page_id", row["page_id"]))
            imported = {"title": row["title"], "subtitle": row["subtitle"], "kicker": row["kicker"],
                        "paragraphs": json.loads(row["paragraphs"]),
                        "credits": self._credits("article_id", row["id"])}
            editorial = work.get(row["id"], {})
            revisions = editorial.get("revisions", [])
            text = next((r for r in revisions if r["current"]), imported)
            lines_now = set(_reading_lines(text))
            earlier = (line for reading in (imported, *revisions) for line in _reading_lines(reading)
                       if line and line not in lines_now)
            yield SearchDoc(
                article_id=row["id"], publication=row["publication"], date=row["date"],
                page=row["page"], page_label=row["page_label"], section=row["section"],
                title=text["title"], subtitle=text["subtitle"], kicker=text["kicker"],
                byline=format_credits(text["credits"]), paragraphs=text["paragraphs"],
                credits=group_credits(text["credits"]), page_credits=page_credits[row["page_id"]],
                earlier_readings=list(dict.fromkeys(earlier)), notes=editorial.get("notes", []),
                tags=editorial.get("tags", []), collections=editorial.get("collections", []),
                annotators=editorial.get("annotators", []))

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM article").fetchone()[0]

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
        count = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
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

    def publications(self) -> list[dict]:
        return self._all("""
            SELECT publication.id, publication.name, count(issue.id) AS issues,
                   min(issue.date) AS first_date, max(issue.date) AS last_date
            FROM publication LEFT JOIN issue ON issue.publication_id = publication.id
            GROUP BY publication.id ORDER BY publication.name""")

    def issue_years(self, publication_id: int) -> list[dict]:
        return self._all("""
            SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, count(*) AS issues
            FROM issue WHERE publication_id = ? GROUP BY year ORDER BY year""", [publication_id])

    def issue_months(self, publication_id: int, year: int) -> list[dict]:
        return self._all("""
            SELECT CAST(substr(date, 6, 2) AS INTEGER) AS month, count(*) AS issues
            FROM issue WHERE publication_id = ? AND date BETWEEN ? AND ?
            GROUP BY month ORDER BY month""", [publication_id, f"{year:04d}-01-01", f"{year:04d}-12-31"])

    def issues_between(self, publication_id: int, first: str, last: str) -> list[dict]:
        """Issues dated ``first``…``last`` (ISO, inclusive) with their page count and the page
        numbers missing below the highest one present."""
        rows = self._all("""
            SELECT issue.id, issue.date, count(page.id) AS pages,
                   group_concat(page.number) AS numbers
            FROM issue LEFT JOIN page ON page.issue_id = issue.id
            WHERE issue.publication_id = ? AND issue.date BETWEEN ? AND ?
            GROUP BY issue.id ORDER BY issue.date""", [publication_id, first, last])
        for row in rows:
            numbers = {int(n) for n in (row.pop("numbers") or "").split(",") if n}
            row["missing_pages"] = sorted(set(range(1, max(numbers, default=0) + 1)) - numbers)
        return rows

    def issue_weekday_counts(self, publication_id: int) -> dict[int, int]:
        """How many issues fell on each weekday, Monday 0 … Sunday 6."""
        rows = self.db.execute("""
            SELECT (CAST(strftime('%w', date) AS INTEGER) + 6) % 7, count(*)
            FROM issue WHERE publication_id = ? GROUP BY 1""", [publication_id])
        return dict(rows.fetchall())

    def issue(self, issue_id: int) -> dict | None:
        return self._one("""
            SELECT issue.id, issue.date, issue.publication_id, publication.name AS publication
            FROM issue JOIN publication ON publication.id = issue.publication_id
            WHERE issue.id = ?""", [issue_id])

    def issue_pages(self, issue_id: int) -> list[dict]:
        """The pages of an issue in order, each with its articles' ids and titles."""
        pages = self._all("""
            SELECT id, number, label, section, image, thumbnail FROM page WHERE issue_id = ?
            ORDER BY number, label""", [issue_id])
        by_id = {page["id"]: {**page, "articles": []} for page in pages}
        for row in self._iter("""
                SELECT article.id, article.page_id, article.seq, article.title FROM article
                JOIN page ON page.id = article.page_id WHERE page.issue_id = ?
                ORDER BY article.seq""", [issue_id]):
            by_id[row.pop("page_id")]["articles"].append(row)
        return list(by_id.values())

    def page(self, page_id: int) -> dict | None:
        """One page with its masthead facts, editors, image and articles (credits included)."""
        page = self._one("""
            SELECT page.id, page.issue_id, page.number, page.label, page.section, page.weekday,
                   page.image, page.preview, page.image_width, page.image_height, page.unassigned,
                   issue.date, publication.name AS publication
            FROM page JOIN issue ON issue.id = page.issue_id
            JOIN publication ON publication.id = issue.publication_id
            WHERE page.id = ?""", [page_id])
        if page is None:
            return None
        page["unassigned"] = json.loads(page["unassigned"])
        page["credits"] = group_credits(self._credits("page_id", page_id))
        page["articles"] = []
        for row in self._iter("""
                SELECT id, seq, title, subtitle, kicker, paragraphs, region FROM article
                WHERE page_id = ? ORDER BY seq""", [page_id]):
            row["paragraphs"] = json.loads(row["paragraphs"])
            row["region"] = json.loads(row["region"]) if row["region"] else None
            row["credits"] = group_credits(self._credits("article_id", row["id"]))
            page["articles"].append(row)
        return page

    def article_location(self, article_id: int) -> dict | None:
        return self._one("""
            SELECT article.page_id, page.issue_id, issue.publication_id, issue.date
            FROM article JOIN page ON page.id = article.page_id
            JOIN issue ON issue.id = page.issue_id WHERE article.id = ?""", [article_id])

    def sections(self) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT section FROM page WHERE section != '' ORDER BY section")]

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


def _reading_lines(reading: dict) -> list[str]:
    """The lines search reads of one reading of an article (as in viewer.search.article_text)."""
    return [reading["title"], reading["kicker"], reading["subtitle"], format_credits(reading["credits"]),
            *reading["paragraphs"]]


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
    return [None if flat[i] < 0 else tuple(flat[i:i + 4]) for i in range(0, len(flat), 4)]
