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
from generator.render import memo, urls

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=&:\"'$^])")


def md_escape(text: object) -> str:
    """Escape a value for Markdown inline context (headings, link text, table cells)."""
    value = str(text).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", value)


_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "a",
}


# Link text longer than this is not link text: its "[" is shown as a bracket.
_LONGEST_LINK_TEXT = 1000


def escape_far_brackets(text: str) -> str:
    """Escape every "[" that has no "]" within `_LONGEST_LINK_TEXT` characters after it (in the
    same paragraph). Python-Markdown scans from each "[" for its "]", so thousands of unclosed
    brackets took minutes; such a bracket can never open a link, so escaping it shows the same
    text. One pass with a stack: linear in the text."""
    escaped: set[int] = set()
    open_at: list[int] = []
    for index, char in enumerate(text):
        if char == "[":
            backslashes = len(text[max(0, index - 8):index]) - len(text[max(0, index - 8):index].rstrip("\\"))
            if backslashes % 2 == 0:
                open_at.append(index)
        elif char == "]" and open_at:
            start = open_at.pop()
            if index - start > _LONGEST_LINK_TEXT:
                escaped.add(start)
        elif char == "\n" and text.startswith("\n", index + 1):  # a blank line ends the paragraph
            escaped.update(open_at)
            open_at.clear()
    escaped.update(open_at)
    if not escaped:
        return text
    return "".join("\\[" if i in escaped else c for i, c in enumerate(text))


def safe_markdown(text: str) -> Markup:
    """Render a Markdown field to sanitised HTML: no scripts, no raw HTML, safe links only."""
    # Raw HTML in the field is shown as text: escape "<" and "&" only, so Markdown's own
    # ">" (block quotes) still works; nh3 then removes anything unsafe that remains.
    literal = escape_far_brackets(text).replace("&", "&amp;").replace("<", "&lt;")
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
    """Render one page template. `url(target)` inside it links relative to this page.
    Within `RenderMemo.active()` (serve), a page whose arguments did not change is not rendered again."""
    kept = memo.current()
    if kept is None:
        return _render(template, page_path, values)
    return kept.text(template, page_path, values, lambda: _render(template, page_path, values))


def _render(template: str, page_path: str, values: dict) -> str:
    return environment().get_template(template).render(
        url=lambda target: urls.relative(page_path, target), page_path=page_path, **values
    )
