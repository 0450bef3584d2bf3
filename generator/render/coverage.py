"""What an edition file covers, in the words every page uses.

Takes an edition (its info and how many items the site holds); gives the count line
(本站收录 N 项（全国清单共 106 项）) and the excerpt notice. An excerpt never makes a
page say that an item was removed or a category is empty: it only says what it holds.
"""

from __future__ import annotations

from generator.model.content import Edition


def count_line(edition: Edition) -> str:
    """"共 66 个事项" for a complete edition; "本站收录 3 项（全国清单共 106 项）" for an excerpt."""
    held = len(edition.items)
    info = edition.info
    if info.complete:
        return f"共 {held} 个事项"
    total = f"（全国清单共 {info.national_total} 项）" if info.national_total else "（全国清单事项数未注明）"
    return f"本站收录 {held} 项{total}"


def excerpt_scope(edition: Edition) -> str | None:
    """The excerpt notice's text, or None for a complete edition."""
    info = edition.info
    if info.complete:
        return None
    return f"本站只收录了部分事项，{count_line(edition)}。收录范围：{info.scope}。未收录的事项不等于不在清单中。"
