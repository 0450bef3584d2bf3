"""Bounds on a Markdown field, so every text the loader accepts renders in time linear in its size.

Takes the text of a Markdown field (a model text's body); gives why it is too large or too
deep, in plain words (中文, English), or None. Python-Markdown's link parser backtracks on
unclosed brackets (32,000 "[" took 233 s; time grows with the square of their number), and a
list or quote nested hundreds deep ("- - - - …") overflows the recursion of the HTML tree.
A real model text has a few dozen brackets (check boxes "[ ] 是") and three or four levels.
"""

from __future__ import annotations

import re

MAX_MARKDOWN_CHARS = 100_000  # the longest shipped body (a charter) is about 2,000
MAX_BRACKETS = 2000
MAX_DEPTH = 10

# The markers that open a nesting level at the start of a line: list items and quotes.
_MARKERS = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)")


def nesting_depth(line: str) -> int:
    """Levels of lists and quotes a line opens: its indentation (two spaces a level) and markers."""
    indent = len(line) - len(line.lstrip(" \t"))
    depth = indent // 2
    position = 0
    while True:
        marker = _MARKERS.match(line, position)
        if marker is None or marker.end() == position:
            return depth
        depth += 1
        position = marker.end()


def markdown_problem(text: str) -> tuple[str, str] | None:
    if len(text) > MAX_MARKDOWN_CHARS:
        return (f"正文过长（{len(text)} 个字符，上限 {MAX_MARKDOWN_CHARS}）：请拆分或改为附件",
                f"the text is too long ({len(text)} characters, the limit is {MAX_MARKDOWN_CHARS}): "
                "split it or attach it as a file")
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return (f"方括号 [ 过多（{brackets} 个，上限 {MAX_BRACKETS}）", f"too many [ brackets ({brackets}, "
                f"the limit is {MAX_BRACKETS})")
    for number, line in enumerate(text.split("\n"), 1):
        if nesting_depth(line[:400]) > MAX_DEPTH:
            return (f"第 {number} 行的列表或引用嵌套过深（超过 {MAX_DEPTH} 层）",
                    f"line {number} nests lists or quotes too deeply (more than {MAX_DEPTH} levels)")
    return None
