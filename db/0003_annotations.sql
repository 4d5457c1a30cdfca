-- What editors add to articles: notes, highlights, tags, corrections (revisions), collections.
-- Every row records who (author) and when (UTC ISO time). Annotations outlive their article:
-- when a re-import removes an article, its annotations lose the link (article_id NULL) and
-- are shown as orphaned, never dropped.

CREATE TABLE annotation (
    id INTEGER PRIMARY KEY,
    article_id INTEGER REFERENCES article(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('note', 'highlight')),
    body TEXT NOT NULL DEFAULT '',        -- a note's text, or a highlight's comment
    format TEXT NOT NULL DEFAULT 'plain' CHECK (format IN ('plain', 'html')),
    -- highlights: [start, end) in the article's body text (paragraphs joined by "\n"), with the
    -- quoted text and some context either side, to find the place again after the text changes
    start INTEGER,
    end INTEGER,
    quote TEXT,
    prefix TEXT,
    suffix TEXT,
    colour TEXT,
    orphaned INTEGER NOT NULL DEFAULT 0,  -- 1: the quote was not found again
    article_label TEXT NOT NULL,          -- "date page N: title", kept for orphans
    author TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE INDEX annotation_article ON annotation(article_id);
CREATE INDEX annotation_author ON annotation(author);

CREATE TABLE article_tag (
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    author TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_tag_tag ON article_tag(tag);

-- Corrections: the imported reading stays in article; each correction is a new revision of
-- the whole corrected text, so any revision can be viewed and restored.
CREATE TABLE article_revision (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL,
    kicker TEXT NOT NULL,
    paragraphs TEXT NOT NULL,             -- JSON list
    credits TEXT NOT NULL,                -- JSON [[role, name], …]
    summary TEXT NOT NULL,                -- what changed, e.g. "paragraph 3"
    author TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX article_revision_article ON article_revision(article_id, id);

CREATE TABLE collection (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    author TEXT NOT NULL,
    created TEXT NOT NULL
);

CREATE TABLE collection_item (
    collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    author TEXT NOT NULL,
    added TEXT NOT NULL,
    PRIMARY KEY (collection_id, article_id)
);
