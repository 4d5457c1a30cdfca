-- How sure the OCR was of each character of a page's raw_text (ALTO word confidence WC, or an
-- OCR engine's): one byte per character, 0–100 (per cent), 255 where none; zlib-compressed.
-- Null when the text is not OCR (e-paper text, a PDF's own text layer).
ALTER TABLE page ADD COLUMN char_confidence BLOB;
