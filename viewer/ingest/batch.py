"""What to import from a folder: the files that are pages, each once.

A METS file is one unit with every file it names (its ALTO pages, PDFs, pictures), so those
are not imported again on their own; an ALTO file without a METS takes the PDF or picture of
the same name beside it; a text file of the same name as a scan is that scan's text. XML that
is neither METS nor ALTO, and files of other types, are not page files.
"""

from __future__ import annotations

import re
from pathlib import Path

from viewer.errors import GazetteError
from viewer.ingest import PAGE_SUFFIXES, PDF_SUFFIXES, PICTURE_SUFFIXES, TEXT_SUFFIXES, XML_SUFFIXES
from viewer.ingest.mets import read_mets

COMPANION_SUFFIXES = PICTURE_SUFFIXES + PDF_SUFFIXES + (".jp2", ".j2k")  # an ALTO page's picture
SNIFF_BYTES = 4096
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(mets|alto)[\s>/]")


def folder_units(folder: Path) -> tuple[list[Path], list[Path]]:
    """The files under ``folder`` (hidden ones left out) to import, in name order, and those
    that are not page files."""
    files = [f for f in sorted(folder.rglob("*"))
             if f.is_file() and not any(part.startswith(".") for part in f.relative_to(folder).parts)]
    kinds = {f: xml_kind(f) for f in files if f.suffix.lower() in XML_SUFFIXES}
    claimed: set[Path] = set()
    for path, kind in kinds.items():
        if kind == "mets":
            claimed |= mets_files(path)
        elif kind == "alto":
            claimed |= {path.with_suffix(suffix) for suffix in COMPANION_SUFFIXES}
    units: list[Path] = []
    others: list[Path] = []
    for path in files:
        suffix = path.suffix.lower()
        if path in claimed or suffix in TEXT_SUFFIXES and _is_sidecar(path):
            continue
        is_page = suffix in PAGE_SUFFIXES and (suffix not in XML_SUFFIXES or kinds[path] != "")
        (units if is_page else others).append(path)
    return units, others


def xml_kind(path: Path) -> str:
    """"mets", "alto", or "" for other XML (or a file that cannot be read)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return ""
    match = _ROOT.search(head)
    return match.group(1).decode() if match else ""


def mets_files(path: Path) -> set[Path]:
    """The files beside a METS that it names (a METS that cannot be read names none: its
    import reports why)."""
    try:
        issue = read_mets(path.read_bytes(), str(path))
    except (OSError, GazetteError):
        return set()
    return {p for p in (issue.local_file(i, path.parent) for i in issue.files) if p is not None} - {path}


def _is_sidecar(text_file: Path) -> bool:
    return any(text_file.with_suffix(suffix).is_file() for suffix in PICTURE_SUFFIXES)
