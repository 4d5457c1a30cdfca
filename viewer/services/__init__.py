"""The verbs the window, the command line and the reading room share, one module each.

- :mod:`~viewer.services.importing` — read files into the archive, one transaction a file;
- :mod:`~viewer.services.editing` — notes, highlights, tags, corrections, collections;
  :mod:`~viewer.services.edits` makes each of them an undoable edit;
- :mod:`~viewer.services.browsing` — the read model: publications down to an article;
- :mod:`~viewer.services.searching` — search, with hits built from the read model;
- :mod:`~viewer.services.exporting` — selected articles written out;
- :mod:`~viewer.services.indexing` — the one place that keeps the search index in step.

Each write gives a :class:`~viewer.change.Change` saying what it touched, so a caller refreshes from that.
"""
