-- An undone correction withdraws its revision (viewer/services/edits.py): the article's text
-- changes back, so its search document is queued as on every other change.
CREATE TRIGGER index_revision_delete AFTER DELETE ON article_revision BEGIN
    UPDATE index_counter SET n = n + 1;
    INSERT INTO index_queue (article_id, queued)
    VALUES (old.article_id, (SELECT n FROM index_counter))
    ON CONFLICT (article_id) DO UPDATE SET queued = excluded.queued;
END;
