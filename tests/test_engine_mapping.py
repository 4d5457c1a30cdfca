"""The documents an OpenSearch or Solr deployment would index (docs/SCALE.md), from real
articles: every searched line is in them, facets match the archive's, the mapping is strict."""

from __future__ import annotations

import json

from conftest import SEED

from viewer.engine_mapping import OPENSEARCH_INDEX, SOLR_FIELD_TYPE, opensearch_document, solr_document
from viewer.ingest import ReadOptions
from viewer.textnorm import fold


def test_documents_carry_the_searched_text_and_the_facets(archive):
    archive.importing.import_paths([SEED], ReadOptions(publication="吕梁日报"))
    archive.editing.tag(1, ["两会"], author="王编辑")
    archive.editing.correct(1, author="王编辑", paragraph=1, text="春日的交城大地处处涌动着奋进的热潮。")
    doc = next(archive.store.search_docs([1]))
    document = opensearch_document(doc)
    json.dumps(document, ensure_ascii=False)  # what the bulk API is sent
    assert set(document) <= set(OPENSEARCH_INDEX["mappings"]["properties"])  # the mapping is strict
    assert document["text"].startswith(fold(doc.text.search_text()))  # every line Gazette searches, folded
    assert doc.earlier_readings and all(fold(line) in document["text"] for line in doc.earlier_readings)
    assert (document["date"], document["year"], document["page_label"]) == ("2025-04-03", 2025, "8")
    assert document["authors"] == ["冀美丽"]
    assert document["photographers"] == ["褚泰杰", "田谷仓", "郭志远", "王学富"]
    assert "责编:王耀" in document["credits"] and "王耀" in document["people"]
    assert document["tags"] == ["两会"]
    solr = solr_document(doc)
    assert solr["id"] == "1" and solr["date"] == "2025-04-03T00:00:00Z"
    assert solr["text_cjk"] == document["text"] and "text" not in solr


def test_the_analyzers_are_cjk_bigrams_after_width_folding():
    analyzer = OPENSEARCH_INDEX["settings"]["analysis"]["analyzer"]["cjk_text"]
    assert analyzer["filter"] == ["cjk_width", "lowercase", "cjk_bigram"]
    solr = [f["class"] for f in SOLR_FIELD_TYPE["analyzer"]["filters"]]
    assert solr == ["solr.CJKWidthFilterFactory", "solr.LowerCaseFilterFactory", "solr.CJKBigramFilterFactory"]
