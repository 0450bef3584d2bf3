"""The finder's search index, built at build time from the content graph.

Takes a `Content`; gives the files the finder page loads (see `bundle.build`):
  - a compact record table for substring matching of short fields (names,
    measures, codes, departments, facet values, pinyin initials), loaded whole;
  - a lunr full-text index of the longer texts (conditions, materials, model
    text bodies, case facts), split into term shards so a query fetches only the
    shards of its own terms.

Modules: `tokenize` (the one tokenisation rule, mirrored in finder.js),
`records` (content -> records and facets), `pinyin` (initials at build time),
`fulltext` (lunr's BM25 weights -> term shards), `bundle` (everything -> JSON files).
"""
