"""Stage 5, site engine: the rendered docs tree -> site/, built atomically.

`build` runs MkDocs (or Zensical) into a staging folder and swaps it in; `mkdocs_plugin`
is the thin MkDocs integration that hands generated pages to MkDocs; `page_meta` makes
front-matter values text for both engines; `engine_cache` lets MkDocs render only the
pages whose inputs changed (`qingdan build --cache`); `preview` is `qingdan serve`.
"""
