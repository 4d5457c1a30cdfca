"""Search finds exactly what a scan of the folded text finds, and everything around that."""

import csv
import random
import re
import threading
from pathlib import Path

import pytest
from conftest import DATA
from indexed_docs import IndexedDocs, search_doc

from viewer.errors import Cancelled, QueryError
from viewer.model import SearchDoc
from viewer.search import MARK_CLOSE, MARK_OPEN, SearchIndex
from viewer.search import index as search_module
from viewer.search import postings as searchpostings
from viewer.textnorm import fold, fold_query

# Common characters so bigrams repeat (and become the vocabulary), rarer ones so that some do
# not, traditional forms, digits, Latin and the extractor's spaces.
COMMON = "交城县的人民政府发展经济建设文化会议工作"
RARE = "晶報董建華𠵱鬱龘澀"
OTHER = "0123456789ABxy-. ．Ｘ１"
SECTIONS = ("要闻", "县域·交城", "副刊")
PEOPLE = ("王耀", "李晓玲", "冀美丽", "褚泰杰", "董建華")


def random_text(rng: random.Random, low: int, high: int) -> str:
    pools = [COMMON] * 6 + [RARE, OTHER]
    return "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(low, high)))


def make_doc(rng: random.Random, article_id: int) -> SearchDoc:
    author, photographer, editor = rng.choice(PEOPLE), rng.choice(PEOPLE), rng.choice(PEOPLE)
    return search_doc(
        article_id, publication=rng.choice(("交城报", "晶報")),
        date=f"{rng.choice((2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        page=rng.randint(1, 8), page_label=f"A{rng.randint(1, 8)}", section=rng.choice(SECTIONS),
        title=random_text(rng, 2, 12), subtitle=random_text(rng, 0, 6), kicker="",
        paragraphs=[random_text(rng, 5, 80) for _ in range(rng.randint(1, 4))],
        credits={"文": [author], "图": [photographer]}, page_credits={"责编": [editor], "组版": ["李晓玲"]})


def folded_lines(doc: SearchDoc) -> list[str]:
    return fold(doc.indexed_text()).split("\n")


def scan(docs: dict[int, SearchDoc], text: str) -> set[int]:
    """The truth: articles one of whose folded lines contains the folded ``text``."""
    wanted = fold_query(text)
    return {i for i, doc in docs.items() if any(wanted in line for line in folded_lines(doc))}


def found(index: IndexedDocs, query: str, **filters) -> set[int]:
    result = index.search(query, limit=10_000, **filters)
    ids = {hit.article_id for hit in result.hits}
    assert result.total == len(ids)
    return ids


@pytest.fixture
def small_segments(monkeypatch):
    # Several segments, each choosing its bigram vocabulary from a small sample: both ways of
    # finding a bigram (its own term and its hash bucket) and the merge over segments; terms
    # of several blocks, read in parts (skipping blocks), and few buckets, each shared.
    monkeypatch.setattr(search_module, "BATCH_DOCS", 70)
    monkeypatch.setattr(searchpostings, "VOCABULARY_SAMPLE", 25)
    monkeypatch.setattr(searchpostings, "BLOCK_SIZE", 4)
    monkeypatch.setattr(searchpostings, "_FIRST_READ", 0)
    monkeypatch.setattr(searchpostings, "_GAP", 0)
    monkeypatch.setattr(searchpostings, "_BUCKET_BITS", 3)


def corpus_docs() -> tuple[dict[int, SearchDoc], SearchDoc]:
    """240 generated articles, and article 7 as it is imported again."""
    rng = random.Random(20250403)
    docs = {i: make_doc(rng, i) for i in range(1, 241)}
    return docs, make_doc(rng, 7)


def build_corpus(folder):
    """The corpus's index in ``folder/index`` (under ``small_segments``, as the tests use it):
    articles 1–160 then 161–240 added, 7 replaced (re-importing an article replaces it), 5 and
    200 deleted."""
    docs, replaced = corpus_docs()
    index = SearchIndex(folder / "index")
    index.update(docs[i] for i in range(1, 161))
    index.update(docs[i] for i in range(161, 241))
    index.update([replaced])
    index.update([], gone=[5, 200])
    index.close()


@pytest.fixture
def corpus(tmp_path, small_segments, templates):
    """:func:`build_corpus`'s index (a copy of the test's own) and the articles it holds."""
    templates.copy("search-corpus", build_corpus, tmp_path)
    docs, replaced = corpus_docs()
    docs[7] = replaced
    for gone in (5, 200):
        del docs[gone]
    return IndexedDocs(tmp_path / "index", docs), docs


def test_the_corpus_is_a_copy_of_its_own(corpus, templates, tmp_path_factory):
    index, docs = corpus
    assert index.index.doc_count() == len(docs) == 238
    assert found(index, "交城") == scan(docs, "交城")
    victim = min(found(index, "交城"))
    index.add([search_doc(5, title="只在这一份里")])
    index.index.update([], gone=[victim])
    assert found(index, '"只在这一份里"') == {5} and victim not in found(index, "交城")
    folder = tmp_path_factory.mktemp("again")
    templates.copy("search-corpus", build_corpus, folder)
    again = IndexedDocs(folder / "index", corpus_docs()[0])
    assert again.index.doc_count() == 238 and again.index.generation == index.index.generation
    assert not found(again, '"只在这一份里"') and victim in found(again, "交城")


def substrings(docs: dict[int, SearchDoc], rng: random.Random) -> list[str]:
    """250 pieces of the articles' folded lines, 1–8 characters, and 50 strings mostly found nowhere."""
    lines = [line for doc in docs.values() for line in folded_lines(doc) if line]
    queries = set()
    while len(queries) < 250:
        line = rng.choice(lines)
        length = rng.randint(1, 8)
        start = rng.randrange(max(1, len(line) - length + 1))
        piece = line[start:start + length].strip()
        if piece and not re.search(r'[\s"()\-]', piece):
            queries.add(piece)
    return sorted(queries | {random_text(rng, 2, 4) for _ in range(50)})


def test_every_substring_is_found_exactly(corpus):
    index, docs = corpus
    assert index.index.doc_count() == len(docs)
    for query in substrings(docs, random.Random(1)):
        assert found(index, f'"{query}"') == scan(docs, query), query


def test_segments_merged_from_their_postings_find_what_they_found(corpus, monkeypatch):
    index, docs = corpus
    monkeypatch.setattr(searchpostings, "BUCKET_BYTES", 64)  # more buckets than the segments have
    queries = substrings(docs, random.Random(2))[::2]
    answers = {query: index.index.search(f'"{query}"', limit=10_000) for query in queries}
    assert len(searchpostings.segments(index.index._ix)) > 1  # with deletions: 5, 7 and 200
    index.index.merge()
    [segment] = index.index._ix.reader().leaf_readers()
    assert searchpostings.Grams(segment[0], "text").bits > 3
    assert index.index.doc_count() == len(docs)
    for query in queries:
        merged = index.index.search(f'"{query}"', limit=10_000)
        assert set(merged.article_ids) == scan(docs, query), query
        assert (merged.article_ids, merged.scores, merged.facets) == \
            (answers[query].article_ids, answers[query].scores, answers[query].facets), query


@pytest.mark.parametrize("query", ["107.48亿元", "X-37B", "12345热线", "１０７．４８ 亿元"])
def test_digits_and_latin_mixed_with_chinese(tmp_path, query):
    docs = {
        1: doc_with(1, ["全年完成 107.48 亿元，同比增长"]),
        2: doc_with(2, ["美国X-37B空天飞机", "拨打12345 热线反映"]),
        3: doc_with(3, ["完成107.4亿元", "X-37A"]),
    }
    index = index_of(tmp_path, docs)
    assert found(index, f'"{query}"') == scan(docs, query) != set()


def doc_with(article_id: int, paragraphs: list[str], **fields) -> SearchDoc:
    return search_doc(article_id, paragraphs=paragraphs, **fields)


def index_of(tmp_path: Path, docs: dict[int, SearchDoc]) -> IndexedDocs:
    index = IndexedDocs(tmp_path / "index", docs)
    index.add(docs.values())
    return index


def jingbao_docs() -> dict[int, SearchDoc]:
    """Each ECPO transcription of 晶報 as one article, its text crudely stripped of tags."""
    docs = {}
    for number, path in enumerate(sorted((DATA / "jingbao-1930-1939").glob("*.xml")), 1):
        xml = path.read_text(encoding="utf-8")
        body = xml[xml.index("<fold"):]
        text = re.sub(r"<[^>]+>", "", body.replace("<lb/>", ""))
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        docs[number] = doc_with(number, paragraphs, publication="晶報", title=path.stem)
    return docs


def apple_daily_docs() -> dict[int, SearchDoc]:
    with open(DATA / "encodings" / "apple-daily-2002-01-01.excerpt.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {n: doc_with(n, [row["text"]], title=row["title"], date="2002-01-01")
            for n, row in enumerate(rows, 1)}


@pytest.mark.parametrize("docs, simplified, traditional", [
    (jingbao_docs, "晶报", "晶報"),
    (apple_daily_docs, "董建华", "董建華"),
    (apple_daily_docs, "银行户口", "銀行戶口"),
])
def test_simplified_finds_traditional_as_printed(tmp_path, docs, simplified, traditional):
    docs = docs()
    index = index_of(tmp_path, docs)
    expected = {i for i, doc in docs.items() if traditional in doc.text.search_text()}
    assert expected
    assert found(index, simplified) == found(index, traditional) == expected
    for hit in index.search(simplified, limit=100).hits:
        text = docs[hit.article_id].text.search_text()
        assert hit.spans and all(fold(text[start:end]) == simplified for start, end in hit.spans)
        assert any(text[start:end] == traditional for start, end in hit.spans)  # as printed


def test_characters_outside_the_bmp(tmp_path):
    docs = apple_daily_docs()
    index = index_of(tmp_path, docs)
    hits = index.search("𠵱家").hits
    assert hits
    for hit in hits:
        text = docs[hit.article_id].text.search_text()
        assert all(text[start:end] == "𠵱家" for start, end in hit.spans)


def test_spans_point_at_the_printed_text(corpus):
    index, docs = corpus
    for query in ("交城", "晶报", "1", "建设文化", "x-", "ＡＢ"):
        for hit in index.search(query, limit=50).hits:
            text = docs[hit.article_id].text.search_text()
            assert list(hit.spans) == sorted(hit.spans)
            for start, end in hit.spans:
                assert fold_query(query) in fold(text[start:end])


def test_snippet_marks_hits(tmp_path):
    docs = {1: doc_with(1, ["春日的交城大地处处涌动着奋进的热潮。" * 3], title="交城新图景")}
    hit = index_of(tmp_path, docs).search("交城").hits[0]
    assert f"{MARK_OPEN}交城{MARK_CLOSE}" in hit.snippet
    assert hit.snippet.startswith("春日的")  # the first hit in the body, not the title


def test_fields(corpus):
    index, docs = corpus
    def credits(doc):
        return {**doc.text.credits_by_role, **doc.page_credits}

    def who(role_names, name):
        return {i for i, d in docs.items() if any(fold(name) in fold(n) for role, names in credits(d).items()
                                                   if role in role_names for n in names)}

    assert found(index, "title:交城") == {i for i, d in docs.items() if "交城" in fold(d.text.title)}
    assert found(index, "author:王耀") == who({"文"}, "王耀")
    assert found(index, "photographer:褚泰杰") == who({"图"}, "褚泰杰")
    assert found(index, "editor:董建华") == who({"责编", "组版"}, "董建華")
    assert found(index, "责编:王耀") == who({"责编"}, "王耀")
    assert found(index, "组版：李晓玲") == set(docs)  # full-width colon
    assert found(index, "person:冀美丽") == who({"文", "图", "责编", "组版"}, "冀美丽")
    assert found(index, "section:交城") == {i for i, d in docs.items() if d.section == "县域·交城"}
    assert found(index, "publication:晶报") == {i for i, d in docs.items() if d.publication == "晶報"}
    assert found(index, "page:3") == {i for i, d in docs.items() if d.page == 3}
    assert found(index, "page:a3") == {i for i, d in docs.items() if d.page_label == "A3"}
    assert found(index, "page:[2 TO 4]") == {i for i, d in docs.items() if 2 <= d.page <= 4}
    assert found(index, "date:2025-04") == {i for i, d in docs.items() if d.date.startswith("2025-04")}
    assert found(index, "date:[2024-03-01 TO 2024-06-30]") == \
        {i for i, d in docs.items() if "2024-03-01" <= d.date <= "2024-06-30"}
    assert found(index, "date:[2025-11 TO *]") == {i for i, d in docs.items() if d.date >= "2025-11"}


def test_boolean_operators(corpus):
    index, docs = corpus
    a, b = scan(docs, "交城"), scan(docs, "建设")
    assert found(index, "交城 建设") == found(index, "交城 AND 建设") == a & b
    assert found(index, "交城 OR 建设") == a | b
    assert found(index, "交城 -建设") == found(index, "交城 NOT 建设") == a - b
    assert found(index, "-交城") == set(docs) - a
    assert found(index, "(交城 OR 建设) -晶报") == (a | b) - scan(docs, "晶报")
    assert found(index, '"交城 县"') == scan(docs, "交城县")


def test_filters(corpus):
    index, docs = corpus
    assert found(index, "交城", date_from="2025-01-01", date_to="2025-06-30") == \
        {i for i in scan(docs, "交城") if "2025-01-01" <= docs[i].date <= "2025-06-30"}
    assert found(index, "交城", section="副刊") == {i for i in scan(docs, "交城") if docs[i].section == "副刊"}


@pytest.mark.parametrize("query, message", [
    ('"交城', "Unclosed quote"),
    ("(交城 OR 县", "Unclosed parenthesis"),
    ("交城)", "Unexpected “)”"),
    ("交城 OR", "needs a term after it"),
    ("OR 交城", "OR needs a term on each side"),
    ("NOT", "needs a term after it"),
    ("titel:交城", "Unknown field titel:"),
    ("title:", "Nothing to search for after title:"),
    ("date:2025-13", "There is no date “2025-13”"),
    ("date:四月", "Bad date “四月”"),
    ("date:[2025-01-01 TO", "Unclosed range"),
    ("date:[2025 2026]", "A range is written [FROM TO TO]"),
    ("section:[a TO b]", "section: takes no range"),
    ("()", "Empty parentheses"),
])
def test_malformed_queries_say_what_is_wrong(corpus, query, message):
    index, _ = corpus
    with pytest.raises(QueryError, match=re.escape(message)):
        index.search(query)


def test_colons_in_text_are_text(tmp_path):
    docs = {1: doc_with(1, ["会议于12:30开始"])}
    assert found(index_of(tmp_path, docs), "12:30") == {1}


def test_facets_count_all_matches(corpus):
    index, docs = corpus
    result = index.search("交城", limit=1)
    matches = [docs[i] for i in scan(docs, "交城")]
    assert result.total == len(matches) and len(result.hits) == 1
    years = {}
    for doc in matches:
        years[doc.date[:4]] = years.get(doc.date[:4], 0) + 1
    assert result.facets["year"] == years
    assert result.facets["section"] == {s: n for s in SECTIONS
                                        if (n := sum(d.section == s for d in matches))}
    people = {name for doc in matches for names in {**doc.text.credits_by_role, **doc.page_credits}.values()
              for name in names}
    assert result.facets["person"] == {p: sum(p in {n for names in {**d.text.credits_by_role, **d.page_credits}.values()
                                                     for n in names} for d in matches)
                                       for p in people}


def test_sort_by_date_and_paging(corpus):
    index, docs = corpus
    everything = index.search("交城", sort="date", limit=1000).hits
    dates = [(hit.date, hit.page) for hit in everything]
    assert dates == sorted(dates)
    pages = [index.search("交城", sort="date", limit=7, offset=o).hits for o in range(0, len(everything), 7)]
    assert [h.article_id for page in pages for h in page] == [h.article_id for h in everything]
    ranked = index.search("交城", limit=1000).hits
    assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)


def test_title_weighs_more_than_body(tmp_path):
    docs = {
        1: doc_with(1, ["县里开会研究发展问题，交城的代表发言。"], title="县里开会"),
        2: doc_with(2, ["县里开会研究发展问题，代表发言。"], title="交城开会"),
    }
    assert [hit.article_id for hit in index_of(tmp_path, docs).search("交城").hits] == [2, 1]


def test_rebuild_reports_progress_and_can_be_cancelled(corpus, monkeypatch):
    index, docs = corpus
    before = found(index, "交城")
    monkeypatch.setattr(search_module, "PROGRESS_EVERY", 10)
    cancel = threading.Event()
    calls = []

    def progress(done, total, message):
        calls.append((done, total))
        if done >= 50:
            cancel.set()

    with pytest.raises(Cancelled):
        index.index.rebuild(docs.values(), len(docs), progress, cancel)
    assert found(index, "交城") == before  # the previous index is kept
    calls.clear()
    index.index.rebuild(docs.values(), len(docs), lambda done, total, message: calls.append((done, total)))
    assert calls[-1] == (len(docs), len(docs))
    assert found(index, "交城") == before == scan(docs, "交城")


def test_a_rebuild_reports_its_merge_and_can_be_cancelled_in_it(corpus, monkeypatch):
    index, docs = corpus  # under small_segments: a rebuild writes four segments, then merges them
    before = found(index, "交城")
    monkeypatch.setattr(search_module, "MERGE_PROGRESS_EVERY", 2)
    cancel = threading.Event()
    calls = []

    def progress(done, total, message):
        calls.append((done, total, message))
        if message == search_module.MERGING and done >= total // 2:
            cancel.set()

    with pytest.raises(Cancelled):
        index.index.rebuild(docs.values(), len(docs), progress, cancel)
    assert calls[-1][2] == search_module.MERGING and found(index, "交城") == before  # the previous index
    calls.clear()
    index.index.rebuild(docs.values(), len(docs), lambda *call: calls.append(call))
    merging = [(done, total) for done, total, message in calls if message == search_module.MERGING]
    assert merging and merging[-1][0] == merging[-1][1] and len(searchpostings.segments(index.index._ix)) == 1
    assert found(index, "交城") == before == scan(docs, "交城")


def test_segments_of_one_size_are_merged(tmp_path, small_segments, monkeypatch):
    rng = random.Random(5)
    docs = {i: make_doc(rng, i) for i in range(1, 61)}
    index = IndexedDocs(tmp_path / "index", docs)
    monkeypatch.setattr(search_module, "REINDEX_DOCS", 12)  # the larger merges from the postings
    kinds = []
    for start in range(1, 61, 3):  # twenty writes of three articles
        index.add(docs[i] for i in range(start, start + 3))
        while (compaction := index.index.compaction()) is not None:
            kinds.append("postings" if compaction.article_ids is None else "text")
            index.index.compact(compaction, [docs[i] for i in compaction.article_ids or ()])
    sizes = sorted(s.doc_count() for s in searchpostings.segments(index.index._ix))
    assert {"text", "postings"} <= set(kinds) and len(kinds) >= 5 and len(sizes) <= 6 and sum(sizes) == 60, sizes
    assert found(index, "交城") == scan(docs, "交城") and found(index, '"交城县"') == scan(docs, "交城县")


def test_an_empty_index_finds_nothing(tmp_path):
    index = IndexedDocs(tmp_path / "index", {})
    result = index.search("交城")
    assert (result.total, result.hits, result.facets["year"]) == (0, (), {})


@pytest.mark.parametrize(("query", "reads"), [
    ("tag:待核", True), ("交城 collection:专题", True), ("-annotator:王", True), ("has:notes", True),
    ('note:"核对"', True), ("交城 OR (发展 tag:待核)", True),
    ("交城", False), ("author:王耀 发展", False), ("section:要闻 date:2025", False)])
def test_a_query_says_whether_it_reads_what_editors_put_on_articles(query, reads):
    from viewer.search import query as search_query

    assert search_query.reads_annotations(search_query.parse(query)) is reads


def test_segments_whose_articles_are_all_gone_are_dropped(tmp_path, small_segments):
    rng = random.Random(6)
    docs = {i: make_doc(rng, i) for i in range(1, 5)}
    index = IndexedDocs(tmp_path / "index", docs)
    for i in docs:
        index.add([docs[i]])
    index.index.update([], gone=list(docs))
    compaction = index.index.compaction()
    assert compaction is not None and compaction.article_ids == []
    index.index.compact(compaction, [])
    assert searchpostings.segments(index.index._ix) == [] and index.index.compaction() is None
    assert index.search("交城").total == 0
