"""The archive's articles as documents for an existing search engine (OpenSearch or Solr), for
collections larger than one machine (docs/SCALE.md). Pure functions: no server runs here.

Both engines get the same document: the searched text as Gazette searches it (title, kicker,
subtitle, byline, paragraphs, earlier readings) in fields analysed into CJK bigrams after width
folding — Open ONI's choice for Chinese in Solr, and what Gazette's own index does — plus the
facets (date, year, section, page, people by role, tags) as exact keywords. Traditional and
simplified characters are folded by Gazette before indexing (``fold``), as its own index does,
so the engine needs no OpenCC plugin.
"""

from __future__ import annotations

from viewer.model import AUTHOR_ROLES, PHOTO_ROLES, SearchDoc
from viewer.textnorm import fold

INDEX_NAME = "gazette-articles"

# OpenSearch (and Elasticsearch): the standard tokenizer splits CJK into single characters,
# cjk_width folds full-width forms, cjk_bigram joins neighbours into bigrams; a query is
# analysed the same way and matched as a phrase of its bigrams. A one-character query needs the
# ``text.chars`` subfield (single characters), as Gazette's own index covers them separately.
OPENSEARCH_INDEX = {
    "settings": {
        "analysis": {
            "analyzer": {
                "cjk_text": {"type": "custom", "tokenizer": "standard",
                             "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
                "cjk_chars": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase"]},
            },
        },
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "article_id": {"type": "long"},
            "publication": {"type": "keyword"},
            "date": {"type": "date", "format": "strict_date"},
            "year": {"type": "short"},
            "page": {"type": "short"},
            "page_label": {"type": "keyword"},
            "section": {"type": "keyword"},
            "title": {"type": "text", "analyzer": "cjk_text"},
            "text": {"type": "text", "analyzer": "cjk_text",
                     "fields": {"chars": {"type": "text", "analyzer": "cjk_chars"}}},
            "notes": {"type": "text", "analyzer": "cjk_text"},
            "authors": {"type": "keyword"},
            "photographers": {"type": "keyword"},
            "people": {"type": "keyword"},
            "credits": {"type": "keyword"},
            "tags": {"type": "keyword"},
            "collections": {"type": "keyword"},
        },
    },
}

# Solr: the same analysis as a fieldType for the managed schema (Open ONI's approach).
SOLR_FIELD_TYPE = {
    "name": "text_cjk", "class": "solr.TextField", "positionIncrementGap": "100",
    "analyzer": {
        "tokenizer": {"class": "solr.StandardTokenizerFactory"},
        "filters": [{"class": "solr.CJKWidthFilterFactory"}, {"class": "solr.LowerCaseFilterFactory"},
                    {"class": "solr.CJKBigramFilterFactory", "outputUnigrams": "false"}],
    },
}


def _searched_lines(doc: SearchDoc) -> list[str]:
    """The lines Gazette searches for an article, in its order (:meth:`Reading.search_lines`)."""
    return [*doc.text.search_lines(), *doc.earlier_readings]


def _people(credits: dict[str, list[str]], roles: tuple[str, ...] | None) -> list[str]:
    names = [name for role, names in credits.items() if roles is None or role in roles for name in names]
    return list(dict.fromkeys(names))


def opensearch_document(doc: SearchDoc) -> dict:
    """One article as an OpenSearch document for :data:`OPENSEARCH_INDEX` (its ``_id`` is
    ``article_id``); text fields folded as Gazette folds them, one line per printed line."""
    credits = doc.text.credits_by_role
    everyone = {**credits}
    for role, names in doc.page_credits.items():
        everyone.setdefault(role, [])
        everyone[role] = everyone[role] + [n for n in names if n not in everyone[role]]
    document = {
        "article_id": doc.article_id,
        "publication": doc.publication,
        "date": doc.date or None,
        "year": int(doc.date[:4]) if doc.date else None,
        "page": doc.page,
        "page_label": doc.page_label,
        "section": doc.section,
        "title": fold(doc.text.title),
        "text": fold("\n".join(_searched_lines(doc))),
        "notes": fold("\n".join(doc.notes)),
        "authors": _people(credits, AUTHOR_ROLES),
        "photographers": _people(credits, PHOTO_ROLES),
        "people": _people(everyone, None),
        "credits": [f"{role}:{name}" for role, names in everyone.items() for name in names],
        "tags": list(doc.tags),
        "collections": list(doc.collections),
    }
    return {key: value for key, value in document.items() if value not in (None, "", [])}


def solr_document(doc: SearchDoc) -> dict:
    """The same document for Solr: ``id`` instead of ``article_id``, the date as a Solr date;
    text fields are ``*_cjk`` (type :data:`SOLR_FIELD_TYPE`), keywords are multi-valued strings."""
    document = opensearch_document(doc)
    solr: dict = {"id": str(document.pop("article_id"))}
    for key, value in document.items():
        if key in ("title", "text", "notes"):
            solr[f"{key}_cjk"] = value
        elif key == "date":
            solr["date"] = f"{value}T00:00:00Z"
        else:
            solr[key] = value
    return solr
