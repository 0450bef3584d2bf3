"""Content -> the finder's index files (docs-relative path -> bytes).

  find/index/records.json      every record's short fields and facets, loaded whole
                               at start-up: the substring index (README "## Search"
                               gives the figures behind choosing a plain table)
  find/index/text-<k>.json     full-text term shard k (see `fulltext`)
  find/index/pinyin.json       every common Han character's usual reading, fetched only
                               when a query matched nothing (typo correction, suggestions)

records.json is column-wise (a column of similar values compresses far better than
rows of mixed ones):
  {"format": 2, "shards": K,
   "types":  [[key, label, rank], ...],           (records.TYPE_RANKS)
   "intent": [intent words]                       (query.INTENT_WORDS)
   "t2s":    [traditional characters, simplified] (two equally long strings, query.t2s_table)
   "vocab":  [every distinct everyday word], "vocabPinyin": [its full pinyin, no tones],
   "facets": [[key, label, [[value, [labels...]], ...]], ...],
   "pinyin": [characters, their initials]       (two equally long strings)
   "type":   [type number], "title": [title], "code": [[codes]], "text": [[texts]],
   "path":   [page URL, or null when it is <type dir>/<first code>/],
   "initials": [null, or the title's initials where the pinyin table is wrong],
   "labelInitials": [the same for every facet label, in facet, value, name order],
   "facet":  [[[value numbers of facet 2], [.. facet 3], ...]],   (type is facet 1)
   "sample": [0/1],
   "words":  [[numbers into vocab]], "note": [null or text], "link": [null or page URL]}
"""

from __future__ import annotations

import json

from generator.model.content import Content
from generator.render import urls
from generator.render.search import fulltext, pinyin, query
from generator.render.search.records import FACETS, TYPE_RANKS, TYPES, Record, build_records, facet_labels

INDEX_DIR = urls.FINDER_INDEX_DIR
FORMAT = 2
# Record types whose page path the browser derives from the first code (finder.js): the
# record keeps its own path wherever that would differ (a code that `urls.segment` changes).
DERIVED_PATHS = {"item": urls.ITEMS_DIR, "guide": urls.GUIDES_DIR}


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _path(record: Record) -> str | None:
    prefix = DERIVED_PATHS.get(record.type)
    if prefix and record.codes and record.path == f"{prefix}{record.codes[0]}/":
        return None
    return record.path


def records_table(content: Content, records: list[Record], shards: int) -> dict:
    labels = facet_labels(content, records)
    number = {key: {value: i for i, (value, _) in enumerate(labels[key])} for key, _ in FACETS}
    type_number = {key: i for i, (key, _) in enumerate(TYPES)}
    label_texts = [name for key, _ in FACETS for _, names in labels[key] for name in names]
    chars, exceptions = pinyin.table([r.title for r in records] + label_texts)
    vocab = list(dict.fromkeys(w for r in records for w in r.words))
    word_number = {w: i for i, w in enumerate(vocab)}
    used = {ch for r in records for text in (r.title, *r.texts, *r.words) for ch in query.normalise(text)}
    used |= {ch for text in label_texts for ch in query.normalise(text)}
    t2s = query.t2s_table(used)
    return {
        "format": FORMAT,
        "shards": shards,
        "types": [[key, label, TYPE_RANKS[key]] for key, label in TYPES],
        "intent": list(query.INTENT_WORDS),
        "t2s": ["".join(t2s), "".join(t2s.values())],
        "vocab": vocab,
        "vocabPinyin": [pinyin.full(w) for w in vocab],
        "facets": [[key, label, [[value, names] for value, names in labels[key]]] for key, label in FACETS],
        "pinyin": ["".join(chars), "".join(chars.values())],
        "type": [type_number[r.type] for r in records],
        "title": [r.title for r in records],
        "code": [r.codes for r in records],
        "text": [r.texts for r in records],
        "path": [_path(r) for r in records],
        "initials": exceptions[: len(records)],
        # the same for facet labels, in facet, value, name order
        "labelInitials": exceptions[len(records):],
        "facet": [[[number[key][v] for v in r.facets.get(key, [])] for key, _ in FACETS[1:]] for r in records],
        "sample": [int(r.sample) for r in records],
        "words": [[word_number[w] for w in r.words] for r in records],
        "note": [r.note for r in records],
        "link": [r.link for r in records],
    }


def build(content: Content) -> tuple[dict[str, bytes], list[Record]]:
    """The index files, plus the records (tests compare with them)."""
    records = build_records(content)
    full = fulltext.build([r.full_text for r in records])
    files = {f"{INDEX_DIR}/records.json": _json(records_table(content, records, len(full.shards)))}
    for k, shard in enumerate(full.shards):
        files[f"{INDEX_DIR}/text-{k}.json"] = shard
    files[f"{INDEX_DIR}/pinyin.json"] = _json(pinyin.reading_table())
    return files, records
