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

from viewer.anchoring import anchor, context
from viewer.errors import GazetteError, NotFound
from viewer.model import Credit, group_credits


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def body_text(paragraphs: list[str]) -> str:
    """The text highlights are anchored in: the paragraphs joined by line breaks."""
    return "\n".join(paragraphs)


class AnnotationStore:
    def __init__(self, db: Database):
        self.db = db

    # -- the article's current text ----------------------------------------------------------

    def current(self, article_id: int) -> dict:
        """title, subtitle, kicker, paragraphs and credits as they read now (corrected)."""
        revision = self._one("""
            SELECT r.* FROM article_revision r JOIN article a ON a.id = r.article_id
            JOIN page p ON p.id = a.page_id
            WHERE r.article_id = ? AND r.created >= p.imported_at ORDER BY r.id DESC LIMIT 1""",
                             [article_id])
        if revision is not None:
            return {"title": revision["title"], "subtitle": revision["subtitle"], "kicker": revision["kicker"],
                    "paragraphs": json.loads(revision["paragraphs"]),
                    "credits": [Credit(role, name) for role, name in json.loads(revision["credits"])],
                    "revision": revision["id"]}
        row = self._one("SELECT title, subtitle, kicker, paragraphs FROM article WHERE id = ?", [article_id])
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        credits = [Credit(role, person) for role, person in self.db.execute(
            "SELECT role, person FROM credit WHERE article_id = ? ORDER BY seq, id", [article_id])]
        return {**row, "paragraphs": json.loads(row["paragraphs"]), "credits": credits, "revision": None}

    # -- corrections -------------------------------------------------------------------------

    def add_revision(self, article_id: int, text: dict, summary: str, author: str) -> int:
        """A new revision from ``text`` (current() shape); highlights follow the change."""
        with self.db.atomic():
            revision_id = self.db["article_revision"].insert({
                "article_id": article_id, "title": text["title"], "subtitle": text["subtitle"],
                "kicker": text["kicker"], "paragraphs": _json(text["paragraphs"]),
                "credits": _json([[c.role, c.name] for c in text["credits"]]),
                "summary": summary, "author": author, "created": now(),
            }).last_pk
            self.reanchor(article_id)
        return revision_id

    def revisions(self, article_id: int) -> list[dict]:
        """The imported reading first (id None), then each revision, oldest first."""
        original = self._one("SELECT title, subtitle, kicker, paragraphs FROM article WHERE id = ?", [article_id])
        if original is None:
            raise NotFound(f"no article with id {article_id}")
        rows = self._all("SELECT id, title, subtitle, kicker, paragraphs, summary, author, created "
                         "FROM article_revision WHERE article_id = ? ORDER BY id", [article_id])
        imported = {"id": None, **original, "summary": "imported reading", "author": "", "created": ""}
        return [{**row, "paragraphs": json.loads(row["paragraphs"])} for row in [imported, *rows]]

    def revision_text(self, article_id: int, revision_id: int | None) -> dict:
        if revision_id is None:
            row = self._one("SELECT title, subtitle, kicker, paragraphs FROM article WHERE id = ?", [article_id])
            credits = [[role, person] for role, person in self.db.execute(
                "SELECT role, person FROM credit WHERE article_id = ? ORDER BY seq, id", [article_id])]
        else:
            row = self._one("SELECT title, subtitle, kicker, paragraphs, credits FROM article_revision "
                            "WHERE id = ? AND article_id = ?", [revision_id, article_id])
            credits = json.loads(row.pop("credits")) if row else []
        if row is None:
            raise NotFound(f"article {article_id} has no revision {revision_id}")
        return {**row, "paragraphs": json.loads(row["paragraphs"]),
                "credits": [Credit(role, name) for role, name in credits]}

    # -- notes and highlights ----------------------------------------------------------------

    def add_note(self, article_id: int, text: str, author: str, fmt: str = "plain") -> int:
        return self._insert_annotation(article_id, {"kind": "note", "body": text, "format": fmt}, author)

    def add_highlight(self, article_id: int, start: int, end: int, author: str, *, comment: str = "",
                      colour: str = "yellow") -> int:
        text = body_text(self.current(article_id)["paragraphs"])
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
            self.db["annotation"].update(annotation_id, {**changes, "modified": now()})

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
            self.db["annotation"].insert(row)

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
        text = body_text(self.current(article_id)["paragraphs"])
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
            SELECT issue.date || ' 第' || page.label || '版 ' || article.title AS label FROM article
            JOIN page ON page.id = article.page_id JOIN issue ON issue.id = page.issue_id
            WHERE article.id = ?""", [article_id])
        if label is None:
            raise NotFound(f"no article with id {article_id}")
        stamp = now()
        with self.db.atomic():
            return self.db["annotation"].insert({
                "article_id": article_id, "article_label": label["label"], "author": author,
                "created": stamp, "modified": stamp, **values}).last_pk

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
        return self.db["collection"].insert({"name": name, "author": author, "created": now()}).last_pk

    # -- for show --json and search ----------------------------------------------------------

    def listing(self, article_id: int) -> list[dict]:
        """Everything on the article as one list: kind, text, quote, span, author, time."""
        entries = [{"kind": row["kind"], "id": row["id"], "text": row["body"], "format": row["format"],
                    "quote": row["quote"],
                    "span": [row["start"], row["end"]] if row["kind"] == "highlight" else None,
                    "colour": row["colour"], "orphaned": bool(row["orphaned"]),
                    "author": row["author"], "time": row["created"]} for row in self.annotations(article_id)]
        entries += [{"kind": "tag", "text": row["tag"], "quote": None, "span": None, "author": row["author"],
                     "time": row["created"]} for row in self.tags(article_id)]
        entries += [{"kind": "correction", "id": row["id"], "text": row["summary"], "quote": None, "span": None,
                     "author": row["author"], "time": row["created"]} for row in self.revisions(article_id)[1:]]
        entries += [{"kind": "collection", "text": row["name"], "quote": None, "span": None,
                     "author": row["author"], "time": row["added"]} for row in self.collections_of(article_id)]
        return sorted(entries, key=lambda entry: entry["time"])

    def credits_now(self, article_id: int) -> dict[str, list[str]]:
        return group_credits(self.current(article_id)["credits"])

    def for_search(self, article_ids: list[int] | None = None) -> dict[int, dict]:
        """The editors' work that search indexes, for the given articles (None: all of them),
        keyed by article id; articles with none are left out. Each entry holds ``revisions``
        (oldest first, shaped as :meth:`revision_text` gives them, with ``current`` true for the
        one the article reads as now, as :meth:`current` decides), ``notes`` (the text of each
        note, and each highlight's quote and comment), ``tags``, ``collections`` and
        ``annotators`` (who noted, highlighted, tagged or corrected it)."""
        where, params = ("", []) if article_ids is None else \
            (f"WHERE article_id IN ({','.join('?' * len(article_ids))})", list(article_ids))
        work: dict[int, dict] = {}

        def entry(article_id: int) -> dict:
            return work.setdefault(article_id, {"revisions": [], "notes": [], "tags": [], "collections": [],
                                                "annotators": []})

        current: dict[int, dict] = {}  # article id → its latest revision made since its page was imported
        for row in self._all(f"""
                SELECT article_id, r.title, r.subtitle, r.kicker, r.paragraphs, r.credits, r.author,
                       r.created >= p.imported_at AS since_import
                FROM article_revision r JOIN article a ON a.id = r.article_id JOIN page p ON p.id = a.page_id
                {where} ORDER BY r.id""", params):
            revision = {"title": row["title"], "subtitle": row["subtitle"], "kicker": row["kicker"],
                        "paragraphs": json.loads(row["paragraphs"]),
                        "credits": [Credit(role, name) for role, name in json.loads(row["credits"])],
                        "current": False}
            entry(row["article_id"])["revisions"].append(revision)
            entry(row["article_id"])["annotators"].append(row["author"])
            if row["since_import"]:
                current[row["article_id"]] = revision
        for revision in current.values():
            revision["current"] = True
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

    def _all(self, sql: str, params: list | None = None) -> list[dict]:
        return list(self.db.query(sql, params or []))

    def _one(self, sql: str, params: list | None = None) -> dict | None:
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
