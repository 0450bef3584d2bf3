"""Full text: records' longer texts -> a lunr.py index -> term shards.

The index is a real lunr index built by lunr.py: one field `text`, document refs
are record numbers, both pipelines deliberately empty (lunr has no Chinese; its
stemmer and trimmer would destroy Chinese terms), terms from `tokenize.terms`.

Shipping it whole would not scale (every document's vector names every one of its
terms), so it is cut by term: shard k holds, for each term t with
`shard_of(t) == k`, t's number in the index and the (document, weight) pairs of
its posting, where the weight is the BM25 value lunr.py stored in that
document's field vector for t. A query needs only its own terms, so the browser
fetches the shards of those terms, rebuilds the serialised lunr index of just
those terms (same term numbers, same weights; lunr.js scores a document by the
dot product with the query vector divided by the query's magnitude, so elements
for other terms never change a score) and loads it with `lunr.Index.load`.

Shard wire format: {"terms": {term: [term number, doc gap, weight, doc gap,
weight, ...]}} with documents ascending and gaps from the previous document.
"""

from __future__ import annotations

from dataclasses import dataclass

from lunr.builder import Builder

from .tokenize import shard_of, terms

FIELD = "text"
# A shard should stay a few tens of KB gzip: about this many postings each.
POSTINGS_PER_SHARD = 6000
MAX_SHARDS = 512


@dataclass(slots=True)
class FullText:
    index: object  # lunr.Index, kept for tests that compare with the browser
    shards: list[dict[str, list]]  # shard number -> term -> wire posting
    postings: int


def build_index(texts: list[list[str]]):
    """texts[i] = record i's longer texts. Records without any are left out."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    builder.field(FIELD)
    for number, pieces in enumerate(texts):
        tokens = [t for piece in pieces for t in terms(piece)]
        if tokens:
            # A list is taken as ready tokens by lunr.py's tokenizer.
            builder.add({"id": str(number), FIELD: tokens})
    return builder.build()


def shard_count(postings: int) -> int:
    wanted = -(-postings // POSTINGS_PER_SHARD)
    return max(1, min(MAX_SHARDS, wanted))


def split(index) -> FullText:
    """A built lunr index -> term shards in the wire format above."""
    serial = index.serialize()
    weights: dict[int, dict[int, float]] = {}
    for field_ref, elements in serial["fieldVectors"]:
        doc = int(field_ref.split("/", 1)[1])
        weights[doc] = dict(zip(elements[0::2], elements[1::2], strict=True))
    postings = sum(len(p[FIELD]) for _, p in serial["invertedIndex"])
    count = shard_count(postings)
    shards: list[dict[str, list]] = [dict() for _ in range(count)]
    for term, posting in serial["invertedIndex"]:  # sorted by term: stable output
        number = posting["_index"]
        wire: list = [number]
        previous = 0
        for doc in sorted(int(d) for d in posting[FIELD]):
            wire += [doc - previous, weights[doc][number]]
            previous = doc
        shards[shard_of(term, count)][term] = wire
    return FullText(index=index, shards=shards, postings=postings)


def build(texts: list[list[str]]) -> FullText:
    return split(build_index(texts))

