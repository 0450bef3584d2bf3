"""The finder's index files (generator/render/search), without a browser.

Tokenisation rules, pinyin initials, the shard wire format against the lunr.py index
it was cut from, records and facets from the content graph, lunr.js taken from the
installed mkdocs package, nothing from another host, byte-identical index files
across two builds.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from generator.pipeline import check
from generator.render.search import bundle, fulltext
from generator.render.search.pinyin import initials, table
from generator.render.search.records import FACETS, TYPES
from generator.render.search.tokenize import normalise, query_terms, shard_of, terms
from tests.conftest import ROOT, TEST_DATE, build, lunr_reference, text_shards


@pytest.fixture(scope="module")
def built(shipped):
    return bundle.build(shipped)


# --- tokenisation ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("食品经营许可", ["食品", "品经", "经营", "营许", "许可"]),
    ("食", ["食"]),
    ("食品、药品", ["食品", "药品"]),  # punctuation separates: no 品药 across it
    ("ＧＢ２７６０食品", ["gb2760", "食品"]),  # full-width to ASCII, lower case
    ("11441721MB2C58302X4441723001000", ["11441721mb2c58302x4441723001000"]),
    ("织䇲镇", ["织䇲", "䇲镇"]),  # extension A
    ("𠀋𪚥", ["𠀋𪚥"]),  # extension B, one bigram of two astral characters
    ("🍜 面馆 a-b", ["面馆", "a", "b"]),
    ("", []),
])
def test_terms(text, expected):
    assert terms(text) == expected


def test_query_terms_are_distinct_in_order():
    assert query_terms("食品食品 gb gb") == ["食品", "品食", "gb"]


def test_ascii_terms_with_one_first_character_share_a_shard():
    # Prefix queries (2060 -> 206001...) then read one shard.
    for shards in (3, 7, 64):
        assert len({shard_of(t, shards) for t in ["2", "2060", "206001", "20600101", "2x"]}) == 1


def test_han_terms_spread_over_shards():
    bigrams = {t for t in terms("未获得许可不得从事特定食品经营药品医疗器械化妆品生产批发零售烟草专卖危险化学品")}
    assert len({shard_of(t, 8) for t in bigrams}) >= 6


def test_pinyin_initials_read_polyphones_from_phrases():
    assert initials("食品经营许可") == "spjyxk"
    assert initials("银行") == "yh" and initials("行业") == "hy"
    assert initials("ＧＢ标准") == "gbbz"
    chars, exceptions = table(["银行", "行业", "旅行社", "行政许可"])
    # One table entry per character; titles it misreads carry their own initials.
    fixed = {text: exc for text, exc in zip(["银行", "行业", "旅行社", "行政许可"], exceptions, strict=True) if exc}
    for text in ["银行", "行业", "旅行社", "行政许可"]:
        via_table = "".join(chars.get(ch, "") for ch in text)
        assert fixed.get(text, via_table) == initials(text)
    assert fixed  # 行 is read two ways, so at least one title needs its own entry


# --- the full-text shards against lunr.py -------------------------------------------------

def assert_shards_are_the_lunr_index(cut: list[dict[str, list]], serial: dict) -> None:
    """The shards hold exactly the serialised lunr index, cut by term: every term in its
    own shard, with lunr's term number, its documents ascending and their weights."""
    merged: dict[str, list] = {}
    for k, shard in enumerate(cut):
        for term, wire in shard.items():
            assert shard_of(term, len(cut)) == k
            merged[term] = wire
    vectors = {int(ref.split("/")[1]): dict(zip(v[0::2], v[1::2], strict=True)) for ref, v in serial["fieldVectors"]}
    assert set(merged) == {term for term, _ in serial["invertedIndex"]}
    for term, posting in serial["invertedIndex"]:
        wire = merged[term]
        assert wire[0] == posting["_index"]
        docs, doc = [], 0
        for gap, weight in zip(wire[1::2], wire[2::2], strict=True):
            doc += gap
            docs.append(doc)
            assert weight == vectors[doc][posting["_index"]], (term, doc)
        assert docs == sorted(int(d) for d in posting["text"])


def test_shards_hold_exactly_the_index_lunr_builder_add_makes(built):
    # fulltext computes the shards term by term; they must be exactly the lunr.py index
    # that Builder.add makes of the same tokens, cut by term: term numbers, postings, weights.
    files, records = built
    serial = lunr_reference(records).serialize()
    assert serial["pipeline"] == []  # no trimmer, stemmer or stop words: they delete Chinese
    assert len(serial["invertedIndex"]) > 1000
    assert_shards_are_the_lunr_index(text_shards(files), serial)
    # Every record with long text is in the index, and its refs are record numbers.
    assert {int(ref.split("/")[1]) for ref, _ in serial["fieldVectors"]} == {
        i for i, r in enumerate(records) if any(terms(t) for t in r.full_text)}


def test_weights_follow_lunr_on_documents_of_unequal_length():
    # Small made-up documents where idf, length normalisation and repeats all matter.
    class Rec:
        def __init__(self, *texts):
            self.full_text = list(texts)

    records = [Rec("营业执照营业执照", "a1 b2"), Rec(), Rec("营业"), Rec("执照 执照 执照 a1", "长长的一段文字营业执照"),
               Rec("，。")]
    full = fulltext.build([r.full_text for r in records])
    assert full.documents == 3  # the empty record and the punctuation-only one have no terms
    serial = lunr_reference(records).serialize()
    assert_shards_are_the_lunr_index([json.loads(s)["terms"] for s in full.shards], serial)
    assert full.postings == sum(len(p["text"]) for _, p in serial["invertedIndex"])


def test_shard_count_grows_with_the_index():
    assert fulltext.shard_count(1) == 1
    assert fulltext.shard_count(fulltext.POSTINGS_PER_SHARD * 10) == 10
    assert fulltext.shard_count(10**9) == fulltext.MAX_SHARDS


def test_lunr_py_finds_chinese_substrings(built):
    _, records = built
    results = lunr_reference(records).search("营业 业执 执照")  # lunr.py query syntax: OR of the bigrams
    assert results
    holders = {i for i, r in enumerate(records) if any("营业执照" in t for t in r.full_text)}
    assert holders <= {int(r["ref"]) for r in results}


# --- records and the record table ----------------------------------------------------------

def test_records_cover_the_content(shipped, built):
    _, records = built
    by_type: dict[str, set[str]] = {}
    for r in records:
        by_type.setdefault(r.type, set()).add(r.path)
    assert by_type["item"] == {f"items/{code}/" for code in shipped.current.items}
    assert by_type["dept"] == {f"departments/{d}/" for d in shipped.departments}
    assert by_type["guide"] == {f"guides/{code}/" for code in shipped.guides}
    assert by_type["text"] == {f"model-texts/{t}/" for t in shipped.model_texts}
    assert by_type["case"] == {f"cases/{c}/" for c in shipped.cases}
    assert by_type["bundle"] == {f"bundles/{b}/" for b in shipped.bundles}
    # Items only older editions hold (2022's 215001 公章刻制, 218007 出版物 ...).
    older = {c for e in shipped.editions.values() for c in e.items} - set(shipped.current.items)
    assert older and by_type["former"] == {f"items/{code}/" for code in older}
    # Fixed order: bundles, items, departments, service items (with or without a guide), items
    # of older editions, model texts, cases.
    group = {"bundle": -1, "item": 0, "dept": 1, "guide": 2, "service": 2, "former": 3, "text": 4, "case": 5}
    assert [group[r.type] for r in records] == sorted(group[r.type] for r in records)
    assert {r.type for r in records} <= {t for t, _ in TYPES}


def test_record_table_is_column_wise_and_consistent(built):
    files, records = built
    table_ = json.loads(files["find/index/records.json"])
    assert table_["shards"] == sum(path.startswith("find/index/text-") for path in files) >= 1
    assert [f[0] for f in table_["facets"]] == [key for key, _ in FACETS]
    for column in ("type", "title", "code", "text", "path", "initials", "facet", "sample", "words", "note", "link"):
        assert len(table_[column]) == len(records), column
    assert len(table_["pinyin"][0]) == len(table_["pinyin"][1])
    # Paths left out are the ones the browser derives from the first code.
    for record, path in zip(records, table_["path"], strict=True):
        if path is None:
            assert record.path == f"{ {'item': 'items', 'guide': 'guides'}[record.type]}/{record.codes[0]}/"
        else:
            assert path == record.path


def test_normalise_is_nfkc_lower():
    assert normalise("ＡＢｃ１") == "abc1"


# --- in the built site -------------------------------------------------------------------

def test_lunr_js_is_the_one_inside_mkdocs(shipped_site):
    shipped_js = (resources.files("mkdocs") / "contrib" / "search" / "templates" / "search" / "lunr.js").read_bytes()
    assert (shipped_site / "find" / "lunr.js").read_bytes() == shipped_js
    # No other copy of lunr in the repository's own assets.
    assert not list((ROOT / "site_config").rglob("lunr*.js"))


def test_finder_page_loads_nothing_from_another_host(shipped_site):
    html = (shipped_site / "find" / "index.html").read_text(encoding="utf-8")
    # Links to the filing offices are fine; nothing is *loaded* from elsewhere.
    assert not re.findall(r"""<(?:script|img|iframe)[^>]*src=["']?(?:https?:)?//""", html)
    assert not re.findall(r"""<link[^>]*href=["']?(?:https?:)?//""", html)
    for name in ("finder.js", "finder-core.js"):
        js = (ROOT / "site_config" / "docs" / "assets" / name).read_text(encoding="utf-8")
        assert "http" not in js and "innerHTML" not in js and "insertAdjacentHTML" not in js, name


def test_index_files_are_byte_identical_across_builds(shipped_site, tmp_path):
    again = build(tmp_path / "site")
    first = sorted(p.relative_to(shipped_site) for p in (shipped_site / "find").rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in (again / "find").rglob("*") if p.is_file())
    assert first == second and len(first) >= 4
    for path in first:
        assert (shipped_site / path).read_bytes() == (again / path).read_bytes(), path


def test_at_scale_a_query_reads_a_small_part_of_the_index(tmp_path):
    """Synthetic content (bench.synthetic, 100 items and 600 guides): the record table and
    the shards a query needs are each a small part of the whole index."""
    import gzip

    from bench.synthetic import make_content

    data = make_content(tmp_path, items=100, guides=600)
    content, problems = check(data / "content", data / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems[:10])
    files, records = bundle.build(content)
    count = json.loads(files["find/index/records.json"])["shards"]
    assert len(records) > 700 and count >= 5
    packed = {path: len(gzip.compress(data_, 6, mtime=0)) for path, data_ in files.items()}
    total = sum(packed.values())
    for q in ("现场核查", "申请材料真实", "营业执照"):
        needed = {f"find/index/text-{shard_of(t, count)}.json" for t in query_terms(q)}
        first = packed["find/index/records.json"] + sum(packed[p] for p in needed)
        assert first < total / 3, (q, first, total)
    assert max(v for p, v in packed.items() if "/text-" in p) < total / 10


def test_query_file_follows_from_the_content():
    """tests/finder_queries.yaml's expect lists are what the specification in
    tests/query_oracle.py gives for the shipped content, judged from the content graph and
    not from the finder's records (after a content change: `python -m tests.query_oracle
    --write`, then review the diff)."""
    import yaml

    from tests.query_oracle import QUERIES, expectations

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    for query, expected in zip(queries, expectations(queries), strict=True):
        assert query["expect"] == expected, query["q"]
