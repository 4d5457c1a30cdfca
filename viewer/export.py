"""Export articles as text, Markdown, JSON, CSV or Word, each with its GB/T 7714 reference,
or as references for Zotero, EndNote and NoteExpress (CSL-JSON, RIS).

Articles come in the shape of ``gazette show --json`` (:meth:`viewer.store.Store.article`).
Their annotations (notes, highlights, tags, corrections, collections) are written when the
article carries an ``annotations`` list, i.e. when the export was asked to include them.

**Formats.** ``txt``: a header (kicker, title, subtitle, byline, where it was printed, the
page's people by role), the paragraphs one per line indented by two ideographic spaces, then
the reference; articles are separated by a line of ``=``. ``md``: the same as Markdown.
``json``: a list of the article objects (one object per file with one file per article).
``csv``: one row per article, always CRLF line ends (RFC 4180), UTF-8 with a BOM so Excel
reads Chinese. A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be run as a formula by Excel, Calc or Sheets (``=HYPERLINK(…)``), so, as OWASP
recommends for CSV injection, such a cell is written with a ``'`` before it (spreadsheets show
the text as it was and do not run it); ``csv_raw`` (``--csv-raw``) writes cells unchanged for
programs that read the CSV as data. ``docx``: Word, with headings, metadata, paragraphs and the reference.
``csl-json``: a list of CSL items (type ``article-newspaper``) and ``ris``: one ``TY  - NEWS``
record per article, CRLF line ends; both carry the newspaper, date, page (as printed), section
and the authors from the byline roles that are authors (文, 记者 …; never 图 or 摄影).
``alto``: ALTO v4 XML with the words' boxes on the page pictures (:mod:`viewer.export_alto`).

**Annotations** are written in the interface's language, ``language`` (:data:`LANGUAGES`):
``笔记（王编辑 2025-04-05）: …`` in Chinese, ``Note (王编辑 2025-04-05): …`` in English, a
correction's summary (``paragraph 2``, as the archive keeps it) worded in that language too.
What editors wrote is exported as written.

**Encodings.** txt, md and csv may be written in GB18030 (for old Windows tools; it encodes
every Unicode character, so nothing is lost); txt and md may use CRLF. JSON and Word are
always UTF-8.

**Nothing half-written.** A single file is written under a temporary name in the target
folder, flushed to disk, then renamed over the target. With one file per article, every file
is written into a new hidden folder beside the target and the set is moved in only at the
end: into place in one rename when the target folder is new, else file by file (replacing
files of the same name; should a move fail, the files moved so far are removed). A
cancelled or failed export removes the temporary file or folder.

**Where.** ``out`` must be a new path or a regular file (a folder for one file per article);
a symbolic link, a device, a FIFO or a socket is refused, never replaced by a file.

**File names** (one file per article) come from date, page and title, made safe on every
operating system: the characters Windows forbids become their full-width forms, control
characters and bidirectional controls (U+202E … would show ``txt.exe`` as ``exe.txt``) go, reserved device names (CON, NUL, COM1 …) are prefixed, the length is bounded
in characters and UTF-8 bytes, and names that differ only in case get ``-2``, ``-3`` ….
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import secrets
import shutil
import stat
import textwrap
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from viewer.annotation_store import note_text
from viewer.citation import citation, cited_authors, cited_publication, cited_title, page_label
from viewer.errors import Cancelled, ExportError
from viewer.export_alto import alto_document
from viewer.terminal import BIDI_CONTROLS

FORMATS = ("txt", "md", "json", "csv", "docx", "alto", "csl-json", "ris")
ENCODINGS = ("utf-8", "gb18030")
UNTITLED = "（无题）"
INDENT = "\u3000\u3000"  # two ideographic spaces: a Chinese paragraph's first-line indent
ARTICLE_SEPARATOR = "=" * 40
CITATION_LABEL = "引文: "


@dataclass(frozen=True)
class AnnotationWords:
    """What an export says around the annotations, in one language."""

    heading: str
    entry: str  # one annotation: {kind}, {author}, {date}, {text}
    kinds: dict[str, str]  # note, highlight, tag, correction, collection
    orphaned: str  # after the quote of a highlight no longer found in the text
    corrected: dict[str, str]  # the parts of a correction's summary: title, subtitle, kicker
    paragraph: str  # {number}
    separator: str
    restored: str  # {number}
    restored_imported: str


LANGUAGES = {
    "zh_CN": AnnotationWords(
        heading="批注:", entry="{kind}（{author} {date}）: {text}",
        kinds={"note": "笔记", "highlight": "划线", "tag": "标签", "correction": "更正", "collection": "集合"},
        orphaned="（原文中已找不到）", corrected={"title": "标题", "subtitle": "副题", "kicker": "引题"},
        paragraph="第 {number} 段", separator="、", restored="恢复为版本 {number}",
        restored_imported="恢复为导入时的文字"),
    "en": AnnotationWords(
        heading="Annotations:", entry="{kind} ({author} {date}): {text}",
        kinds={"note": "Note", "highlight": "Highlight", "tag": "Tag", "correction": "Correction",
               "collection": "Collection"},
        orphaned=" (no longer found in the text)",
        corrected={"title": "title", "subtitle": "subtitle", "kicker": "kicker"},
        paragraph="paragraph {number}", separator=", ", restored="restored revision {number}",
        restored_imported="restored the imported reading"),
}
CHINESE = LANGUAGES["zh_CN"]

ProgressCallback = Callable[[int, int, str], None]


# -- one article as text -----------------------------------------------------------------------

def byline(credits: dict[str, list[str]]) -> str:
    """``文/冀美丽 图/褚泰杰 田谷仓``, as the byline is printed."""
    return " ".join(f"{role}/{' '.join(names)}" for role, names in credits.items())


def people_by_role(credits: dict[str, list[str]]) -> str:
    """``组版: 惠爱宏 李晓玲  责编: 王耀``, as ``gazette show`` prints a page's people."""
    return "  ".join(f"{role}: {' '.join(names)}" for role, names in credits.items())


def printed_in(article: dict) -> str:
    """``吕梁日报 2025-04-03 星期四 第8版 县域·交城``."""
    parts = (article["publication"], article["date"], article["weekday"], f"第{page_label(article)}版",
             article["section"])
    return " ".join(part for part in parts if part)


def header_lines(article: dict) -> list[str]:
    """Kicker, title, subtitle, byline, where printed, the page's people; empty ones left out."""
    lines = [article["kicker"], article["title"] or UNTITLED, article["subtitle"],
             byline(article["credits"]), printed_in(article), people_by_role(article["page_credits"])]
    return [line for line in lines if line]


def correction_summary(summary: str, words: AnnotationWords) -> str:
    """A revision's summary as :mod:`viewer.services.editing` keeps it (``title, paragraph 2``,
    ``restored revision 3``, ``restored the imported reading``) in ``words``' language."""
    if summary == "restored the imported reading":
        return words.restored_imported
    restored = re.fullmatch(r"restored revision (\d+)", summary)
    if restored:
        return words.restored.format(number=restored[1])
    parts = []
    for part in summary.split(", "):
        paragraph = re.fullmatch(r"paragraph (\d+)", part)
        parts.append(words.paragraph.format(number=paragraph[1]) if paragraph else words.corrected.get(part, part))
    return words.separator.join(parts)


def annotation_line(entry: dict, words: AnnotationWords = CHINESE) -> str:
    """``划线（王编辑 2025-04-05）: “107.48亿元” 与统计公报一致``: one entry of
    :meth:`viewer.archive.Archive.annotations`."""
    quote = f"“{entry['quote']}”" if entry["quote"] else ""
    if entry.get("orphaned"):
        quote += words.orphaned
    written = note_text(entry["text"], entry.get("format", "plain")).strip().replace("\n", " ")
    if entry["kind"] == "correction":
        written = correction_summary(written, words)
    text = " ".join(part for part in (quote, written) if part)
    kind = words.kinds.get(entry["kind"], entry["kind"])
    return words.entry.format(kind=kind, author=entry["author"], date=entry["time"][:10], text=text)


def annotation_lines(article: dict, words: AnnotationWords = CHINESE) -> list[str]:
    """The article's annotations, when it carries them (the export was asked to include them)."""
    return [annotation_line(entry, words) for entry in article.get("annotations", [])]


def article_text(article: dict, words: AnnotationWords = CHINESE) -> str:
    """One article as plain text: header, a blank line, paragraphs, a blank line, reference;
    its annotations, if it carries any, in a block of their own before the reference."""
    body = [INDENT + paragraph for paragraph in article["paragraphs"]]
    notes = annotation_lines(article, words)
    if notes:
        body += ["", words.heading, *("- " + line for line in notes)]
    return "\n".join([*header_lines(article), "", *body, "", CITATION_LABEL + citation(article)]) + "\n"


# Characters that would start emphasis, code, links, HTML or entities anywhere in a line, and
# the ones that start a block (heading, quote, list, rule) at the start of one. Every line is
# its own paragraph, so no setext underline can form.
_MD_INLINE = re.compile(r"([\\`*_\[<&~])")
_MD_LINE_START = re.compile(r"^(?:[#>+-]|\d{1,9}[.)](?=\s|$))")


def markdown_escape(text: str) -> str:
    escaped = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], escaped)


def article_markdown(article: dict, words: AnnotationWords = CHINESE) -> str:
    """One article as Markdown: the title a level-1 heading, every other line a paragraph."""
    lines = [markdown_escape(line) for line in header_lines(article)]
    title_at = 1 if article["kicker"] else 0
    lines[title_at] = "# " + lines[title_at]
    lines += [markdown_escape(paragraph) for paragraph in article["paragraphs"]]
    notes = annotation_lines(article, words)
    if notes:
        lines += [f"**{words.heading}**", "\n".join("- " + markdown_escape(line) for line in notes)]
    lines.append("> " + markdown_escape(CITATION_LABEL + citation(article)))
    return "\n\n".join(lines) + "\n"


def article_json(article: dict) -> str:
    return json.dumps(article, ensure_ascii=False, indent=2)


CSV_COLUMNS = ("id", "publication", "date", "weekday", "page", "section", "kicker", "title", "subtitle",
               "byline", "page_credits", "text", "citation", "annotations")


def csv_row(article: dict, words: AnnotationWords = CHINESE) -> list:
    return [article["id"], article["publication"], article["date"], article["weekday"], article["page"],
            article["section"], article["kicker"], article["title"], article["subtitle"],
            byline(article["credits"]), people_by_role(article["page_credits"]),
            "\n".join(article["paragraphs"]), citation(article), "\n".join(annotation_lines(article, words))]


# -- references for reference managers --------------------------------------------------------

def _date_parts(iso_date: str) -> list[int] | None:
    try:
        date = dt.date.fromisoformat(iso_date)
    except (TypeError, ValueError):
        return None
    return [date.year, date.month, date.day]


def csl_item(article: dict) -> dict:
    """One article as a CSL-JSON item; names are literal (a Chinese name is not split into
    family and given), so every CSL processor prints them as written."""
    item: dict = {"id": f"gazette-{article['id']}", "type": "article-newspaper",
                  "title": cited_title(article), "container-title": cited_publication(article),
                  "author": [{"literal": name} for name in cited_authors(article)],
                  "page": page_label(article), "section": article["section"], "language": "zh-CN"}
    parts = _date_parts(article["date"])
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return {key: value for key, value in item.items() if value not in ("", [], None)}


def _ris_value(text: str) -> str:
    """A RIS value is one line."""
    return " ".join(str(text).split())


def ris_record(article: dict) -> str:
    """One article as a RIS record (``\n`` line ends; the writer makes them CRLF)."""
    parts = _date_parts(article["date"])
    fields = [("TY", "NEWS"), ("TI", cited_title(article)),
              *(("AU", name) for name in cited_authors(article)),
              ("T2", cited_publication(article)),
              ("PY", str(parts[0]) if parts else ""),
              ("DA", "/".join(f"{n:02d}" for n in parts) if parts else ""),
              ("SP", page_label(article)), ("SE", article["section"]), ("LA", "zh-CN"),
              ("ID", f"gazette-{article['id']}")]
    lines = [f"{tag}  - {_ris_value(value)}" for tag, value in fields if _ris_value(value)]
    return "\n".join([*lines, "ER  - ", ""])


# -- writers: one per format, fed one article at a time ------------------------------------------

class Writer:
    """Writes articles one by one to an open file; :meth:`end` completes the file."""

    suffix = ""

    def __init__(self, stream: IO, words: AnnotationWords):
        self.stream = stream
        self.words = words  # the language of the annotations
        self.count = 0

    @staticmethod
    def open_arguments(encoding: str, crlf: bool) -> dict:
        return {"mode": "x", "encoding": encoding, "newline": "\r\n" if crlf else "\n"}

    def add(self, article: dict) -> None:
        self.write(article)
        self.count += 1

    def write(self, article: dict) -> None:
        raise NotImplementedError

    def end(self) -> None:
        pass


class TextWriter(Writer):
    suffix = ".txt"

    def write(self, article: dict) -> None:
        if self.count:
            self.stream.write(f"\n{ARTICLE_SEPARATOR}\n\n")
        self.stream.write(article_text(article, self.words))


class MarkdownWriter(Writer):
    suffix = ".md"

    def write(self, article: dict) -> None:
        if self.count:
            self.stream.write("\n---\n\n")
        self.stream.write(article_markdown(article, self.words))


class JsonWriter(Writer):
    """A list, laid out as ``json.dumps(articles, indent=2)`` would, without holding them all."""

    suffix = ".json"

    @staticmethod
    def open_arguments(encoding: str, crlf: bool) -> dict:
        return {"mode": "x", "encoding": "utf-8", "newline": "\n"}

    def write(self, article: dict) -> None:
        self.stream.write(",\n" if self.count else "[\n")
        self.stream.write(textwrap.indent(article_json(article), "  "))

    def end(self) -> None:
        self.stream.write("\n]\n" if self.count else "[]\n")


class SingleJsonWriter(JsonWriter):
    """One article per file: the object itself, as ``gazette show --json`` prints it."""

    def write(self, article: dict) -> None:
        self.stream.write(article_json(article) + "\n")

    def end(self) -> None:
        pass


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection
FORMULA_GUARD = "'"


def neutralised(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, with ``'`` before it; else unchanged."""
    return FORMULA_GUARD + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


class CsvWriter(Writer):
    suffix = ".csv"
    neutralise_formulas = True

    def __init__(self, stream: IO, words: AnnotationWords):
        super().__init__(stream, words)
        self.rows = csv.writer(stream)
        self.rows.writerow(CSV_COLUMNS)

    @staticmethod
    def open_arguments(encoding: str, crlf: bool) -> dict:
        # The BOM tells Excel the file is UTF-8; GB18030 is what Excel assumes on Chinese Windows.
        return {"mode": "x", "encoding": "utf-8-sig" if encoding == "utf-8" else encoding, "newline": ""}

    def write(self, article: dict) -> None:
        row = csv_row(article, self.words)
        self.rows.writerow([neutralised(cell) for cell in row] if self.neutralise_formulas else row)


class RawCsvWriter(CsvWriter):
    """Cells exactly as stored, for programs that read the CSV as data (``--csv-raw``)."""

    neutralise_formulas = False


class CslJsonWriter(JsonWriter):
    """A list of CSL items, which Zotero and other CSL tools import as it is."""

    def write(self, article: dict) -> None:
        self.stream.write(",\n" if self.count else "[\n")
        self.stream.write(textwrap.indent(json.dumps(csl_item(article), ensure_ascii=False, indent=2), "  "))


class RisWriter(Writer):
    suffix = ".ris"

    @staticmethod
    def open_arguments(encoding: str, crlf: bool) -> dict:
        return {"mode": "x", "encoding": "utf-8", "newline": "\r\n"}  # EndNote expects CRLF

    def write(self, article: dict) -> None:
        if self.count:
            self.stream.write("\n")
        self.stream.write(ris_record(article))


class DocxWriter(Writer):
    suffix = ".docx"

    def __init__(self, stream: IO, words: AnnotationWords):
        super().__init__(stream, words)
        self.word = WordDocument()

    @staticmethod
    def open_arguments(encoding: str, crlf: bool) -> dict:
        return {"mode": "xb"}

    def write(self, article: dict) -> None:
        self.word.add_article(article, self.words)

    def end(self) -> None:
        self.word.document.save(self.stream)


class AltoWriter(Writer):
    """The articles' words with their boxes, written as one ALTO v4 file at the end."""

    suffix = ".xml"

    def __init__(self, stream: IO, words: AnnotationWords):
        super().__init__(stream, words)
        self.articles: list[dict] = []

    @staticmethod
    def open_arguments(encoding: str, crlf: bool) -> dict:
        return {"mode": "xb"}

    def write(self, article: dict) -> None:
        self.articles.append(article)

    def end(self) -> None:
        self.stream.write(alto_document(self.articles))


class WordDocument:
    """A Word document (python-docx) grown one article at a time.

    Paragraphs go in just before the body's closing section properties, found once:
    ``Document.add_paragraph`` searches the whole body for them on every call, so an export
    took time growing with the square of its length."""

    BODY_SIZE_PT = 12  # 小四, the usual size of body text in Chinese documents
    NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # python-docx refuses these

    def __init__(self):
        import docx  # python-docx loads lxml: only when Word is asked for
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.document = docx.Document()
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(self.BODY_SIZE_PT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        now = dt.datetime.now(dt.UTC)
        properties = self.document.core_properties  # not python-docx's own template metadata
        properties.author, properties.comments, properties.created, properties.modified = "", "", now, now
        self.heading, self.subtitle, self.bullet = (self.document.styles[name].style_id
                                                    for name in ("Heading 1", "Subtitle", "List Bullet"))
        self.indent = Pt(2 * self.BODY_SIZE_PT)  # a Chinese paragraph's two-character first-line indent
        self.end_of_body = self.document.element.body.sectPr

    def paragraph(self, text: str, style_id: str | None = None):
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        if style_id:
            element.style = style_id  # by id: Paragraph.style, given a name or a style, scans them all
        self.end_of_body.addprevious(element)
        paragraph = Paragraph(element, self.document)
        paragraph.add_run(self.NOT_XML.sub("", text))
        return paragraph

    def add_article(self, article: dict, words: AnnotationWords) -> None:
        if article["kicker"]:
            self.paragraph(article["kicker"])
        self.paragraph(article["title"] or UNTITLED, self.heading)
        if article["subtitle"]:
            self.paragraph(article["subtitle"], self.subtitle)
        metadata = (byline(article["credits"]), printed_in(article), people_by_role(article["page_credits"]))
        for line in filter(None, metadata):
            self.paragraph(line)
        for text in article["paragraphs"]:
            self.paragraph(text).paragraph_format.first_line_indent = self.indent
        notes = annotation_lines(article, words)
        if notes:
            self.paragraph(words.heading)
        for line in notes:
            self.paragraph(line, self.bullet)
        self.paragraph(CITATION_LABEL + citation(article))


WRITERS: dict[str, type[Writer]] = {"txt": TextWriter, "md": MarkdownWriter, "json": JsonWriter,
                                    "csv": CsvWriter, "docx": DocxWriter, "alto": AltoWriter,
                                    "csl-json": CslJsonWriter, "ris": RisWriter}


def check_options(fmt: str, encoding: str, crlf: bool) -> None:
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if encoding not in ENCODINGS:
        raise ExportError(f"unknown encoding {encoding!r}; choose one of {', '.join(ENCODINGS)}")
    if encoding != "utf-8" and fmt in ("json", "docx", "alto", "csl-json", "ris"):
        raise ExportError(f"{fmt} files are always UTF-8; GB18030 applies to txt, md and csv")
    if crlf and fmt not in ("txt", "md"):
        raise ExportError(f"CRLF line ends apply to txt and md, not {fmt}")


# -- safe file names -----------------------------------------------------------------------------

MAX_NAME_CHARS = 80  # NTFS allows 255 UTF-16 units, ext4 and APFS 255 bytes: room for suffixes
MAX_NAME_BYTES = 200
_FULL_WIDTH = str.maketrans('/\\:*?"<>|', "／＼：＊？＂＜＞｜")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f\s]+")
_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789¹²³")}


def _bounded(text: str, max_chars: int, max_bytes: int) -> str:
    text = text[:max_chars]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text


def safe_stem(text: str, max_chars: int = MAX_NAME_CHARS, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name without suffix, valid on Windows, macOS and Linux."""
    stem = _CONTROL_OR_SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FULL_WIDTH).translate(_NO_BIDI))
    stem = _bounded(stem.strip(" ."), max_chars, max_bytes).rstrip(" .")  # Windows drops trailing dots
    if stem.split(".")[0].upper() in _RESERVED:
        stem = _bounded("_" + stem, max_chars, max_bytes)
    return stem or "_"


def article_stem(article: dict) -> str:
    """``2025-04-03_08_标题``, ``2025-04-03_B08_标题``: sorts by date and page in any file manager,
    and A8 and B8 of one day stay apart."""
    label = page_label(article)
    prefix = label[:len(label) - len(str(article["page"]))] if label.endswith(str(article["page"])) else ""
    return safe_stem(f"{article['date']}_{prefix}{article['page']:02d}_{article['title'] or UNTITLED}")


class UniqueNames:
    """Hands out names that differ even where case does not count (Windows, macOS)."""

    def __init__(self):
        self.taken: set[str] = set()

    def name(self, stem: str, suffix: str) -> str:
        candidate, n = stem + suffix, 1
        while candidate.casefold() in self.taken:
            n += 1
            tag = f"-{n}"
            candidate = _bounded(stem, MAX_NAME_CHARS - len(tag), MAX_NAME_BYTES - len(tag)) + tag + suffix
        self.taken.add(candidate.casefold())
        return candidate


# -- writing files atomically --------------------------------------------------------------------

def _hidden_sibling(path: Path, kind: str) -> Path:
    return path.with_name(f".{path.name}.{kind}-{secrets.token_hex(4)}")


@contextmanager
def _os_errors_as_export_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror or error})") from error


def _write_file(path: Path, writer_class: type[Writer], articles: Iterable[dict],
                encoding: str, crlf: bool, words: AnnotationWords) -> None:
    with open(path, **writer_class.open_arguments(encoding, crlf)) as stream:
        writer = writer_class(stream, words)
        for article in articles:
            writer.add(article)
        writer.end()
        stream.flush()
        os.fsync(stream.fileno())


def _refuse_special(out: Path, folder: bool) -> None:
    """``out`` must be new, or a regular file (a folder, for one file per article): writing
    would replace a link, a device or a FIFO with a file, or write through it."""
    if not os.path.lexists(out):
        return
    mode = out.lstat().st_mode
    if stat.S_ISLNK(mode):
        raise ExportError(f"{out} is a symbolic link; give the path of a file, not of a link")
    if stat.S_ISDIR(mode) and not folder:
        raise ExportError(f"{out} is a folder; give a file name, or export one file per article")
    if stat.S_ISREG(mode) and folder:
        raise ExportError(f"{out} is a file; one file per article needs a folder")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ExportError(f"{out} is not a regular file (a device, FIFO or socket); give a new file name")


def _export_one_file(articles: Iterable[dict], writer_class: type[Writer], out: Path,
                     encoding: str, crlf: bool, words: AnnotationWords) -> list[Path]:
    _refuse_special(out, folder=False)
    temporary = _hidden_sibling(out, "partial")
    try:
        with _os_errors_as_export_errors(out):
            _write_file(temporary, writer_class, articles, encoding, crlf, words)
            os.replace(temporary, out)
    except BaseException:  # cancelled, failed or interrupted (Ctrl+C): no half-written file
        temporary.unlink(missing_ok=True)
        raise
    return [out]


def _export_file_per_article(articles: Iterable[dict], writer_class: type[Writer], out: Path,
                             encoding: str, crlf: bool, words: AnnotationWords) -> list[Path]:
    _refuse_special(out, folder=True)
    staging = _hidden_sibling(out, "partial")
    names = UniqueNames()
    try:
        with _os_errors_as_export_errors(out):
            staging.mkdir()  # not mkdtemp: its 0700 mode would stay on the exported folder
            for article in articles:
                name = names.name(article_stem(article), writer_class.suffix)
                _write_file(staging / name, writer_class, [article], encoding, crlf, words)
            return _move_into(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into(staging: Path, out: Path) -> list[Path]:
    names = sorted(path.name for path in staging.iterdir())
    if not out.exists():
        staging.rename(out)
        return [out / name for name in names]
    moved: list[Path] = []
    try:
        for name in names:
            os.replace(staging / name, out / name)
            moved.append(out / name)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    return moved


# -- the export ------------------------------------------------------------------------------------

def _reporting(articles: Iterable[dict], total: int, on_progress: ProgressCallback | None,
               cancel: threading.Event | None) -> Iterator[dict]:
    """The articles, checking for cancel and reporting progress before each one."""
    done = 0
    for article in articles:
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"export cancelled after {done} of {total} articles; nothing was written")
        if on_progress:
            on_progress(done, total, article["title"] or UNTITLED)
        yield article
        done += 1
    if on_progress:
        on_progress(done, total, "")


def export_articles(articles: Iterable[dict], total: int, fmt: str, out: Path | str, *,
                    one_file_per_article: bool = False, encoding: str = "utf-8", crlf: bool = False,
                    csv_raw: bool = False, language: str = "zh_CN", on_progress: ProgressCallback | None = None,
                    cancel: threading.Event | None = None) -> list[Path]:
    """Write ``articles`` (``total`` of them, for progress) to ``out``, a file or, with
    ``one_file_per_article``, a folder; ``csv_raw`` leaves cells that look like formulas as
    they are; annotations are worded in ``language`` (one of :data:`LANGUAGES`). Returns the
    files written. Raises
    :class:`~viewer.errors.Cancelled` when ``cancel`` is set, having written nothing."""
    check_options(fmt, encoding, crlf)
    out = Path(os.path.abspath(out))  # "." and ".." have no name to put a temporary one beside
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder")
    articles = _reporting(articles, total, on_progress, cancel)
    writer_class = RawCsvWriter if fmt == "csv" and csv_raw else WRITERS[fmt]
    if one_file_per_article:
        writer_class = SingleJsonWriter if fmt == "json" else writer_class
        return _export_file_per_article(articles, writer_class, out, encoding, crlf, LANGUAGES[language])
    return _export_one_file(articles, writer_class, out, encoding, crlf, LANGUAGES[language])
