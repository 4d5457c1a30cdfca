"""SQLite for what editors add: notes, highlights, tags, corrections, collections.

The schema is db/0003_annotations.sql; this is the store's annotation half (it shares the
Store's connection). Every write records its author and a UTC time.

Corrections never overwrite the imported reading: each is a revision holding the whole
corrected text. The current text of an article is its latest revision made since its page
was (re)imported, or else the imported reading.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

from sqlite_utils import Database
from sqlite_utils.db import Table

from viewer.anchoring import anchor, context
from viewer.errors import GazetteError, NotFound
from viewer.model import AnnotationEntry, Credit, Reading, Revision, group_credits


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_row_id(table: Table) -> int:
    """The id of the row ``table`` just inserted (every table here has an integer id)."""
    row_id = table.last_pk
    assert isinstance(row_id, int), row_id
    return row_id


class AnnotationStore:
    def __init__(self, db: Database):
        self.db = db

    # -- the article's current text ----------------------------------------------------------

    def current(self, article_id: int) -> tuple[Reading, int | None]:
        """The article's text as it reads now (corrected), and the revision that is (None: the
        imported reading)."""
        row = self._one("SELECT title, subtitle, kicker, paragraphs, credits, revision_id FROM article_now "
                        "WHERE id = ?", [article_id])
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return _reading(row), row["revision_id"]

    # -- corrections -------------------------------------------------------------------------

    def add_revision(self, article_id: int, text: Reading, summary: str, author: str) -> int:
        """A new revision holding the whole of ``text``; highlights follow the change."""
        with self.db.atomic():
            revision_id = new_row_id(self.db.table("article_revision").insert({
                "article_id": article_id, "title": text.title, "subtitle": text.subtitle,
                "kicker": text.kicker, "paragraphs": _json(list(text.paragraphs)),
                "credits": _json([[c.role, c.name] for c in text.credits]),
                "summary": summary, "author": author, "created": now(),
            }))
            self.reanchor(article_id)
        return revision_id

    def withdraw_revision(self, revision_id: int) -> dict | None:
        """Delete the revision while it is its article's latest (undoing the edit that made it)
        and return its row, which :meth:`put_back_revision` puts back; None, deleting nothing,
        once a later revision exists (then the text is restored by a new revision instead)."""
        with self.db.atomic():
            row = self._one("""
                SELECT * FROM article_revision WHERE id = :id AND NOT EXISTS (
                    SELECT 1 FROM article_revision later
                    WHERE later.article_id = article_revision.article_id AND later.id > :id)""",
                            {"id": revision_id})
            if row is not None:
                self.db.execute("DELETE FROM article_revision WHERE id = ?", [revision_id])
                self.reanchor(row["article_id"])
        return row

    def put_back_revision(self, row: dict) -> int:
        """Put back a row :meth:`withdraw_revision` took (redo) and return its id: the same
        revision again, or, when a later one has been made meanwhile, a new latest revision
        with its text (so it reads as the article's text again, as a redo promises)."""
        with self.db.atomic():
            later = self.db.execute("SELECT 1 FROM article_revision WHERE article_id = ? AND id > ?",
                                    [row["article_id"], row["id"]]).fetchone()
            values = {key: value for key, value in row.items() if key != "id"} | {"created": now()} \
                if later else row
            revision_id = new_row_id(self.db.table("article_revision").insert(values))
            self.reanchor(row["article_id"])
        return revision_id

    def revisions(self, article_id: int) -> list[Revision]:
        """The imported reading first (id None), then each revision, oldest first."""
        rows = self._all("""
            SELECT NULL AS id, title, subtitle, kicker, paragraphs, (
                SELECT json_group_array(json_array(role, person)) FROM (
                    SELECT role, person FROM credit WHERE article_id = article.id ORDER BY seq, id)) AS credits,
                'imported reading' AS summary, '' AS author, '' AS created, 0 AS revision
            FROM article WHERE id = :id
            UNION ALL
            SELECT id, title, subtitle, kicker, paragraphs, credits, summary, author, created, 1
            FROM article_revision WHERE article_id = :id AND EXISTS (SELECT 1 FROM article WHERE id = :id)
            ORDER BY revision, id""", {"id": article_id})
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return [Revision(row["id"], _reading(row), row["summary"], row["author"], row["created"]) for row in rows]

    def revision_text(self, article_id: int, revision_id: int | None) -> Reading:
        revision = next((r for r in self.revisions(article_id) if r.id == revision_id), None)
        if revision is None:
            raise NotFound(f"article {article_id} has no revision {revision_id}")
        return revision.text

    # -- notes and highlights ----------------------------------------------------------------

    def add_note(self, article_id: int, text: str, author: str, fmt: str = "plain") -> int:
        return self._insert_annotation(article_id, {"kind": "note", "body": text, "format": fmt}, author)

    def add_highlight(self, article_id: int, start: int, end: int, author: str, *, comment: str = "",
                      colour: str = "yellow") -> int:
        text = self.current(article_id)[0].body_text()
        if not 0 <= start < end <= len(text):
            raise GazetteError(f"the passage {start}–{end} is not in article {article_id} "
                               f"(its text has {len(text)} characters)")
        prefix, suffix = context(text, start, end)
        return self._insert_annotation(article_id, {
            "kind": "highlight", "body": comment, "start": start, "end": end, "quote": text[start:end],
            "prefix": prefix, "suffix": suffix, "colour": colour}, author)

    def update_annotation(self, annotation_id: int, *, body: str | None = None, colour: str | None = None,
                          fmt: str | None = None) -> None:
        changes = {k: v for k, v in (("body", body), ("colour", colour), ("format", fmt)) if v is not None}
        with self.db.atomic():
            self.db.table("annotation").update(annotation_id, {**changes, "modified": now()})

    def delete_annotation(self, annotation_id: int) -> dict:
        """Delete and return the row, which restore_annotation puts back (undo)."""
        row = self._one("SELECT * FROM annotation WHERE id = ?", [annotation_id])
        if row is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        with self.db.atomic():
            self.db.execute("DELETE FROM annotation WHERE id = ?", [annotation_id])
        return row

    def article_of(self, annotation_id: int) -> int | None:
        """The article the annotation is on; None when it has lost its article (or is gone)."""
        row = self.db.execute("SELECT article_id FROM annotation WHERE id = ?", [annotation_id]).fetchone()
        return row[0] if row else None

    def restore_annotation(self, row: dict) -> None:
        with self.db.atomic():
            self.db.table("annotation").insert(row)

    def annotations(self, article_id: int) -> list[dict]:
        return self._all("SELECT * FROM annotation WHERE article_id = ? ORDER BY id", [article_id])

    def all_annotations(self, *, author: str | None = None, tag: str | None = None, since: str | None = None,
                        until: str | None = None) -> list[dict]:
        """Every note and highlight of the archive (orphans included), newest first."""
        conditions = [(condition, value) for condition, value in (
            ("a.author = ?", author),
            ("a.article_id IN (SELECT article_id FROM article_tag WHERE tag = ?)", tag),
            ("a.created >= ?", since),
            ("substr(a.created, 1, 10) <= ?", until),
        ) if value]
        where = " AND ".join(condition for condition, _ in conditions) or "1"
        return self._all(f"SELECT a.* FROM annotation a WHERE {where} ORDER BY a.created DESC, a.id DESC",
                         [value for _, value in conditions])

    def authors(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT author FROM annotation UNION SELECT author FROM article_tag "
            "UNION SELECT author FROM article_revision ORDER BY 1")]

    def reanchor(self, article_id: int) -> None:
        """Find each highlight of the article again in its current text (after a correction or a
        re-import); one not found is marked orphaned, never dropped."""
        text = self.current(article_id)[0].body_text()
        for row in self._all("SELECT id, start, quote, prefix, suffix FROM annotation "
                             "WHERE article_id = ? AND kind = 'highlight'", [article_id]):
            found = anchor(text, row["quote"], row["prefix"], row["suffix"], near=row["start"])
            if found is None:
                self.db.execute("UPDATE annotation SET orphaned = 1 WHERE id = ?", [row["id"]])
            else:
                prefix, suffix = context(text, *found)
                self.db.execute("UPDATE annotation SET start = ?, end = ?, prefix = ?, suffix = ?, orphaned = 0 "
                                "WHERE id = ?", [*found, prefix, suffix, row["id"]])

    def _insert_annotation(self, article_id: int, values: dict, author: str) -> int:
        label = self._one("""
            SELECT issue.date || ' 第' || page.label || '版 ' || a.title AS label FROM article_now a
            JOIN page ON page.id = a.page_id JOIN issue ON issue.id = page.issue_id
            WHERE a.id = ?""", [article_id])
        if label is None:
            raise NotFound(f"no article with id {article_id}")
        stamp = now()
        with self.db.atomic():
            return new_row_id(self.db.table("annotation").insert({
                "article_id": article_id, "article_label": label["label"], "author": author,
                "created": stamp, "modified": stamp, **values}))

    # -- tags --------------------------------------------------------------------------------

    def add_tags(self, article_id: int, tags: list[str], author: str) -> list[str]:
        """Tag the article; returns the tags that were new to it."""
        added = []
        with self.db.atomic():
            for tag in dict.fromkeys(t.strip() for t in tags if t.strip()):
                cursor = self.db.execute("INSERT OR IGNORE INTO article_tag (article_id, tag, author, created) "
                                         "VALUES (?, ?, ?, ?)", [article_id, tag, author, now()])
                if cursor.rowcount:
                    added.append(tag)
        return added

    def remove_tags(self, article_id: int, tags: list[str]) -> None:
        with self.db.atomic():
            for tag in tags:
                self.db.execute("DELETE FROM article_tag WHERE article_id = ? AND tag = ?", [article_id, tag])

    def tags(self, article_id: int) -> list[dict]:
        return self._all("SELECT tag, author, created FROM article_tag WHERE article_id = ? ORDER BY created, tag",
                         [article_id])

    def all_tags(self) -> list[tuple[str, int]]:
        """Tags in use with their article counts, most used first (for completion)."""
        return [(tag, count) for tag, count in self.db.execute(
            "SELECT tag, count(*) FROM article_tag GROUP BY tag ORDER BY count(*) DESC, tag")]

    # -- collections -------------------------------------------------------------------------

    def collections(self) -> list[dict]:
        return self._all("""
            SELECT c.id, c.name, c.author, c.created, count(i.article_id) AS articles
            FROM collection c LEFT JOIN collection_item i ON i.collection_id = c.id
            GROUP BY c.id ORDER BY c.name""")

    def add_to_collection(self, name: str, article_ids: list[int], author: str) -> list[int]:
        """Append articles to the collection (made if new); returns those that were added."""
        added = []
        with self.db.atomic():
            collection_id = self._collection_id(name, author)
            position = self.db.execute("SELECT coalesce(max(position), 0) FROM collection_item "
                                       "WHERE collection_id = ?", [collection_id]).fetchone()[0]
            for article_id in dict.fromkeys(article_ids):
                if self.db.execute("SELECT 1 FROM article WHERE id = ?", [article_id]).fetchone() is None:
                    raise NotFound(f"no article with id {article_id}")
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO collection_item (collection_id, article_id, position, author, added) "
                    "VALUES (?, ?, ?, ?, ?)", [collection_id, article_id, position + 1, author, now()])
                if cursor.rowcount:
                    position += 1
                    added.append(article_id)
        return added

    def remove_from_collection(self, name: str, article_ids: list[int]) -> None:
        with self.db.atomic():
            collection_id = self._collection_id(name)
            for article_id in article_ids:
                self.db.execute("DELETE FROM collection_item WHERE collection_id = ? AND article_id = ?",
                                [collection_id, article_id])

    def reorder_collection(self, name: str, article_ids: list[int]) -> None:
        """Put the collection's articles in the given order (all of them, each once)."""
        with self.db.atomic():
            collection_id = self._collection_id(name)
            if sorted(article_ids) != sorted(self.collection_articles(name)):
                raise GazetteError(f"a new order for “{name}” must list each of its articles once")
            for position, article_id in enumerate(article_ids, start=1):
                self.db.execute("UPDATE collection_item SET position = ? WHERE collection_id = ? AND article_id = ?",
                                [position, collection_id, article_id])

    def collection_articles(self, name: str) -> list[int]:
        collection_id = self._collection_id(name)
        return [r[0] for r in self.db.execute(
            "SELECT article_id FROM collection_item WHERE collection_id = ? ORDER BY position", [collection_id])]

    def collections_of(self, article_id: int) -> list[dict]:
        return self._all("""
            SELECT c.name, i.author, i.added FROM collection_item i JOIN collection c ON c.id = i.collection_id
            WHERE i.article_id = ? ORDER BY c.name""", [article_id])

    def delete_collection(self, name: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM collection WHERE id = ?", [self._collection_id(name)])

    def _collection_id(self, name: str, author: str | None = None) -> int:
        row = self.db.execute("SELECT id FROM collection WHERE name = ?", [name]).fetchone()
        if row is not None:
            return row[0]
        if author is None:
            raise NotFound(f"no collection named “{name}”")
        return new_row_id(self.db.table("collection").insert({"name": name, "author": author, "created": now()}))

    # -- for show --json and search ----------------------------------------------------------

    def listing(self, article_id: int) -> list[AnnotationEntry]:
        """Everything on the article as one list, oldest first (one SELECT): notes and
        highlights, tags, corrections (not the imported reading) and collections."""
        rows = self._all("""
            SELECT kind, id, body AS text, format, quote, start, "end", colour, orphaned, author,
                   created AS time FROM annotation WHERE article_id = :id
            UNION ALL SELECT 'tag', NULL, tag, 'plain', NULL, NULL, NULL, NULL, 0, author, created
                   FROM article_tag WHERE article_id = :id
            UNION ALL SELECT 'correction', id, summary, 'plain', NULL, NULL, NULL, NULL, 0, author, created
                   FROM article_revision WHERE article_id = :id
            UNION ALL SELECT 'collection', NULL, c.name, 'plain', NULL, NULL, NULL, NULL, 0, i.author, i.added
                   FROM collection_item i JOIN collection c ON c.id = i.collection_id WHERE i.article_id = :id
            ORDER BY time""", {"id": article_id})
        return [AnnotationEntry(
            kind=row["kind"], text=row["text"], author=row["author"], time=row["time"], id=row["id"],
            format=row["format"], quote=row["quote"], colour=row["colour"], orphaned=bool(row["orphaned"]),
            span=(row["start"], row["end"]) if row["kind"] == "highlight" else None) for row in rows]

    def credits_now(self, article_id: int) -> dict[str, list[str]]:
        return group_credits(list(self.current(article_id)[0].credits))

    def for_search(self, article_ids: list[int] | None = None) -> dict[int, dict]:
        """The editors' work that search indexes, for the given articles (None: all of them),
        keyed by article id; articles with none are left out. Each entry holds ``readings``
        (for a corrected article: its imported reading, then each revision, oldest first),
        ``notes`` (the text of each
        note, and each highlight's quote and comment), ``tags``, ``collections`` and
        ``annotators`` (who noted, highlighted, tagged or corrected it)."""
        where, params = ("", []) if article_ids is None else \
            (f"WHERE article_id IN ({','.join('?' * len(article_ids))})", list(article_ids))
        work: dict[int, dict] = {}

        def entry(article_id: int) -> dict:
            return work.setdefault(article_id, {"readings": [], "notes": [], "tags": [], "collections": [],
                                                "annotators": []})

        for row in self._all(f"""
                SELECT article_id, r.title, r.subtitle, r.kicker, r.paragraphs, r.credits, r.author,
                       a.title AS imported_title, a.subtitle AS imported_subtitle, a.kicker AS imported_kicker,
                       a.paragraphs AS imported_paragraphs
                FROM article_revision r JOIN article a ON a.id = r.article_id
                {where} ORDER BY r.id""", params):
            readings = entry(row["article_id"])["readings"]
            if not readings:
                readings.append(_reading(row, "imported_", credits=row["credits"]))
            readings.append(_reading(row))
            entry(row["article_id"])["annotators"].append(row["author"])
        for row in self._all(f"SELECT article_id, kind, body, format, quote, author FROM annotation {where} "
                             "ORDER BY id", params):
            if row["article_id"] is not None:
                texts = [row["quote"], row["body"]] if row["kind"] == "highlight" else \
                    [note_text(row["body"], row["format"])]
                entry(row["article_id"])["notes"] += [text for text in texts if text]
                entry(row["article_id"])["annotators"].append(row["author"])
        for row in self._all(f"SELECT article_id, tag, author FROM article_tag {where} ORDER BY created, tag",
                             params):
            entry(row["article_id"])["tags"].append(row["tag"])
            entry(row["article_id"])["annotators"].append(row["author"])
        for row in self._all(f"SELECT article_id, name FROM collection_item JOIN collection "
                             f"ON collection.id = collection_item.collection_id {where} ORDER BY name",
                             params):
            entry(row["article_id"])["collections"].append(row["name"])
        for article in work.values():
            article["annotators"] = list(dict.fromkeys(article["annotators"]))
        return work

    def _all(self, sql: str, params: list | dict | None = None) -> list[dict]:
        return list(self.db.query(sql, params or []))

    def _one(self, sql: str, params: list | dict | None = None) -> dict | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None


def note_text(body: str, fmt: str) -> str:
    """A note's text as search sees it: a rich-text (html) note without its markup."""
    if fmt != "html":
        return body
    parser = _HtmlText()
    parser.feed(body)
    parser.close()
    return "".join(parser.pieces)


class _HtmlText(HTMLParser):
    """Collects the text a rich-text note shows: not its head or styles; blocks as lines."""

    HIDDEN = frozenset(("head", "style", "script"))
    BREAKS = frozenset(("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"))

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BREAKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(self._hidden - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.pieces.append(data)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _reading(row: dict, prefix: str = "", credits: str | None = None) -> Reading:
    """A Reading from a revision row (``prefix`` picks another set of its columns)."""
    return Reading(row[prefix + "title"], row[prefix + "subtitle"], row[prefix + "kicker"],
                   tuple(Credit(role, name) for role, name in json.loads(credits or row["credits"])),
                   tuple(json.loads(row[prefix + "paragraphs"])))
