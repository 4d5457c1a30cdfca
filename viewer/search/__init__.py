"""Full-text search over an archive: Chinese analysis, the query language, postings, snippets.

The only package that knows Whoosh (and :mod:`viewer.search.postings` the only module that
touches its internals). It never reads SQLite: :class:`SearchIndex` takes documents and
returns article ids, scores and the query strings; :mod:`viewer.search.snippets` turns an
article's text into spans and snippets.

- :mod:`viewer.search.query` — the query language (parsed into a small tree);
- :mod:`viewer.search.evaluation` — one generation of the index, and the tree evaluated on it;
- :mod:`viewer.search.postings` — the index layout, the bulk writer and the posting reader;
- :mod:`viewer.search.index` — the index: update, compact, rebuild, search;
- :mod:`viewer.search.snippets` — spans and snippets.
"""

from viewer.search.index import MERGING, Compaction, Matches, SearchIndex
from viewer.search.snippets import EARLIER_READING, MARK_CLOSE, MARK_OPEN, make_hit

__all__ = ["EARLIER_READING", "MARK_CLOSE", "MARK_OPEN", "MERGING", "Compaction", "Matches", "SearchIndex", "make_hit"]
