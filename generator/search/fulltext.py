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

from collections import Counter
from dataclasses import dataclass

from lunr.builder import Builder

from .tokenize import shard_of, terms

FIELD = "text"
# A shard should stay a few tens of KB gzip: about this many postings each.
POSTINGS_PER_SHARD = 6000
MAX_SHARDS = 512
# The (empty) metadata of every posting, one shared dict: lunr.py only reads it
# (a search deep-copies what it returns), and one per posting was millions of dicts.
_NO_METADATA: dict = {}


@dataclass(slots=True)
class FullText:
    index: object  # lunr.Index, kept for tests that compare with the browser
    shards: list[dict[str, list]]  # shard number -> term -> wire posting
    postings: int


def build_index(texts: list[list[str]]):
    """texts[i] = record i's longer texts. Records without any are left out.

    lunr.py computes every weight (its BM25 field vectors) and builds the index; only
    the documents are handed to its Builder directly, as the term counts and postings
    `Builder.add` would make of the same tokens: `add` wraps each token in a Token with
    a deep-copied metadata dict, which was most of the search stage's time and memory
    on a large site (tests/test_finder_index.py checks the result equals `add`'s)."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    builder.field(FIELD)
    inverted = builder.inverted_index
    for number, pieces in enumerate(texts):
        tokens = [t for piece in pieces for t in terms(piece)]
        if not tokens:
            continue
        ref = str(number)
        field_ref = f"{FIELD}/{ref}"  # str(lunr.field_ref.FieldRef(ref, FIELD))
        builder._documents[ref] = {}
        builder.document_count += 1
        # First-seen order, as `add` counts: term numbers and vector order match.
        frequencies = dict(Counter(tokens))
        builder.field_term_frequencies[field_ref] = frequencies
        builder.field_lengths[field_ref] = len(tokens)
        for term in frequencies:
            posting = inverted.get(term)
            if posting is None:
                posting = inverted[term] = {FIELD: {}, "_index": builder.term_index}
                builder.term_index += 1
            # No metadata is whitelisted: `add` stores an empty mapping per document too.
            posting[FIELD][ref] = _NO_METADATA
    return builder.build()


def shard_count(postings: int) -> int:
    wanted = -(-postings // POSTINGS_PER_SHARD)
    return max(1, min(MAX_SHARDS, wanted))


def split(index) -> FullText:
    """A built lunr index -> term shards in the wire format above.

    Reads the index's own vectors and postings: `index.serialize()` would hold a second
    copy of every vector at the build's peak memory. The weights are already rounded to
    3 places (Builder does it, as lunr.js does); serialize() would round them again."""
    weights = {int(field_ref.split("/", 1)[1]): dict(zip(v.elements[0::2], v.elements[1::2], strict=True))
               for field_ref, v in index.field_vectors.items()}
    inverted = index.inverted_index
    postings = sum(len(posting[FIELD]) for posting in inverted.values())
    count = shard_count(postings)
    shards: list[dict[str, list]] = [dict() for _ in range(count)]
    for term in sorted(inverted):  # sorted by term: stable output
        posting = inverted[term]
        number = posting["_index"]
        wire: list = [number]
        previous = 0
        for doc in sorted(map(int, posting[FIELD])):
            wire += [doc - previous, weights[doc][number]]
            previous = doc
        shards[shard_of(term, count)][term] = wire
    return FullText(index=index, shards=shards, postings=postings)


def build(texts: list[list[str]]) -> FullText:
    return split(build_index(texts))

