"""Jinja2 environment, escaping and links for page templates.

Everything that comes from a content file is data, never markup. Templates emit
HTML blocks with autoescaping on; the few places where Markdown syntax surrounds
content use the `md` filter; fields meant to hold Markdown go through
`safe_markdown`, which renders a small subset and sanitises the HTML with nh3.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from urllib.parse import quote

import markdown as markdown_lib
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=&:\"'$^])")


def md_escape(text: object) -> str:
    """Escape a value for Markdown inline context (headings, link text, table cells)."""
    value = str(text).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", value)


_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "a",
}


def safe_markdown(text: str) -> Markup:
    """Render a Markdown field to sanitised HTML: no scripts, no raw HTML, safe links only."""
    # Raw HTML in the field is shown as text: escape "<" and "&" only, so Markdown's own
    # ">" (block quotes) still works; nh3 then removes anything unsafe that remains.
    literal = text.replace("&", "&amp;").replace("<", "&lt;")
    html = markdown_lib.markdown(literal, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    # Headings in a body must sit below the page's own h1.
    clean = re.sub(r"<(/?)h1>", r"<\1h2>", clean)
    return Markup(clean)


def page_url(path: str) -> str:
    """Docs path -> the page's directory URL: "items/100004/index.md" -> "items/100004/"."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[:-3] + "/"
    return path


def relative_url(from_page: str, target: str) -> str:
    """A link from one docs page to a target (page path or asset), relative so the
    site works under any base path (an intranet folder, a GitHub Pages project site)."""
    here = page_url(from_page).rstrip("/") or "."
    there = page_url(target)
    rel = _relpath(there.rstrip("/") or ".", here)
    if rel == ".":
        return "./"
    return quote(rel) + ("/" if target.endswith(".md") else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for docs-relative paths, without its abspath: that asks the OS for
    the working directory on every call, and a large site makes hundreds of thousands."""
    to, here = posixpath.normpath(path).split("/"), posixpath.normpath(start).split("/")
    if ".." in to or ".." in here:
        return posixpath.relpath(path, start)
    to, here = [p for p in to if p != "."], [p for p in here if p != "."]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def segment(code: str) -> str:
    """A code as one URL path segment. Codes are checked against patterns, but a
    configured pattern might allow '/', so never trust it to be path-safe."""
    return code.replace("/", "_").replace("\\", "_").replace("..", "_")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["markdown"] = safe_markdown
    return env


def render_page(template: str, page_path: str, **values: object) -> str:
    """Render one page template. `url(target)` inside it links relative to this page."""
    return environment().get_template(template).render(
        url=lambda target: relative_url(page_path, target), page_path=page_path, **values
    )
