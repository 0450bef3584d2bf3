"""Code shapes: list item codes, basic codes and implementation codes against the
patterns configured in site.yaml (provinces differ, so the shapes are configuration).

`compile_patterns` takes the site configuration; gives the compiled patterns, or the
problem of an invalid one (then nothing else is checked: every code would fail).
`problems` takes `Located` and the patterns; gives one ERROR per misshapen code.
"""

from __future__ import annotations

import re

from generator.model.types import NotStated
from generator.problems import Problem
from generator.validate.located import At, Located

PATTERN_FIELDS = ("list_item", "basic_code", "implementation_code", "handling_code")


def compile_patterns(site_at: At) -> tuple[dict[str, re.Pattern] | None, list[Problem]]:
    patterns = {}
    for name in PATTERN_FIELDS:
        try:
            patterns[name] = re.compile(getattr(site_at.value.code_patterns, name))
        except re.error as exc:
            return None, [site_at.problem(("code_patterns", name), f"正则表达式无效：{exc}",
                                          f"invalid regular expression: {exc}")]
    return patterns, []


def _shape(entry: At, field: str | tuple, regex: re.Pattern, what_zh: str, what_en: str) -> list[Problem]:
    value = entry.value
    for part in (field,) if isinstance(field, str) else field:
        value = getattr(value, part) if value is not None else None
    if value is None or isinstance(value, NotStated) or regex.match(value):  # 未注明 has no shape
        return []
    return [entry.problem(
        field,
        f"{what_zh} “{value}” 格式不正确（应匹配 {regex.pattern}）",
        f"{what_en} '{value}' has the wrong shape (must match {regex.pattern})",
    )]


def problems(located: Located, patterns: dict[str, re.Pattern]) -> list[Problem]:
    out = []
    for items in located.items.values():
        for item in items:
            out += _shape(item, "code", patterns["list_item"], "事项编码", "item code")
    for entry in located.service_items:
        out += _shape(entry, "basic_code", patterns["basic_code"], "基本编码", "basic code")
        out += _shape(entry, "implementation_code", patterns["implementation_code"], "实施编码",
                      "implementation code")
    for entry in located.guides:
        out += _shape(entry, ("handling", "code"), patterns["handling_code"], "办理项编码", "handling code")
    return out
