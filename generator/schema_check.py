"""One read document + its schema -> a typed object, or problems in plain Chinese and English.

Takes a `SourceDocument` and a pydantic model class; gives the validated object (or
None) and a `Problem` for every schema error, located at the field's line and column.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yaml_source import SourceDocument, Unquoted

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
    "enum": ("必须是以下之一：{expected}", "must be one of: {expected}"),
    "literal_error": ("必须是以下之一：{expected}", "must be one of: {expected}"),
    "list_type": ("必须是列表（每行以 - 开头）", "must be a list (lines starting with -)"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} entries"),
    "too_long": ("最多 {max_length} 项", "at most {max_length} entries"),
    "model_type": ("必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    "model_attributes_type": ("必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    "dict_type": ("必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    "frozen_instance": ("不能修改", "cannot be changed"),
}


def _field_title(model: type[BaseModel], loc: tuple) -> str | None:
    """The Chinese label of the field at `loc`, walking nested models and lists."""
    current: Any = model
    title = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        info = fields[part]
        title = info.title
        current = _inner_model(info.annotation)
    return title


def _inner_model(annotation: Any) -> Any:
    """`list[Material] | None` -> Material, so the walk can go on."""
    stack = [annotation]
    while stack:
        candidate = stack.pop()
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
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


def _message(error: dict, value: Any) -> tuple[str, str]:
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    if kind in ("string_type",) and isinstance(value, (int, float, bool)):
        kind = "string_type"
    if kind in _MESSAGES:
        zh, en = _MESSAGES[kind]
        try:
            zh, en = zh.format(**ctx), en.format(**ctx)
        except (KeyError, IndexError):
            pass
    else:
        # Our own validators raise "中文 / English"; anything else keeps pydantic's words.
        text = error["msg"]
        zh, _, en = text.partition(" / ")
        if not en:
            zh, en = f"无效：{text}", text
    if value is not None and kind not in ("missing", "extra_forbidden", "model_type", "list_type"):
        shown = str(value) if isinstance(value, str) else None
        if shown is not None and len(shown) <= 40 and "{text}" not in error.get("msg", "") \
                and not isinstance(value, Unquoted) and kind != "quote_needed":
            zh += f"（现为 “{shown}”）"
            en += f" (got \"{shown}\")"
    return zh, en


def check_schema(
    doc: SourceDocument, model: type[BaseModel]
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate the document against `model`. All errors of the file come back at once."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            value = _value_at(doc.data, loc)
            zh, en = _message(error, value)
            title = _field_title(model, loc)
            if title:
                zh = f"{title}：{zh}"
            problems.append(doc.problem(loc, zh, en, key=error["type"] == "extra_forbidden"))
        return None, problems
