"""Page renderers: content graph -> Markdown pages of the site (one function per page kind)."""

from __future__ import annotations

from collections.abc import Iterable

from ..content import Content
from . import Output
from .templating import render_page


def home(content: Content) -> Iterable[Output]:
    yield Output("index.md", render_page("home.md.j2", "index.md", content=content))


RENDERERS = [home]
