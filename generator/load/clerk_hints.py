"""What a clerk most likely typed wrong, said so that the fix is plain.

Clerks write YAML in a Chinese input method, which types full-width forms: the colon
“：”, the ideographic space “　” (U+3000), quotes “” and brackets （）, digits １２３.
YAML and the codes want the ASCII ones, and libyaml's messages never name the
character. These pure functions take the text (a line, a value) and give the words
(Chinese, English) naming the character and the one to type instead; or the nearest
valid ids for an unknown one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Full-width forms an input method types, and the ASCII character meant, with its name.
_ASCII_FOR = {
    "：": (":", "冒号"), "　": (" ", "空格"), "“": ('"', "引号"), "”": ('"', "引号"),
    "‘": ("'", "引号"), "’": ("'", "引号"), "（": ("(", "括号"), "）": (")", "括号"),
    "，": (",", "逗号"), "－": ("-", "减号"), "／": ("/", "斜杠"), "．": (".", "点"),
    **{chr(0xFF10 + d): (str(d), "数字") for d in range(10)},
    **{chr(0xFF21 + i): (chr(0x41 + i), "字母") for i in range(26)},
    **{chr(0xFF41 + i): (chr(0x61 + i), "字母") for i in range(26)},
}


def _shown(char: str) -> str:
    return "U+3000 全角空格" if char == "　" else char


def fullwidth_chars(text: str) -> list[str]:
    """The distinct full-width characters of `text` that have an ASCII counterpart, in order."""
    return list(dict.fromkeys(c for c in text if c in _ASCII_FOR))


_PAIRS = {"“": "”", "‘": "’", "（": "）"}


def fold(text: str) -> str:
    """The text with every full-width form replaced by its ASCII character."""
    return "".join(_ASCII_FOR[c][0] if c in _ASCII_FOR else c for c in text)


def fullwidth_hint(text: str) -> tuple[str, str] | None:
    """"“１”是全角数字，请改为半角（英文）“1”" for the full-width forms in a value that must be
    ASCII (a code, an id, a number); a code wrapped in Chinese quotes or brackets: drop them."""
    found = fullwidth_chars(text)
    if not found:
        return None
    if len(text) > 2 and _PAIRS.get(text[0]) == text[-1]:
        inner = fold(text[1:-1])
        kind = _ASCII_FOR[text[0]][1]
        return (f"两边的全角{kind}{text[0]}{text[-1]}请删去：写成 {inner}",
                f"the full-width {text[0]}{text[-1]} around it do not belong there: write {inner}")
    zh = "、".join(f"“{_shown(c)}”是全角{_ASCII_FOR[c][1]}" for c in found)
    wanted = list(dict.fromkeys(_ASCII_FOR[c][0] for c in found))
    typed = "、".join(f"“{a}”" for a in wanted)
    en = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in found)
    return (f"{zh}，请改为半角（英文）{typed}：写成 {fold(text)}",
            f"{en} {'is' if len(found) == 1 else 'are'} full-width: type the ASCII "
            f"{', '.join(repr(a) for a in wanted)} instead: write {fold(text)}")


# A line that is a key typed with a full-width colon: `copies：1`, `- name：食品`. Field
# names are ASCII, so an ASCII word followed by “：” is never meant as text.
_FULLWIDTH_COLON_KEY = re.compile(r"^([ \t　]*(?:-[ \t　]+)?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*：", re.M)
# A line whose indentation holds an ideographic space (U+3000).
_IDEOGRAPHIC_INDENT = re.compile(r"^( *)　", re.M)


def line_problems(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, Chinese, English) for each line a full-width colon or space breaks.

    Only where YAML cannot mean them: a colon right after an ASCII field name, a U+3000
    in the indentation. Both are cheap to look for in the whole text at once."""
    found: list[tuple[int, int, str, str]] = []
    if "：" in text:
        for match in _FULLWIDTH_COLON_KEY.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            column = match.end() - match.start()
            key = match.group(2)
            found.append((line, column,
                          f"“{key}”后面的冒号是全角“：”，请改为半角（英文）冒号“:”加一个空格：写成 {key}: …",
                          f"the colon after '{key}' is the full-width '：' (U+FF1A): type the ASCII "
                          f"colon ':' and a space: write {key}: …"))
    if "　" in text:
        for match in _IDEOGRAPHIC_INDENT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, len(match.group(1)) + 1,
                          "缩进里有全角空格“　”（U+3000），请删去，改用半角（英文）空格缩进",
                          "the indentation holds an ideographic space (U+3000): indent with ASCII spaces"))
    return sorted(found)


def nearest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The valid ids closest to an unknown one: the one it equals but for full-width forms,
    quotes or brackets, else the closest spellings."""
    candidates = list(known)
    cleaned = fold(value).strip("\"'() ")
    same = [c for c in candidates if fold(c) == cleaned]
    if same:
        return same[:n]
    # Only spelling is guessed: an id that differs in its digits alone (a code, 2025-zg-01
    # for 2025-zg-99) is another record, and naming it would mislead.
    letters = re.sub(r"\d", "", cleaned)
    close = difflib.get_close_matches(cleaned, candidates, n=n * 3, cutoff=0.6)
    return [c for c in close if re.sub(r"\d", "", c) != letters][:n]


def suggestion(value: str, known: Iterable[str]) -> tuple[str, str]:
    """"；您是否要写 scjgj？" (after naming any full-width form the value holds), or ("", "")."""
    hint = fullwidth_hint(value)
    near = nearest(value, known)
    zh = en = ""
    if hint:
        zh, en = f"；{hint[0]}", f"; {hint[1]}"
    if near and not (hint and near == [fold(value).strip("\"'() ")]):
        zh += "；您是否要写 " + "、".join(near) + "？"
        en += "; did you mean " + ", ".join(near) + "?"
    return zh, en


def same_file_hint(relative: str, files: Iterable[str]) -> tuple[str, str]:
    """A file name that differs from an existing one only in full- or half-width forms
    (申请表(空表).txt for 申请表（空表）.txt): name the file that is there."""
    there = [f for f in files if fold(f) == fold(relative) and f != relative]
    if not there:
        return "", ""
    return (f"；files/ 下有 “{there[0]}”，与所写的只差全角或半角字符（如“（”与“(”），请照实际文件名写",
            f"; files/ holds '{there[0]}', which differs only in full- or half-width characters "
            "(such as '（' and '('): write the name as it is")


def slug_problem(value: str) -> tuple[str, str]:
    """An id (department, model text, edition) that is not lower-case ASCII."""
    hint = fullwidth_hint(value)
    if hint:
        return hint
    if value.lower() != value and re.fullmatch(r"[A-Za-z0-9-]+", value):
        return (f"标识只能用小写字母：写成 {value.lower()}", f"ids are lower case: write {value.lower()}")
    return ("标识只能用小写英文字母、数字和连字符 -，并以字母或数字开头（如 scjgj）",
            "an id holds only lower-case ASCII letters, digits and hyphens, starting with a letter or digit "
            "(such as scjgj)")


_TIME_LIMIT = re.compile(r"^\s*(\d+|[０-９]+)\s*个?\s*(工作日|自然日|天)\s*$")


def mapping_problem(value: str, fields: dict[str, str]) -> tuple[str, str]:
    """A single value where fields are wanted (`promised_time_limit: 5个工作日`): say which
    fields to write, with the exact line where the value can be read."""
    found = _TIME_LIMIT.match(value) if {"value", "unit"} <= set(fields) else None
    if found:
        days = fold(found.group(1))
        unit = "自然日" if found.group(2) == "自然日" else "工作日"
        return (f"时限须把天数和单位分开写：写成 {{value: {days}, unit: {unit}}}",
                f"a time limit gives the number and the unit apart: write {{value: {days}, unit: {unit}}}")
    listed = "、".join(f"{name}（{title}）" for name, title in fields.items())
    return (f"这里不是一段文字，而是几个字段，请分行写出：{listed}",
            f"this is not one value but several fields; write each on its own line: {', '.join(fields)}")
