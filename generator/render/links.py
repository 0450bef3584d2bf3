"""The one ready-made link handed to templates (macros `link` and friends render it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Link:
    """A docs path (made relative by `url()`), its text, whether it leads to sample data (示例),
    and an anchor on that page."""

    path: str
    text: str
    sample: bool = False
    fragment: str = ""
