-- Page pictures (scans, rendered PDF pages) and where the text sits on them.

ALTER TABLE page ADD COLUMN preview TEXT;        -- screen-size JPEG, path inside pages/
ALTER TABLE page ADD COLUMN thumbnail TEXT;      -- small JPEG, path inside pages/
ALTER TABLE page ADD COLUMN image_width INTEGER;
ALTER TABLE page ADD COLUMN image_height INTEGER;
-- One box per character of raw_text, [x, y, w, h] in picture pixels, -1 where none:
-- zlib-compressed little-endian int32. Null when the text has no positions (plain text).
ALTER TABLE page ADD COLUMN char_boxes BLOB;

-- The lines of the page's raw_text an article was read from (JSON), to find its text on the page.
ALTER TABLE article ADD COLUMN source_lines TEXT NOT NULL DEFAULT '[]';
