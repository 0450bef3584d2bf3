"""Unique keys: every id, code and name that other files or pages find an entity by.

Takes `Located`; gives one ERROR per duplicate, naming where the key was first used
(the first one is the entity the graph keeps).
"""

from __future__ import annotations

from generator import model as m
from generator.model.types import is_stated
from generator.problems import Problem
from generator.validate.located import At, Located


def duplicates(entries: list[At], key: str, label_zh: str, label_en: str, field_of=None) -> list[Problem]:
    """`field_of(entity)` names the field a derived key (ListItem.key…) was written in."""
    seen: dict[str, At] = {}
    problems = []
    for entry in entries:
        value = getattr(entry.value, key)
        if value not in seen:
            seen[value] = entry
            continue
        first = seen[value]
        field = field_of(entry.value) if field_of else key
        line = first.doc.position((*first.path, field_of(first.value) if field_of else key))[0]
        problems.append(entry.problem(
            field,
            f"{label_zh} “{value}” 重复（已在 {first.doc.path}:{line} 使用）",
            f"duplicate {label_en} '{value}' (already used at {first.doc.path}:{line})",
        ))
    return problems


def _editions(located: Located) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for entry in located.editions:
        edition_id = entry.value.edition.id
        if edition_id in seen:
            problems.append(entry.problem(("edition", "id"), f"清单版本 “{edition_id}” 重复",
                                          f"duplicate edition '{edition_id}'"))
        seen.add(edition_id)
    return problems


def _items(items: list[At]) -> list[Problem]:
    """Within one edition: codes, and item numbers within each category."""
    problems = duplicates([i for i in items if is_stated(i.value.code)], "key", "事项编码", "item code",
                          lambda item: "code")
    problems += duplicates([i for i in items if not is_stated(i.value.code)], "key", "网址标识", "item id",
                           lambda item: "id")
    for category in m.Category:
        problems += duplicates([i for i in items if i.value.category == category and is_stated(i.value.number)],
                               "number", f"{category.value}项目号", "item number")
    return problems


def problems(located: Located) -> list[Problem]:
    out = duplicates(located.departments, "id", "单位标识", "department id")
    out += duplicates(located.departments, "name", "单位名称", "department name")
    out += _editions(located)
    for items in located.items.values():
        out += _items(items)
    out += duplicates(located.service_items, "key", "基本编码", "basic code",
                      lambda s: "basic_code" if is_stated(s.basic_code) else "id")
    out += duplicates([s for s in located.service_items if is_stated(s.value.implementation_code)],
                      "implementation_code", "实施编码", "implementation code")
    out += duplicates(located.guides, "key", "政务服务事项的办事指南", "guide for service item",
                      lambda g: "handling" if g.handling else "service_item")
    out += duplicates(located.model_texts, "id", "示范文本标识", "model text id")
    out += duplicates(located.bulletins, "id", "通报标识", "bulletin id")
    out += duplicates(located.cases, "id", "案例标识", "case id")
    out += duplicates(located.clues, "id", "线索编号", "clue id")
    out += duplicates(located.tasks, "id", "任务编号", "task id")
    return out
