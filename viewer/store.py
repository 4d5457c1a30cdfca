"""SQLite through sqlite-utils: the archive's source of truth. All SQL lives here.

The schema is the numbered scripts in ``db/`` (``0001_initial.sql`` …), applied in order on open
by ``sqlite_utils.Migrations``: each script and its record in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

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


class Store:
    def __init__(self, path: Path | str):
        self.db = Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")
        schema_migrations().apply(self.db)

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

    def save_page(self, page: Page, *, replace_page_id: int | None = None) -> tuple[int, list[int]]:
        """Insert a page and its articles and credits in one transaction; with
        ``replace_page_id`` that page is deleted first, in the same transaction."""
        with self.db.atomic():
            if replace_page_id is not None:
                self.db.execute("DELETE FROM page WHERE id = ?", [replace_page_id])
            publication_id = self._id_of("publication", {"name": page.publication})
            issue_id = self._id_of("issue", {"publication_id": publication_id, "date": page.date.isoformat()})
            page_id = self.db["page"].insert({
                "issue_id": issue_id, "number": page.number, "label": page.label or str(page.number),
                "section": page.section, "weekday": page.weekday, "source_path": page.source_path,
                "source_sha256": page.sha256, "encoding": page.encoding, "raw_text": page.raw_text,
                "unassigned": _json(page.unassigned), "warnings": _json(page.warnings),
                "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            }).last_pk
            self._insert_credits(page.credits, page_id=page_id)
            article_ids = []
            for article in page.articles:
                article_id = self.db["article"].insert({
                    "page_id": page_id, "seq": article.seq, "title": article.title,
                    "subtitle": article.subtitle, "kicker": article.kicker,
                    "paragraphs": _json(article.paragraphs), "raw_text": article.raw_text,
                }).last_pk
                self._insert_credits(article.credits, article_id=article_id)
                article_ids.append(article_id)
        return page_id, article_ids

    def article_ids_of_page(self, page_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM article WHERE page_id = ?", [page_id])]

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

    _ARTICLE_ROWS = """
        SELECT article.id, publication.name AS publication, issue.date, page.number AS page,
               page.label AS page_label, page.section, page.weekday, article.title,
               article.subtitle, article.kicker, article.paragraphs, article.seq,
               article.page_id, page.issue_id
        FROM article JOIN page ON page.id = article.page_id
        JOIN issue ON issue.id = page.issue_id
        JOIN publication ON publication.id = issue.publication_id"""
    _ARTICLE_ORDER = " ORDER BY issue.date, publication.name, page.number, page.label, article.seq"

    def list_articles(self) -> list[dict]:
        rows = self._all(self._ARTICLE_ROWS + self._ARTICLE_ORDER)
        return [{k: row[k] for k in ("id", "publication", "date", "page", "section", "title")}
                for row in rows]

    def article(self, article_id: int) -> dict | None:
        """Everything about one article, in the shape of ``gazette show --json``."""
        row = self._one(self._ARTICLE_ROWS + " WHERE article.id = ?", [article_id])
        if row is None:
            return None
        page = self._one("SELECT unassigned, source_path, source_sha256 FROM page WHERE id = ?",
                         [row["page_id"]])
        return {
            "id": row["id"], "publication": row["publication"], "date": row["date"],
            "weekday": row["weekday"], "page": row["page"], "section": row["section"],
            "page_credits": group_credits(self._credits("page_id", row["page_id"])),
            "title": row["title"], "subtitle": row["subtitle"], "kicker": row["kicker"],
            "credits": group_credits(self._credits("article_id", article_id)),
            "paragraphs": json.loads(row["paragraphs"]),
            "unassigned": json.loads(page["unassigned"]),
            "source": {"path": page["source_path"], "sha256": page["source_sha256"]},
        }

    def _credits(self, column: str, owner_id: int) -> list[Credit]:
        rows = self.db.execute(f"SELECT role, person FROM credit WHERE {column} = ? ORDER BY seq, id",
                               [owner_id])
        return [Credit(role, person) for role, person in rows]

    def search_docs(self, ids: Iterable[int] | None = None) -> Iterator[SearchDoc]:
        """What the search index needs, for the given articles or for all of them."""
        if ids is None:
            yield from self._docs(self._iter(self._ARTICLE_ROWS + self._ARTICLE_ORDER))
            return
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._docs(self._all(self._ARTICLE_ROWS + f" WHERE article.id IN ({marks})", chunk))

    def _docs(self, rows: Iterable[dict]) -> Iterator[SearchDoc]:
        page_credits: dict[int, dict[str, list[str]]] = {}
        for row in rows:
            if row["page_id"] not in page_credits:
                page_credits[row["page_id"]] = group_credits(self._credits("page_id", row["page_id"]))
            credits = self._credits("article_id", row["id"])
            yield SearchDoc(
                article_id=row["id"], publication=row["publication"], date=row["date"],
                page=row["page"], page_label=row["page_label"], section=row["section"],
                title=row["title"], subtitle=row["subtitle"], kicker=row["kicker"],
                byline=format_credits(credits), paragraphs=json.loads(row["paragraphs"]),
                credits=group_credits(credits), page_credits=page_credits[row["page_id"]])

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM article").fetchone()[0]

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

    # -- helpers ---------------------------------------------------------------------------------

    def _iter(self, sql: str, params: list | None = None) -> Iterator[dict]:
        cursor = self.db.execute(sql, params or [])
        columns = [d[0] for d in cursor.description]
        return (dict(zip(columns, row)) for row in cursor)

    def _all(self, sql: str, params: list | None = None) -> list[dict]:
        return list(self._iter(sql, params))

    def _one(self, sql: str, params: list | None = None) -> dict | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
