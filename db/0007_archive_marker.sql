-- The mark of a Gazette archive in the database header (see viewer/opening.py): an archive is
-- recognised by it, and another program's SQLite file is never taken for one.
PRAGMA application_id = 1199199316;
