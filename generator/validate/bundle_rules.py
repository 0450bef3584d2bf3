"""The rules of 一件事 bundles and of the material keys they merge by.

Takes `Located`; gives problems. A bundle: its id is its file name and unique; step,
question and option ids are unique; every step an option or `after` names exists, and
`after` has no cycle; a step names its service item, or else its own name and who
handles it; a service item without a guide is a warning (its page says 未注明); a
material key a step `provides` is one some guide asks for. A guide: one key per
material. (That a step's service item and department exist is `references`' rule.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePosixPath

from generator import model as m
from generator.model.types import listed
from generator.problems import Problem, Severity
from generator.validate.located import At, Located


def problems(located: Located) -> list[Problem]:
    keys = {x.key for g in located.guides for x in listed(g.value.materials) if x.key}
    return material_key_problems(located.guides) + bundle_problems(
        located.bundles, located.service_item_codes, located.guide_items, keys)


def material_key_problems(guide_entries: Iterable[At]) -> list[Problem]:
    """A key names one document: the same key twice in one guide is a material listed twice."""
    problems = []
    for entry in guide_entries:
        seen: dict[str, int] = {}
        for j, material in enumerate(listed(entry.value.materials)):
            if material.key is None:
                continue
            if material.key in seen:
                problems.append(entry.problem(
                    ("materials", j, "key"),
                    f"材料标识 “{material.key}” 在本指南中重复（已用于第 {seen[material.key] + 1} 项材料）",
                    f"material key '{material.key}' is used twice in this guide (already by material "
                    f"{seen[material.key] + 1})"))
            else:
                seen[material.key] = j
    return problems


def bundle_problems(entries: list[At], service_items: Mapping[str, At], guides: Mapping[str, At],
                    material_keys: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, At] = {}
    for entry in entries:
        bundle: m.Bundle = entry.value
        stem = PurePosixPath(entry.doc.path).stem
        if bundle.id != stem:
            problems.append(entry.problem("id", f"标识 “{bundle.id}” 须与文件名相同（{stem}.yaml）",
                                          f"the id '{bundle.id}' must be the file name ({stem}.yaml)"))
        if bundle.id in first:
            problems.append(entry.problem("id", f"一件事标识 “{bundle.id}” 重复（已在 {first[bundle.id].doc.path} 使用）",
                                          f"duplicate bundle id '{bundle.id}' (already used in "
                                          f"{first[bundle.id].doc.path})"))
        first.setdefault(bundle.id, entry)
        problems += _one_bundle(entry, bundle, service_items, guides, material_keys)
    return problems


def _duplicates(entry: At, values: list[str], field: Callable[[int], tuple], zh: str, en: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for i, value in enumerate(values):
        if value in seen:
            problems.append(entry.problem(field(i), f"{zh} “{value}” 重复", f"duplicate {en} '{value}'"))
        seen.add(value)
    return problems


def _one_bundle(entry: At, bundle: m.Bundle, service_items: Mapping[str, At], guides: Mapping[str, At],
                material_keys: set[str]) -> list[Problem]:
    step_ids = {s.id for s in bundle.steps}
    problems = _duplicates(entry, [s.id for s in bundle.steps], lambda i: ("steps", i, "id"), "事项标识", "step id")
    problems += _duplicates(entry, [q.id for q in bundle.questions], lambda i: ("questions", i, "id"),
                            "问题标识", "question id")
    problems += _duplicates(entry, [s.service_item for s in bundle.steps if s.service_item],
                            _nth_with_service_item(bundle), "政务服务事项", "service item")
    for i, question in enumerate(bundle.questions):
        problems += _duplicates(entry, [o.id for o in question.options],
                                lambda j, i=i: ("questions", i, "options", j, "id"), "选项标识", "option id")
        for j, option in enumerate(question.options):
            for k, step_id in enumerate(option.steps):
                if step_id not in step_ids:
                    problems.append(entry.problem(("questions", i, "options", j, "steps", k),
                                                  f"找不到事项 “{step_id}”（steps 中没有这个标识）",
                                                  f"no step '{step_id}' in steps"))
    for i, step in enumerate(bundle.steps):
        at = ("steps", i)
        if step.service_item is None:
            if step.name is None:
                problems.append(entry.problem((*at, "name"), "未填写政务服务事项（service_item）的事项须填写名称",
                                              "a step without a service item needs its name"))
            if step.department is None and step.authority is None:
                problems.append(entry.problem(
                    (*at, "department"), "未填写政务服务事项的事项须填写办理单位（department）或办理机关（authority）",
                    "a step without a service item needs its department or authority"))
        elif step.service_item in service_items and step.service_item not in guides:
            problems.append(entry.problem(
                (*at, "service_item"), f"政务服务事项 “{step.service_item}” 没有办事指南：页面将把材料和时限标为未注明",
                f"service item '{step.service_item}' has no guide: the page shows its materials and time "
                "limit as not stated", Severity.WARNING))
        for k, before in enumerate(step.after):
            if before == step.id:
                problems.append(entry.problem((*at, "after", k), "事项不能排在自己之后",
                                              "a step cannot come after itself"))
            elif before not in step_ids:
                problems.append(entry.problem((*at, "after", k), f"找不到事项 “{before}”（steps 中没有这个标识）",
                                              f"no step '{before}' in steps"))
        for k, key in enumerate(step.provides):
            if key not in material_keys:
                problems.append(entry.problem((*at, "provides", k),
                                              f"没有办事指南的申请材料使用标识 “{key}”",
                                              f"no guide's material has the key '{key}'"))
    cycle = _cycle(bundle)
    if cycle:
        i = next(i for i, s in enumerate(bundle.steps) if s.id == cycle[0])
        path = " → ".join([*cycle, cycle[0]])
        problems.append(entry.problem(("steps", i, "after"), f"事项的先后顺序成环：{path}",
                                      f"the steps' order is a cycle: {path}"))
    return problems


def _nth_with_service_item(bundle: m.Bundle) -> Callable[[int], tuple]:
    positions = [i for i, s in enumerate(bundle.steps) if s.service_item]
    return lambda n: ("steps", positions[n], "service_item")


def _cycle(bundle: m.Bundle) -> list[str]:
    """One cycle of `after` (step ids in order), or [] when the order is a proper one."""
    after = {s.id: [a for a in s.after if a != s.id] for s in bundle.steps}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(step_id: str) -> list[str]:
        state[step_id] = 1
        path.append(step_id)
        for before in after.get(step_id, []):
            if before not in after:
                continue
            if state.get(before) == 1:
                return path[path.index(before):]
            if before not in state:
                found = visit(before)
                if found:
                    return found
        state[step_id] = 2
        path.pop()
        return []

    for step in bundle.steps:
        if step.id not in state:
            found = visit(step.id)
            if found:
                return found
    return []
