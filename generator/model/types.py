"""Field types shared by every content schema.

The YAML reader hands every scalar over as the text that was typed; an unquoted
scalar that YAML would type as a number, boolean, date or null arrives as an
`Unquoted` string. These types decide what each kind of field accepts.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic_core import PydanticCustomError, core_schema

from generator.characters import bad_character_message, first_bad_character
from generator.load.yaml_source import Unquoted
from generator.model.links import link_problem
from generator.model.markdown_limits import markdown_problem


class Record(BaseModel):
    """Base of every content schema: unknown fields are errors, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    def model_post_init(self, context: Any, /) -> None:
        # Pydantic gives every instance its own set of the fields it was given: at 15,000
        # guides those sets were 45 % of the content's memory (a 20-name set is 2 KB). The
        # records are frozen, so nothing adds to a set after validation, and equal sets
        # can be one object (model_copy copies the set before updating it).
        fields_set = self.__pydantic_fields_set__
        key = frozenset(fields_set)
        shared = _FIELDS_SETS.get(key)
        if shared is None:
            _FIELDS_SETS[key] = fields_set
        else:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


# Every distinct fields set seen, by value (a few hundred at most: one per combination of
# optional fields a schema allows and the content uses).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _text(value: Any) -> Any:
    if isinstance(value, Unquoted):
        raise PydanticCustomError(
            "quote_needed",
            "“{text}” 未加引号，YAML 会把它当成{kind}：请写成 \"{text}\" / "
            "'{text}' is unquoted and YAML would read it as {kind_en}: write it as \"{text}\"",
            {
                "text": str(value),
                "kind": {"int": "数字", "float": "数字", "bool": "是/否", "date": "日期", "null": "空值"}[
                    value.kind
                ],
                "kind_en": {"int": "a number", "float": "a number", "bool": "a boolean",
                            "date": "a date", "null": "null"}[value.kind],
            },
        )
    return value


# Clerks write 是/否 as naturally as true/false: each yes word beside its no word.
YES_NO_WORDS: tuple[tuple[str, str], ...] = (("是", "否"), ("需要", "不需要"), ("必要", "非必要"))


def _boolean(value: Any) -> Any:
    for yes, no in YES_NO_WORDS:
        if value == yes:
            return True
        if value == no:
            return False
    return value


def _date(value: Any) -> Any:
    # YAML dates like 2024-1-5 are dates to a clerk; give pydantic the ISO form.
    if isinstance(value, str) and value.count("-") == 2:
        parts = value.split("-")
        if all(p.isdigit() for p in parts) and len(parts[0]) == 4:
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError as exc:
                raise PydanticCustomError(
                    "not_a_real_date",
                    "“{text}” 不是真实存在的日期 / '{text}' is not a real date",
                    {"text": value},
                ) from exc
    return value


def _characters(single_line: bool):
    """The character rule (model/characters) as a validator: the message names the character."""
    def check(value: str) -> str:
        bad = first_bad_character(value, single_line=single_line)
        if bad is not None:
            zh, en = bad_character_message(bad)
            raise PydanticCustomError("bad_character", "{zh} / {en}", {"zh": zh, "en": en})
        return value
    return AfterValidator(check)


def _link(value: str) -> str:
    problem = link_problem(value)
    if problem is not None:
        raise PydanticCustomError("bad_link", "{zh} / {en}", {"zh": problem[0], "en": problem[1]})
    return value


Text = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1), _characters(single_line=False)]
"""Any text a clerk types: descriptions, facts, conditions. Must be quoted if YAML would type it;
line breaks and tabs are allowed, control characters, noncharacters and bidi overrides are not."""

def _markdown(value: str) -> str:
    problem = markdown_problem(value)
    if problem is not None:
        raise PydanticCustomError("markdown_limit", "{zh} / {en}", {"zh": problem[0], "en": problem[1]})
    return value


MarkdownText = Annotated[Text, AfterValidator(_markdown)]
"""A text rendered as Markdown: bounded in length, brackets and nesting (model/markdown_limits)."""

Name = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1), _characters(single_line=True)]
"""A name or title: one line. It goes into CODEOWNERS, scaffolds, terminal lines and page titles."""

Code = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1, max_length=64),
                 _characters(single_line=True)]
"""A code (item code, service item code, ids). Its shape is checked against configured patterns."""

# The shapes of an id and of a link; schema_check says them in words (clerk_hints).
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,47}$"
Slug = Annotated[
    str,
    BeforeValidator(_text),
    StringConstraints(pattern=SLUG_PATTERN),
]
"""An ASCII identifier used in URLs and file names (lower case letters, digits, hyphens)."""

class PartialDate:
    """A date as precise as the source gives it: to the day (2024-10-28) or to the month (2017-03).

    Real bulletins date many facts only to the month; turning 2017年3月 into 2017-03-01
    would state a day nobody published. Ordering treats a month as before its days.
    """

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int, day: int | None = None):
        dt.date(year, month, day or 1)  # raises ValueError for 2024-02-30 or month 13
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "day", day)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("PartialDate is immutable")

    @property
    def precise(self) -> bool:
        return self.day is not None

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()})"

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day it can mean (deadlines counted from it never run out early)."""
        if self.day:
            return self.earliest
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day or 0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and other._key() == self._key()

    # Against a plain date too (a case's month before its bulletin's day), by the same order.
    def __lt__(self, other: PartialDate | dt.date) -> bool:
        return self._key() < _order_key(other)

    def __le__(self, other: PartialDate | dt.date) -> bool:
        return self._key() <= _order_key(other)

    def __gt__(self, other: PartialDate | dt.date) -> bool:
        return self._key() > _order_key(other)

    def __ge__(self, other: PartialDate | dt.date) -> bool:
        return self._key() >= _order_key(other)

    def __hash__(self) -> int:
        return hash(self._key())


def _order_key(value: PartialDate | dt.date) -> tuple[int, int, int]:
    if isinstance(value, PartialDate):
        return value._key()
    return (value.year, value.month, value.day)


def _partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = str(value).strip() if isinstance(value, str) else None
    parts = text.replace("年", "-").replace("月", "-").replace("日", "").strip("-").split("-") if text else []
    if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        try:
            return PartialDate(*(int(p) for p in parts))
        except ValueError:
            pass
    raise PydanticCustomError(
        "partial_date",
        "须是日期，如 2024-10-28，或只到月份，如 2017-03 / must be a date such as 2024-10-28, "
        "or a month such as 2017-03 (got {text})",
        {"text": str(value)},
    )


class _PartialDateSchema:
    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            _partial_date, serialization=core_schema.plain_serializer_function_ser_schema(str))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"type": "string", "pattern": r"^\d{4}-\d{1,2}(-\d{1,2})?$",
                "description": "日期，如 2024-10-28；来源只写到月份时写 2017-03"}


When = Annotated[PartialDate, _PartialDateSchema()]
"""A date to the day or to the month, as the source gives it."""

Flag = Annotated[bool, BeforeValidator(_boolean)]
def _plausible_year(value: dt.date) -> dt.date:
    # Deadlines add days to these dates and count working days between them: year 9999
    # overflowed, year 1 made the calendar walk two thousand years.
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "implausible_date", "日期须在 {first} 年至 {last} 年之间（现为 {value}） / "
            "a date must lie between {first} and {last} (got {value})",
            {"first": FIRST_YEAR, "last": LAST_YEAR, "value": value.isoformat()})
    return value


FIRST_YEAR, LAST_YEAR = 1949, 2100
Day = Annotated[dt.date, BeforeValidator(_date), AfterValidator(_plausible_year)]
Count = Annotated[int, Field(ge=0, le=100000)]
PositiveCount = Annotated[int, Field(ge=1, le=100000)]
Url = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1), AfterValidator(_link),
                # For editors only (content/schemas): the start of a link the rule accepts.
                Field(json_schema_extra={"pattern": r"^(https?://[^/\s@]|/(?![/\\]))\S*$"})]
"""An http(s) link or a path inside the site (model/links); `javascript:`, `//host` and `/../` never pass."""


# How a number of days is counted: time limits in guides, the complaint deadline in site.yaml.
# (A comment, not a docstring: a docstring would become the editors' schema description.)
class DayUnit(StrEnum):
    WORKING = "工作日"
    CALENDAR = "自然日"


NOT_STATED_WORD = "未注明"


class NotStated:
    """A field the source leaves blank: written `未注明`, or `{未注明: "why"}` with a note.

    It is a value of its own, never a default in disguise: pages show 未注明 (and the
    note), the data-quality page counts it, and nothing computes with it. It reads as
    the text 未注明 wherever a page prints the field.
    """

    __slots__ = ("note",)

    def __init__(self, note: str | None = None):
        object.__setattr__(self, "note", note)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("NotStated is immutable")

    def __str__(self) -> str:
        return NOT_STATED_WORD

    def __repr__(self) -> str:
        return f"NotStated({self.note!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotStated) and other.note == self.note

    def __hash__(self) -> int:
        return hash((NotStated, self.note))


NOT_STATED = NotStated()


def is_stated(value: Any) -> bool:
    """False for a field recorded as 未注明 (or left out where leaving out means not stated)."""
    return not isinstance(value, NotStated)


def listed(value: Any) -> list:
    """A list field's entries; none when the list is recorded as 未注明."""
    return [] if isinstance(value, NotStated) else list(value)


def _not_stated_from(value: Any) -> NotStated | None:
    if isinstance(value, NotStated):
        return value
    if isinstance(value, str) and value.strip() == NOT_STATED_WORD:
        return NotStated()
    if isinstance(value, dict) and list(value) == [NOT_STATED_WORD]:
        note = value[NOT_STATED_WORD]
        if note is None or (isinstance(note, str) and not isinstance(note, Unquoted) and note.strip()):
            return NotStated(note)
        raise PydanticCustomError(
            "not_stated_note",
            "未注明 的说明须是文字，如 {{未注明: \"原文无此栏\"}} / the note of 未注明 must be text",
        )
    return None


class _MayBeNotStated:
    """Annotation marker: the field also accepts 未注明 (see `Stated`)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        inner = handler(source)

        def validate(value: Any, validate_inner: Any) -> Any:
            found = _not_stated_from(value)
            return found if found is not None else validate_inner(value)

        def serialize(value: Any, serialize_inner: Any) -> Any:
            if isinstance(value, NotStated):
                return {NOT_STATED_WORD: value.note} if value.note else NOT_STATED_WORD
            return serialize_inner(value)

        return core_schema.no_info_wrap_validator_function(
            validate, inner,
            serialization=core_schema.wrap_serializer_function_ser_schema(serialize, schema=inner),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"anyOf": [handler(schema), *NOT_STATED_JSON_SCHEMA]}


NOT_STATED_JSON_SCHEMA = [
    {"const": NOT_STATED_WORD, "title": "未注明", "description": "来源未写明此项"},
    {"type": "object", "title": "未注明（附说明）", "properties": {NOT_STATED_WORD: {"type": "string"}},
     "required": [NOT_STATED_WORD], "additionalProperties": False},
]


class _StatedFactory:
    """`Stated[Text]`: a field a real source may leave blank, so it also takes 未注明."""

    def __getitem__(self, kind: Any) -> Any:
        return Annotated[kind, _MayBeNotStated()]


Stated = _StatedFactory()


def accepts_not_stated(field: Any) -> bool:
    """Whether a field (a pydantic FieldInfo) also takes 未注明."""
    stack = [*getattr(field, "metadata", ()), getattr(field, "annotation", None)]
    while stack:
        part = stack.pop()
        if isinstance(part, _MayBeNotStated):
            return True
        stack.extend(getattr(part, "__metadata__", ()))
        stack.extend(get_args(part))
    return False


def label(title: str, description: str | None = None, **kwargs: Any) -> Any:
    """A field with its Chinese label (shown in editors and in error messages)."""
    return Field(title=title, description=description or title, **kwargs)
