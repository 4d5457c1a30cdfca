-- The article as it reads now, and the queue that keeps the search index in step with SQLite.

-- An article's current text is its latest revision made since its page was (re)imported, or
-- else the imported reading. Every read of an article's text goes through this view, so the
-- list, the browse tree, the page, the article, search and export all agree.
-- ``credits`` is JSON [[role, name], …] in printed order in both cases.
CREATE VIEW article_now AS
SELECT
    article.id, article.page_id, article.seq, article.region, article.source_lines,
    article.raw_text,
    revision.id AS revision_id,
    coalesce(revision.title, article.title) AS title,
    coalesce(revision.subtitle, article.subtitle) AS subtitle,
    coalesce(revision.kicker, article.kicker) AS kicker,
    coalesce(revision.paragraphs, article.paragraphs) AS paragraphs,
    coalesce(revision.credits, (
        SELECT json_group_array(json_array(role, person)) FROM (
            SELECT role, person FROM credit WHERE credit.article_id = article.id ORDER BY seq, id))
    ) AS credits
FROM article
JOIN page ON page.id = article.page_id
LEFT JOIN article_revision AS revision ON revision.id = (
    SELECT max(r.id) FROM article_revision AS r
    WHERE r.article_id = article.id AND r.created >= page.imported_at);

-- Articles whose search document changed since the index last took them in. Triggers fill it
-- in the same transaction as the change, so a crash can never lose one; the index keeper
-- (viewer/services/indexing.py) indexes them after the commit and then removes their rows.
-- A row whose article no longer exists means: take it out of the index.
CREATE TABLE index_queue (
    article_id INTEGER PRIMARY KEY,
    queued INTEGER NOT NULL               -- index_counter when queued: a row queued again is seen
);
-- Counts every queuing, so the keeper removes a row only if nobody queued it again meanwhile.
CREATE TABLE index_counter (n INTEGER NOT NULL);
INSERT INTO index_counter (n) VALUES (0);

CREATE TRIGGER index_article_insert AFTER INSERT ON article BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (new.id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_article_update AFTER UPDATE ON article BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (new.id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_article_delete AFTER DELETE ON article BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (old.id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;

-- What else goes into an article's search document: its credits, its page (section, label,
-- the page's editors), its issue and publication, and what editors added.
CREATE TRIGGER index_credit_insert AFTER INSERT ON credit BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    SELECT id, (SELECT n FROM index_counter) FROM article
    WHERE id = new.article_id OR page_id = new.page_id
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_page_update AFTER UPDATE ON page BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    SELECT id, (SELECT n FROM index_counter) FROM article WHERE page_id = new.id
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_publication_update AFTER UPDATE ON publication BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    SELECT article.id, (SELECT n FROM index_counter)
    FROM article JOIN page ON page.id = article.page_id JOIN issue ON issue.id = page.issue_id
    WHERE issue.publication_id = new.id
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_revision_insert AFTER INSERT ON article_revision BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (new.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_annotation_insert AFTER INSERT ON annotation WHEN new.article_id IS NOT NULL BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (new.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_annotation_update AFTER UPDATE OF body, format, quote, article_id ON annotation
WHEN coalesce(new.article_id, old.article_id) IS NOT NULL BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    SELECT id, (SELECT n FROM index_counter) FROM article
    WHERE id IN (new.article_id, old.article_id)
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_annotation_delete AFTER DELETE ON annotation WHEN old.article_id IS NOT NULL BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (old.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_tag_insert AFTER INSERT ON article_tag BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (new.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_tag_delete AFTER DELETE ON article_tag BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (old.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_collection_item_insert AFTER INSERT ON collection_item BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (new.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
CREATE TRIGGER index_collection_item_delete AFTER DELETE ON collection_item BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (old.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;

-- An archive whose index was marked stale by the previous version: queue every article.
INSERT INTO index_queue (article_id, queued)
SELECT id, 1 FROM article WHERE EXISTS (SELECT 1 FROM archive_state WHERE key = 'index_stale' AND value = '1');
DELETE FROM archive_state WHERE key = 'index_stale';
