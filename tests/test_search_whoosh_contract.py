"""The private parts of Whoosh that viewer/search/postings.py uses exist on the installed
Whoosh, on the live objects an index is written and read with. When this fails after an
upgrade, the pin in pyproject.toml holds the last version it passed with."""

from __future__ import annotations

import importlib

from indexed_docs import search_doc

from viewer.search import SearchIndex
from viewer.search.postings import WHOOSH_INTERNALS, BulkWriter


def resolved(dotted: str) -> type:
    """``whoosh.columns.NumericColumn.Reader`` → the class."""
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    raise ImportError(dotted)


def live_objects(tmp_path) -> list[object]:
    """What writing and reading a real index goes through, as Gazette writes and reads it."""
    index = SearchIndex(tmp_path / "index")
    index.update([search_doc(1, title="交城县", paragraphs=["春耕备耕正当时"]),
                  search_doc(2, title="文峪河", paragraphs=["田间地头忙生产"])])
    ix = index._ix
    seen: list[object] = [ix]
    writer = BulkWriter(ix)
    seen += [writer, writer.fieldwriter]
    writer.add_article(*_prepared(search_doc(3, title="卦山", paragraphs=["天宁寺"])))
    writer.cancel()
    reader = ix.reader()
    seen += [reader, reader._terms, reader.column_reader("article_id", translate=False)]
    return seen


def _prepared(doc):
    from viewer.search.index import _prepare

    return _prepare(doc)


def test_every_whoosh_internal_gazette_uses_is_there(tmp_path):
    objects = live_objects(tmp_path)
    missing = []
    for dotted, attribute in WHOOSH_INTERNALS:
        cls = resolved(dotted)
        instances = [o for o in objects if isinstance(o, cls)]
        assert instances, f"no live {dotted} met: the test no longer reaches it"
        if not all(hasattr(o, attribute) for o in instances):
            missing.append(f"{dotted}.{attribute}")
    assert missing == []
