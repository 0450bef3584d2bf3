"""Pinyin initials, computed at build time only: 食品经营许可 -> spjyxk.

pypinyin carries the character and phrase tables (polyphones such as 行 in 银行
and 行业 are read from phrases). The browser gets a small table instead of
pypinyin: each Han character used in a title -> its usual initial, and for the
few titles where a character is read differently in context, the title's
initials spelled out (`table`). ASCII letters and digits stand for themselves;
everything else has no initial.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from generator.render.search.tokenize import normalise


@cache
def char_initials(text: str) -> tuple[str, ...]:
    """One entry per character of normalise(text): its initial, or ''."""
    text = normalise(text)
    parts = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    if len(parts) != len(text):  # pypinyin keeps one item per character; guard anyway
        parts = [lazy_pinyin(ch, style=Style.FIRST_LETTER, errors=lambda s: list(s))[0] for ch in text]
    return tuple(p[:1] if p[:1].isascii() and p[:1].isalnum() else "" for p in parts)


def initials(text: str) -> str:
    return "".join(char_initials(text))


def _with_table(text: str, table: dict[str, str]) -> str:
    # What the browser computes from the table alone (finder.js `initialsOf`).
    return "".join(table.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in normalise(text))


def table(texts: list[str]) -> tuple[dict[str, str], list[str | None]]:
    """(character -> usual initial, per text: its initials when the table alone
    would get them wrong, else None)."""
    votes: dict[str, Counter] = {}
    for text in texts:
        for ch, letter in zip(normalise(text), char_initials(text), strict=True):
            if letter and not (ch.isascii() and ch.isalnum()):
                votes.setdefault(ch, Counter())[letter] += 1
    chars = {ch: counter.most_common(1)[0][0] for ch, counter in sorted(votes.items())}
    exceptions = [None if _with_table(t, chars) == initials(t) else initials(t) for t in texts]
    return chars, exceptions


def full(text: str) -> str:
    """Full pinyin without tones, phrases read in context: 餐饮 -> canyin, KTV -> ktv."""
    text = normalise(text)
    return "".join(p for p in lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: list(s))
                   if p.isascii() and p.isalnum())


# The characters the browser may need a reading for when a query matched nothing: the
# CJK Unified Ideographs block (people type these; rarer blocks fall back to no reading).
_COMMON = range(0x4E00, 0xA000)


@cache  # a function of the installed pypinyin alone (0.3 s a build); callers only read it
def reading_table() -> dict[str, str]:
    """Full pinyin without tones -> the characters whose first reading it is, for the
    browser's typo correction (网巴 wangba -> 网吧). Grouped by reading: about 400 keys."""
    groups: dict[str, list[str]] = {}
    for point in _COMMON:
        readings = pinyin_dict.get(point)
        if not readings:
            continue
        reading = lazy_pinyin(chr(point), style=Style.NORMAL)[0]
        if reading.isascii() and reading.isalpha():
            groups.setdefault(reading, []).append(chr(point))
    return {reading: "".join(chars) for reading, chars in sorted(groups.items())}
