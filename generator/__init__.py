"""qingdan: a static public-disclosure site generator for the Market Access Negative List.

content/*.yaml --load--> raw documents with locations --validate--> Content graph
--render--> Markdown pages, exports, search index --mkdocs--> site/
"""

__version__ = "0.1.0"
