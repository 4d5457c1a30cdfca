-- The archive: publication → issue → page → article; credits as rows.
-- Dates are ISO strings (YYYY-MM-DD); lists are JSON arrays.

CREATE TABLE publication (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE issue (
    id INTEGER PRIMARY KEY,
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    date TEXT NOT NULL,
    UNIQUE (publication_id, date)
);

CREATE TABLE page (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issue(id),
    number INTEGER NOT NULL,
    label TEXT NOT NULL,             -- as printed: "8", "A8"
    section TEXT NOT NULL DEFAULT '',
    weekday TEXT NOT NULL DEFAULT '',
    image TEXT,                      -- path inside the archive's pages/ folder
    source_path TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL DEFAULT '',
    raw_text TEXT NOT NULL,
    unassigned TEXT NOT NULL DEFAULT '[]',  -- text of the page that belongs to no article
    warnings TEXT NOT NULL DEFAULT '[]',
    imported_at TEXT NOT NULL,
    UNIQUE (issue_id, label)
);
CREATE INDEX page_sha256 ON page(source_sha256);

CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES page(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,            -- order on the page, from 1
    title TEXT NOT NULL DEFAULT '',
    subtitle TEXT NOT NULL DEFAULT '',
    kicker TEXT NOT NULL DEFAULT '',
    paragraphs TEXT NOT NULL DEFAULT '[]',
    raw_text TEXT NOT NULL DEFAULT '',
    region TEXT,                     -- JSON [[x, y, w, h], …] in page-image pixels, when known
    UNIQUE (page_id, seq)
);

-- Who made what: a page's editors (组版, 责编 …) or an article's authors (文, 图, 记者 …).
CREATE TABLE credit (
    id INTEGER PRIMARY KEY,
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    page_id INTEGER REFERENCES page(id) ON DELETE CASCADE,
    article_id INTEGER REFERENCES article(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,            -- order as printed
    CHECK ((page_id IS NULL) != (article_id IS NULL))
);
CREATE INDEX credit_person ON credit(person);
CREATE INDEX credit_page ON credit(page_id);
CREATE INDEX credit_article ON credit(article_id);

-- Small facts about the archive itself, e.g. whether the search index is stale.
CREATE TABLE archive_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
