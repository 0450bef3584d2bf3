"""Field types shared by every content schema.

The YAML reader hands every scalar over as the text that was typed; an unquoted
scalar that YAML would type as a number, boolean, date or null arrives as an
`Unquoted` string. These types decide what each kind of field accepts.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.load.yaml_source import Unquoted


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


Text = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1)]
"""Any text a clerk types: names, descriptions, codes. Must be quoted if YAML would type it."""

Code = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1, max_length=64)]
"""A code (item code, service item code, ids). Its shape is checked against configured patterns."""

# The shapes of an id and of a link; schema_check says them in words (clerk_hints).
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,47}$"
URL_PATTERN = r"^(https?://[^\s<>\"']+|/[^\s<>\"']*)$"
Slug = Annotated[
    str,
    BeforeValidator(_text),
    StringConstraints(pattern=SLUG_PATTERN),
]
"""An ASCII identifier used in URLs and file names (lower case letters, digits, hyphens)."""

Flag = Annotated[bool, BeforeValidator(_boolean)]
Day = Annotated[dt.date, BeforeValidator(_date)]
Count = Annotated[int, Field(ge=0, le=100000)]
PositiveCount = Annotated[int, Field(ge=1, le=100000)]
Url = Annotated[
    str,
    BeforeValidator(_text),
    StringConstraints(pattern=URL_PATTERN),
]
"""An http(s) link or a site-absolute path; `javascript:` and friends never pass."""


# How a number of days is counted: time limits in guides, the complaint deadline in site.yaml.
# (A comment, not a docstring: a docstring would become the editors' schema description.)
class DayUnit(StrEnum):
    WORKING = "工作日"
    CALENDAR = "自然日"


def label(title: str, description: str | None = None, **kwargs: Any) -> Any:
    """A field with its Chinese label (shown in editors and in error messages)."""
    return Field(title=title, description=description or title, **kwargs)
