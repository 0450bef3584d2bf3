"""Full text: records' longer texts -> lunr index term shards (JSON bytes).

The index is a lunr index: one field `text`, document refs are record numbers,
both pipelines deliberately empty (lunr has no Chinese; its stemmer and trimmer
would destroy Chinese terms), terms from `tokenize.terms`.

Shipping it whole would not scale (every document's vector names every one of its
terms), so it is cut by term: shard k holds, for each term t with
`shard_of(t) == k`, t's number in the index and the (document, weight) pairs of
its posting, where the weight is the BM25 value lunr stores in that document's
field vector for t. A query needs only its own terms, so the browser fetches the
shards of those terms, rebuilds the serialised lunr index of just those terms
(same term numbers, same weights; lunr.js scores a document by the dot product
with the query vector divided by the query's magnitude, so elements for other
terms never change a score) and loads it with `lunr.Index.load`.

The shards are computed here term by term, not by building lunr.py's in-memory
index and reading it back: at scale 10 of bench/site_bench.py (4,840 pages) that
took 6.4 s and held a dict per posting; this takes about 1 s and holds two
integers per posting. The numbers are lunr's exactly: terms numbered in the order
`Builder.add` first meets them, lunr's idf and BM25 (k1 1.2, b 0.75) in the same
floating-point order, rounded to 3 places. tests/test_finder_index.py builds the
same documents with lunr.py's `Builder.add` and checks every number.

Shard wire format: {"terms": {term: [term number, doc gap, weight, doc gap,
weight, ...]}} with documents ascending and gaps from the previous document.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass

from generator.render.search.tokenize import shard_of, terms

FIELD = "text"
# lunr's BM25 parameters (lunr.Builder defaults, the same in lunr.js and lunr.py).
K1 = 1.2
B = 0.75
# A shard should stay a few tens of KB gzip: about this many postings each.
POSTINGS_PER_SHARD = 6000
MAX_SHARDS = 512


@dataclass(slots=True)
class FullText:
    shards: list[bytes]  # shard number -> the shard file's JSON
    postings: int
    documents: int  # records with at least one term


def shard_count(postings: int) -> int:
    wanted = -(-postings // POSTINGS_PER_SHARD)
    return max(1, min(MAX_SHARDS, wanted))


def build(texts: list[list[str]]) -> FullText:
    """texts[i] = record i's longer texts. Records without any term are left out."""
    # term -> [term number, doc, tf, doc, tf, ...]: documents ascending, as they come.
    postings: dict[str, list[int]] = {}
    lengths: dict[int, int] = {}
    for doc, pieces in enumerate(texts):
        length, counted = _counted(pieces)
        if not length:
            continue
        lengths[doc] = length
        for term, tf in counted:  # first-seen order, as Builder.add numbers
            posting = postings.get(term)
            if posting is None:
                posting = postings[term] = [len(postings)]
            posting += (doc, tf)
    documents = len(lengths)
    average = sum(lengths.values()) / documents if documents else 0.0
    total = sum((len(p) - 1) // 2 for p in postings.values())
    count = shard_count(total)
    by_shard: list[list[str]] = [[] for _ in range(count)]
    for term in sorted(postings):  # sorted by term: stable output
        by_shard[shard_of(term, count)].append(term)
    # BM25's length part of each document, computed once: K1 * (1 - B + B * length / average).
    norms = {doc: K1 * (1 - B + B * (length / average)) for doc, length in lengths.items()}
    shards = [_shard_json({term: _wire(postings[term], documents, norms) for term in names})
              for names in by_shard]
    return FullText(shards=shards, postings=total, documents=documents)


def _counted(pieces: list[str]) -> tuple[int, tuple[tuple[str, int], ...]]:
    """A record's number of terms, and each term with its frequency in first-seen order."""
    tokens = [t for piece in pieces for t in terms(piece)]
    return len(tokens), tuple(Counter(tokens).items())


def _wire(posting: list[int], documents: int, norms: dict[int, float]) -> list:
    """[term number, doc gap, weight, ...], with lunr's idf and BM25 weight for each document."""
    # lunr.idf: documents_with_term counted over the posting's fields (one field here).
    with_term = (len(posting) - 1) // 2
    idf = math.log(1 + abs((documents - with_term + 0.5) / (with_term + 0.5)))
    wire: list = [posting[0]]
    previous = 0
    for doc, tf in zip(posting[1::2], posting[2::2], strict=True):
        # Builder._create_field_vectors, in the same order of operations (boosts are 1):
        # idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf)
        wire += (doc - previous, round(idf * ((K1 + 1) * tf) / (norms[doc] + tf), 3))
        previous = doc
    return wire


def _shard_json(shard: dict[str, list]) -> bytes:
    return json.dumps({"terms": shard}, ensure_ascii=False, separators=(",", ":")).encode()
