"""qingdan: a static public-disclosure site generator for the Market Access Negative List.

The folders are the stages, each a pure function of the one before:

    content/*.yaml --load/--> typed documents with line/column --validate/--> Content graph
    --derive/--> computed facts --render/--> pages, exports, search index --site/--> site/

`model/` holds the schemas every stage shares, `tools/` the command line around it, and
`pipeline` the whole run in a few calls.
"""

__version__ = "0.1.0"
