"""Which characters content text may hold: the one owner of that rule.

Takes a text; gives the first character it may not hold, with its code point and its
name in Chinese and English, or None. Names, codes and ids (`single_line=True`) end up
in CODEOWNERS, YAML scaffolds, terminal lines and page titles, where a line break starts
a new line of someone else's meaning; any text may end up in XML (the Atom feed), which
cannot carry noncharacters or most controls, and bidirectional overrides make a text
read differently from what it is (CVE-2021-42574, "Trojan Source").

Refused everywhere: C0 controls other than tab and line feed, DEL, C1 controls
(U+0080–U+009F, with NEL), noncharacters (U+FDD0–U+FDEF and U+xFFFE / U+xFFFF of every
plane), bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069), lone surrogates. Refused in single-line values as well: tab, line feed,
and the line and paragraph separators U+2028 / U+2029.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_C0_NAMES = {
    0x00: ("空字符", "NUL"), 0x09: ("制表符", "TAB"), 0x0A: ("换行", "LINE FEED"),
    0x0B: ("垂直制表符", "LINE TABULATION"), 0x0C: ("换页", "FORM FEED"),
    0x0D: ("回车", "CARRIAGE RETURN"), 0x1B: ("转义", "ESCAPE"),
}
_BIDI = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
}
_SEPARATORS = {0x2028: ("行分隔符", "LINE SEPARATOR"), 0x2029: ("段分隔符", "PARAGRAPH SEPARATOR")}


@dataclass(frozen=True, slots=True)
class BadCharacter:
    index: int  # position in the text
    code_point: int
    name_zh: str
    name_en: str

    @property
    def label(self) -> str:
        """``U+000A 换行`` (what a message shows: the character itself would be invisible)."""
        return f"U+{self.code_point:04X} {self.name_zh}"

    @property
    def label_en(self) -> str:
        return f"U+{self.code_point:04X} {self.name_en}"


def classify(code_point: int, *, single_line: bool) -> tuple[str, str] | None:
    """(中文, English) name of why the character is refused, or None if it is allowed."""
    if code_point < 0x20 or code_point == 0x7F:
        if code_point in (0x09, 0x0A) and not single_line:
            return None
        zh, en = _C0_NAMES.get(code_point, ("控制字符", "CONTROL CHARACTER"))
        return (f"{zh}（控制字符）" if code_point in _C0_NAMES else zh), en
    if 0x80 <= code_point <= 0x9F:
        return ("下一行（C1 控制字符）", "NEXT LINE (C1 control)") if code_point == 0x85 else \
            ("C1 控制字符", "C1 CONTROL CHARACTER")
    if 0xFDD0 <= code_point <= 0xFDEF or (code_point & 0xFFFE) == 0xFFFE:
        return "非字符", "NONCHARACTER"
    if code_point in _BIDI:
        return "双向文字控制符", _BIDI[code_point]
    if 0xD800 <= code_point <= 0xDFFF:
        return "孤立代理项", "LONE SURROGATE"
    if single_line and code_point in _SEPARATORS:
        return _SEPARATORS[code_point]
    return None


def _refused_class(single_line: bool) -> re.Pattern:
    # One character class for the whole rule: a regex scan is ~50x faster than a Python loop,
    # and every text of every file goes through it.
    ranges = ["\x00-\x08", "\x0b-\x1f", "\x7f-\x9f", "\ufdd0-\ufdef", "\u202a-\u202e", "\u2066-\u2069",
              "\ud800-\udfff"]
    ranges += [re.escape(chr(plane * 0x10000 + low)) for plane in range(17) for low in (0xFFFE, 0xFFFF)]
    if single_line:
        ranges += ["\t\n", "\u2028\u2029"]
    return re.compile("[" + "".join(ranges) + "]")


_REFUSED = {True: _refused_class(True), False: _refused_class(False)}


def first_bad_character(text: str, *, single_line: bool = False) -> BadCharacter | None:
    """The first character `text` may not hold, or None."""
    found = _REFUSED[single_line].search(text)
    if found is None:
        return None
    code_point = ord(found.group())
    return BadCharacter(found.start(), code_point, *classify(code_point, single_line=single_line))


def bad_character_message(bad: BadCharacter) -> tuple[str, str]:
    """(中文, English) message naming the character."""
    return (f"含有不允许的字符 {bad.label}（第 {bad.index + 1} 个字符）",
            f"contains a character that is not allowed: {bad.label_en} (character {bad.index + 1})")


def visible(text: str) -> str:
    """`text` for a terminal line or a log: every refused character (line breaks too)
    shown as its code point, e.g. ``a\\u000ab``, so a value cannot forge output lines
    (a backslash typed in the content is left as it is: the text is for reading)."""
    out = []
    if _REFUSED[True].search(text) is None:
        return text
    for char in text:
        code_point = ord(char)
        if classify(code_point, single_line=True):
            out.append(f"\\u{code_point:04x}" if code_point <= 0xFFFF else f"\\U{code_point:08x}")
        else:
            out.append(char)
    return "".join(out)
