-- Pages whose text Gazette read from the picture by OCR: the engine (name and version) and its
-- mean confidence. Null for text that came with the page (e-paper text, a PDF's text layer,
-- ALTO, whose own confidence is in char_confidence).
ALTER TABLE page ADD COLUMN ocr_engine TEXT;
ALTER TABLE page ADD COLUMN ocr_confidence REAL;
