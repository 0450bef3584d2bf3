"""Front-matter values that a site engine prints raw, made text for both engines.

Takes a page's front matter (a dict, or the Markdown text that starts with it);
gives it back with `title` and `description` HTML-escaped. Material for MkDocs
and Zensical both print `page.meta.title` into <title> and the header, and
`page.meta.description` into a <meta> attribute, without escaping; a title is
content (an item name), so it must reach them as text. The MkDocs hook applies
`escape_meta` to each page's parsed meta; the Zensical build, which has no hooks,
applies `escape_front_matter` to the Markdown it writes.
"""

from __future__ import annotations

import json
import re

import yaml
from markupsafe import escape

RAW_KEYS = ("title", "description")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def escape_meta(meta: dict) -> dict:
    """Escape the raw-printed keys of `meta` in place (and return it)."""
    for key in RAW_KEYS:
        if isinstance(meta.get(key), str):
            meta[key] = str(escape(meta[key]))
    return meta


def escape_front_matter(markdown: str) -> str:
    """The page with its front matter's raw-printed values escaped; the body untouched."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return markdown
    meta = yaml.load(match.group(1), Loader=_Loader)
    if not isinstance(meta, dict) or not any(isinstance(meta.get(k), str) for k in RAW_KEYS):
        return markdown
    escape_meta(meta)
    # JSON is YAML: one line per key, every character kept as it is.
    lines = [f"{key}: {_json(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + markdown[match.end():]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
