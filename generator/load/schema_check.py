"""One read document + its schema -> a typed object, or problems in plain Chinese and English.

Takes a `SourceDocument` and a pydantic model class; gives the validated object (or
None) and a `Problem` for every schema error, located at the field's line and column.
"""

from __future__ import annotations

import difflib
from enum import Enum
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from generator.load.clerk_hints import fullwidth_hint, mapping_problem, slug_problem
from generator.load.yaml_source import SourceDocument
from generator.model.types import NOT_STATED_WORD, SLUG_PATTERN, accepts_not_stated
from generator.problems import Problem

# pydantic error type -> (Chinese, English) message; {…} fields come from the error context.
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("缺少必填字段", "required field is missing"),
    "extra_forbidden": ("未知字段（是否拼写错误？）", "unknown field (a typo?)"),
    "string_type": ("必须是文字", "must be text"),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_too_long": ("太长（最多 {max_length} 个字符）", "too long (at most {max_length} characters)"),
    "string_pattern_mismatch": ("格式不正确（应匹配 {pattern}）", "has the wrong shape (must match {pattern})"),
    "int_type": ("必须是整数", "must be a whole number"),
    "int_parsing": ("必须是整数", "must be a whole number"),
    "int_from_float": ("必须是整数", "must be a whole number"),
    "greater_than_equal": ("必须不小于 {ge}", "must be at least {ge}"),
    "less_than_equal": ("必须不大于 {le}", "must be at most {le}"),
    "bool_type": ("必须是 是/否（true/false）", "must be yes or no (true/false)"),
    "bool_parsing": ("必须是 是/否（true/false）", "must be yes or no (true/false)"),
    "date_type": ("必须是日期，如 2025-04-24", "must be a date such as 2025-04-24"),
    "date_parsing": ("必须是日期，如 2025-04-24", "must be a date such as 2025-04-24"),
    "date_from_datetime_parsing": ("必须是日期，如 2025-04-24", "must be a date such as 2025-04-24"),
    "date_from_datetime_inexact": ("只写日期，不写时间", "write a date only, without a time"),
    "enum": ("必须是以下之一：{expected_zh}", "must be one of: {expected_en}"),
    "literal_error": ("必须是以下之一：{expected_zh}", "must be one of: {expected_en}"),
    "list_type": ("必须是列表（每行以 - 开头）", "must be a list (lines starting with -)"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} item(s)"),
    "too_long": ("最多 {max_length} 项", "at most {max_length} entries"),
    "model_type": ("必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    "model_attributes_type": ("必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    "dict_type": ("必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    "frozen_instance": ("不能修改", "cannot be changed"),
}
_INT_ERRORS = frozenset({"int_type", "int_parsing", "int_from_float"})
# Errors about the shape of the value, where echoing the value back helps nobody.
_NO_ECHO = frozenset({"missing", "extra_forbidden", "model_type", "model_attributes_type", "dict_type",
                      "list_type"})


def _field_info(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """The field at `loc`, walking nested models and lists; None for an unknown field."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        info = fields[part]
        current = _inner(info.annotation, BaseModel)
    return info


def _fields_around(model: type[BaseModel], loc: tuple) -> dict[str, FieldInfo]:
    """The fields of the record that holds `loc`."""
    parent = model if not any(isinstance(p, str) for p in loc[:-1]) else \
        _inner(getattr(_field_info(model, loc[:-1]), "annotation", None), BaseModel)
    return getattr(parent, "model_fields", {})


def _guess(model: type[BaseModel], loc: tuple) -> str | None:
    """The field an unknown key most likely meant, if any is close."""
    fields = _fields_around(model, loc)
    guess = difflib.get_close_matches(str(loc[-1]), list(fields), n=1, cutoff=0.6)
    return guess[0] if guess else None


def _unknown_field(model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """"Unknown field", naming the field that was probably meant (a typo must not pass silently)."""
    fields = _fields_around(model, loc)
    guess = _guess(model, loc)
    if guess:
        return (f"未知字段 “{loc[-1]}”：是否应为 “{guess}”（{fields[guess].title}）？",
                f"unknown field '{loc[-1]}': did you mean '{guess}'?")
    names = "、".join(fields)
    return (f"未知字段 “{loc[-1]}”（是否拼写错误？本处可用的字段：{names}）",
            f"unknown field '{loc[-1]}' (a typo? the fields here are: {', '.join(fields)})")


def _inner(annotation: Any, base: type) -> Any:
    """`list[Material] | None` -> Material: the first subclass of `base` inside a type."""
    stack = [annotation]
    while stack:
        candidate = stack.pop()
        if isinstance(candidate, type) and issubclass(candidate, base):
            return candidate
        stack.extend(get_args(candidate))
    return None


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _minimum(info: FieldInfo | None) -> int | None:
    for constraint in info.metadata if info else ():
        if getattr(constraint, "ge", None) is not None:
            return constraint.ge
    return None


def _message(error: dict, value: Any, info: FieldInfo | None, null_text: str | None) -> tuple[str, str]:
    """(Chinese, English) for one pydantic error; the field's label is added by the caller."""
    kind = error["type"]
    if kind == "too_short" and isinstance(error.get("input"), str):
        # pydantic reports a string shorter than its StringConstraints as "too_short" (as for
        # a list) once a BeforeValidator runs first: an empty text is "must not be empty".
        kind = "string_too_short"
    if value is None and kind not in ("missing", "extra_forbidden") and "input" in error \
            and error["input"] is None:
        # Written but empty, or a bare ~ / null, which YAML reads as "nothing".
        if null_text:
            return (f"不能为空（{null_text} 在 YAML 中表示空值；如果要写这段文字，请加引号：\"{null_text}\"）",
                    f"must not be empty ({null_text} means null in YAML; to write it as text, "
                    f"quote it: \"{null_text}\")")
        return "不能为空", "must not be empty"
    words = _in_words(kind, error, value, info)
    if words is not None:
        zh, en = words
    elif kind in _INT_ERRORS and _minimum(info) == 1:
        zh, en = "必须是正整数（阿拉伯数字，如 1）", "must be a positive whole number such as 1"
    elif kind in _MESSAGES:
        ctx = dict(error.get("ctx") or {})
        enum = _inner(info.annotation, Enum) if info else None
        if enum is not None:
            values = [member.value for member in enum] + ([NOT_STATED_WORD] if accepts_not_stated(info) else [])
            ctx["expected_zh"] = "、".join(values)
            ctx["expected_en"] = ", ".join(values)
        else:
            ctx.setdefault("expected_zh", ctx.get("expected", ""))
            ctx.setdefault("expected_en", ctx.get("expected", ""))
        zh, en = _MESSAGES[kind]
        zh, en = zh.format(**ctx), en.format(**ctx)
    else:
        # Our own validators raise "中文 / English" and quote the value themselves.
        zh, _, en = error["msg"].partition(" / ")
        if not en:
            zh, en = f"无效：{error['msg']}", error["msg"]
        return zh, en
    if isinstance(value, str) and value and kind not in _NO_ECHO and len(value) <= 40:
        zh += f"（现为 “{value}”）"
        en += f" (got \"{value}\")"
    if kind in _INT_ERRORS and isinstance(value, str) and (hint := fullwidth_hint(value)):
        zh, en = f"{zh}：{hint[0]}", f"{en}: {hint[1]}"
    return zh, en


def _in_words(kind: str, error: dict, value: Any, info: FieldInfo | None) -> tuple[str, str] | None:
    """Messages that say what to type instead of quoting a regular expression or a type."""
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        pattern = (error.get("ctx") or {}).get("pattern")
        if pattern == SLUG_PATTERN:
            return slug_problem(value)
    if kind in ("model_type", "model_attributes_type") and isinstance(value, str) and info is not None:
        record = _inner(info.annotation, BaseModel)
        if record is not None:
            return mapping_problem(value, {name: f.title or name for name, f in record.model_fields.items()})
    return None


def check_schema(
    doc: SourceDocument, model: type[BaseModel]
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate the document against `model`. All errors of the file come back at once."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        # A typo gives "unknown field x: did you mean y?"; "y is missing" would say it twice.
        meant = {(*error["loc"][:-1], guess) for error in errors if error["type"] == "extra_forbidden"
                 for guess in [_guess(model, tuple(error["loc"]))] if guess}
        for error in errors:
            loc = tuple(error["loc"])
            if loc in meant and error["type"] == "missing" or \
                    any(loc[: len(path)] == path for path in doc.rejected):
                continue
            info = _field_info(model, loc)
            if error["type"] == "extra_forbidden":
                zh, en = _unknown_field(model, loc)
            else:
                zh, en = _message(error, _value_at(doc.data, loc), info, doc.null_texts.get(loc))
            if info is not None and info.title and error["type"] != "extra_forbidden":
                zh = f"{info.title}：{zh}"
            problems.append(doc.problem(loc, zh, en, key=error["type"] == "extra_forbidden"))
        return None, problems
