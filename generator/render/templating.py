"""Jinja2 environment, escaping and links for page templates.

Everything that comes from a content file is data, never markup. Templates emit
HTML blocks with autoescaping on; the few places where Markdown syntax surrounds
content use the `md` filter; fields meant to hold Markdown go through
`safe_markdown`, which renders a small subset and sanitises the HTML with nh3.
"""

from __future__ import annotations

import re
from functools import cache

import markdown as markdown_lib
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.model.types import NotStated
from generator.render import urls

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
    env.globals["urls"] = urls  # the one owner of site paths
    env.tests["not_stated"] = lambda value: isinstance(value, NotStated)
    return env


def render_page(template: str, page_path: str, **values: object) -> str:
    """Render one page template. `url(target)` inside it links relative to this page."""
    return environment().get_template(template).render(
        url=lambda target: urls.relative(page_path, target), page_path=page_path, **values
    )
