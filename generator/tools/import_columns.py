"""What each column of the two published tables fills, and how one cell is read.

Takes a cell's text and the configured code shapes; gives the field's value or a
`BadCell` with the reason in Chinese and English. `LIST_COLUMNS` and `MAPPING_COLUMNS`
are the one place that says which column fills which field of the content model: when
the model changes, this table is what changes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator import model as m
from generator.model.service_items import Level
from generator.tools.yaml_out import NOT_STATED_WORD


class BadCell(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass(frozen=True, slots=True)
class Rules:
    """What reading a cell needs from site_config: the configured shapes of codes."""

    list_item: re.Pattern
    basic_code: re.Pattern
    implementation_code: re.Pattern


# --- reading one cell ------------------------------------------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_STAR = "★"


def _text(text: str, rules: Rules) -> str:
    return text


def _number(text: str, rules: Rules) -> int:
    if not text.isdigit() or not text.isascii() or int(text) < 1:
        raise BadCell(f"项目号 “{text}” 须为正整数", f"item number '{text}' must be a positive whole number")
    return int(text)


def _shaped(pattern: str, what_zh: str, what_en: str) -> Callable[[str, Rules], str]:
    def parse(text: str, rules: Rules) -> str:
        regex = getattr(rules, pattern)
        if not regex.match(text):
            raise BadCell(f"{what_zh} “{text}” 格式不正确（应匹配 {regex.pattern}）",
                          f"{what_en} '{text}' has the wrong shape (must match {regex.pattern})")
        return text
    return parse


def numbered(text: str) -> list[tuple[str, bool]]:
    """A cell's text -> its entries and whether each is marked ★.

    Measures numbered ①②③ in one cell are one entry each (only when the numbers run
    ①, ②, ③… from the start of the cell); a line starting with ★ starts an entry. A
    line break alone does not: published text wraps long measures.
    """
    marks = [i for i, ch in enumerate(text) if ch in _CIRCLED]
    pieces = [text]
    if marks and not text[: marks[0]].strip().strip(_STAR) \
            and [_CIRCLED.index(text[i]) for i in marks] == list(range(len(marks))):
        # A ★ written just before a number marks the entry that number starts.
        starts = [0] + [i - 1 if text[i - 1] == _STAR else i for i in marks[1:]]
        pieces = [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
    out = []
    for piece in pieces:
        for part in re.split(r"\n(?=\s*★)", piece):
            star = False
            part = part.strip()
            while part and (part[0] in _CIRCLED or part[0] == _STAR):
                star = star or part[0] == _STAR
                part = part[1:].strip()
            if len(pieces) > 1:
                part = part.rstrip("；;").strip()  # the separator between numbered entries
            if part:
                out.append((part, star))
    return out


def _measures(text: str, rules: Rules) -> list[dict]:
    return [{"text": part, "star": True} if star else {"text": part} for part, star in numbered(text)]


def _texts(text: str, rules: Rules) -> list[str]:
    return [part for part, _ in numbered(text)]


def _names(text: str, rules: Rules) -> list[str]:
    """主管部门: names split at 、，；, line breaks or spaces (a body's name has none)."""
    out: list[str] = []
    for name in re.split(r"[、，,；;\s]+", text):
        if name and name not in out:
            out.append(name)
    return out


def parse_category(text: str, rules: Rules) -> str:
    found = [c.value for c in m.Category if c.value in text]
    if len(found) != 1:
        shown = re.sub(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*", "", text)
        raise BadCell(f"不认识的类别 “{shown}”：应为 禁止准入类 或 许可准入类",
                      f"unknown category '{shown}': must be 禁止准入类 or 许可准入类")
    return found[0]


def _service_code(text: str, rules: Rules) -> dict:
    """政务服务事项编码: a basic code, or an implementation code (GB/T 39046-2020: the 18-character
    credit code of the implementing body, the level digit, then the 12-character basic code)."""
    if rules.basic_code.match(text):
        return {"basic_code": text}
    if rules.implementation_code.match(text):
        out = {"implementation_code": text}
        if rules.basic_code.match(text[-12:]):
            out["basic_code"] = text[-12:]
        return out
    raise BadCell(
        f"政务服务事项编码 “{text}” 格式不正确：既不是基本编码（应匹配 {rules.basic_code.pattern}），"
        f"也不是实施编码（应匹配 {rules.implementation_code.pattern}）",
        f"service item code '{text}' has the wrong shape: neither a basic code (must match "
        f"{rules.basic_code.pattern}) nor an implementation code (must match {rules.implementation_code.pattern})")


def _level(text: str, rules: Rules) -> str:
    # GB/T 39046-2020 Table A.2 numbers the levels 1-7 in the order of the model's Level.
    for number, level in enumerate(Level, start=1):
        if text in (level.value, level.name, str(number)):
            return level.value
    allowed = "、".join(level.value for level in Level)
    raise BadCell(f"不认识的行使层级 “{text}”：应为 {allowed} 之一（或代码 1-7）",
                  f"unknown level '{text}': must be one of {allowed} (or its code 1-7)")


def _item_type(text: str, rules: Rules) -> str:
    for kind in m.ItemType:
        if text in (kind.value, kind.name) or (text.isdigit() and text.zfill(2) == kind.value):
            return kind.value
    raise BadCell(f"不认识的事项类型 “{text}”", f"unknown service item type '{text}'")


# --- what each column fills ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # as the published table names it
    field: str | None  # the YAML field it fills; None: read only to be shown back in messages
    parse: Callable[[str, Rules], object]
    aliases: tuple[str, ...] = ()
    required: bool | None = None  # None: the column must be there when the model requires its field
    repeats: bool = False  # each row of an entry adds to the field (a measure a row)
    # The measure's own field this column fills when the sheet gives one row a measure (and the
    # content model has that field): the source then states it per measure, not per item.
    per_measure: str | None = None


LIST_COLUMNS: tuple[Column, ...] = (
    Column("项目号", "number", _number),
    Column("禁止或许可事项", "name", _text),
    Column("事项编码", "code", _shaped("list_item", "事项编码", "item code"), aliases=("清单事项编码",)),
    Column("禁止或许可准入措施描述", "measures", _measures, aliases=("禁止或许可准入措施",), repeats=True),
    Column("主管部门", "authorities", _names, repeats=True, per_measure="authority"),
    Column("地方性许可事项", "local_measures", _texts, aliases=("地方性许可措施",), repeats=True),
    # Real sheets give these as heading rows (一、禁止准入类 / （一）农、林、牧、渔业); a column also works.
    Column("类别", "category", parse_category, required=False),
    Column("行业", "sector", _text, required=False),
)
# The cells that say which item a row belongs to (the others add to the item row by row).
LIST_KEYS = ("number", "name", "code")

MAPPING_COLUMNS: tuple[Column, ...] = (
    Column("禁止或许可事项", None, _text),
    Column("负面清单事项编码", "list_items", _shaped("list_item", "负面清单事项编码", "list item code"),
           aliases=("清单事项编码", "事项编码"), required=True, repeats=True),
    Column("禁止或许可准入措施描述", None, _text),
    Column("政务服务事项名称", "name", _text),
    Column("政务服务事项编码", "service_code", _service_code, required=True),
    Column("行使层级", "level", _level),
    Column("事项类型", "type", _item_type, required=False),
)


@dataclass(frozen=True, slots=True)
class Kind:
    columns: tuple[Column, ...]
    model: type[BaseModel]  # one entry
    file_model: type[BaseModel]  # the whole file
    list_key: str  # the file's list field
    key: str  # the field entries are merged by
    also: tuple[str, ...] = ()  # other fields that name an entry just as well
    fallback: str | None = None  # names an entry that has no code (matched among entries with none)


LIST = Kind(LIST_COLUMNS, m.ListItem, m.EditionFile, "items", "code", fallback="name")
MAPPING = Kind(MAPPING_COLUMNS, m.ServiceItem, m.ServiceItemsFile, "service_items", "basic_code",
               also=("implementation_code",))


def normal_header(header: str) -> str:
    return re.sub(r"\s+", "", header)


def required_column(kind: Kind, column: Column) -> bool:
    """Whether the sheet must have the column: the model requires its field, and has no 未注明 for it."""
    if column.required is not None:
        return column.required
    info = kind.model.model_fields.get(column.field or "")
    return info is not None and info.is_required() and not takes_not_stated(kind.model, column.field)


@functools.cache
def takes_not_stated(model: type[BaseModel], name: str) -> bool:
    """Whether the model's field accepts 未注明 as a value of its own (not as plain text)."""
    info = model.model_fields[name]
    try:
        kind = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        value = TypeAdapter(kind).validate_python(NOT_STATED_WORD)
    except ValidationError:
        return False
    return not isinstance(value, str)


def is_not_stated(value: object) -> bool:
    """未注明, or {未注明: note}, as a file holds it."""
    return value == NOT_STATED_WORD or (isinstance(value, dict) and list(value) == [NOT_STATED_WORD])
