"""Fields that must agree with each other or with the entity they point to.

Takes `Located`; gives problems: a guide's department differs from its service item's,
a permit item without its sector, a charged guide without fees, an online guide
without its address (WARNING), a model text that serves nothing, a closed task
without its close-out, a clue whose status needs dates it lacks.
"""

from __future__ import annotations

from generator import model as m
from generator.model.types import is_stated
from generator.problems import Problem, Severity
from generator.validate.located import Located

# The fields a clue in each status must have.
CLUE_NEEDS = {
    m.ClueStatus.TRANSFERRED: ("transferred_to", "transferred_on"),
    m.ClueStatus.REPORTED: ("transferred_to", "transferred_on", "result_reported_on"),
    m.ClueStatus.CLOSED: ("transferred_to", "transferred_on", "result_reported_on", "feedback_on"),
}


def _items(located: Located) -> list[Problem]:
    return [item.problem("sector", "许可准入类事项须填写行业", "a permit item needs its sector")
            for items in located.items.values() for item in items
            if item.value.category == m.Category.PERMITTED and item.value.sector is None]  # 未注明 is a value


def _guides(located: Located) -> list[Problem]:
    out = []
    departments = located.department_ids
    for entry in located.guides:
        g: m.Guide = entry.value
        owner = located.service_item_codes.get(g.service_item)
        if owner and g.department != owner.value.department and g.department in departments \
                and owner.value.department in departments:
            out.append(entry.problem(
                "department",
                f"实施部门与政务服务事项的实施部门（{owner.value.department}）不一致",
                f"department differs from the service item's department ({owner.value.department})"))
        if is_stated(g.fees) and g.fees.charged and not g.fees.items:
            out.append(entry.problem(("fees", "items"), "收费事项须列出收费项目", "a charged item must list its fees"))
        if is_stated(g.online) and g.online.level != m.OnlineLevel.NONE and not g.online.url:
            out.append(entry.problem(("online", "url"), "可网办事项须填写网办地址",
                                     "an item handled online needs its online address", Severity.WARNING))
    return out


def _model_texts(located: Located) -> list[Problem]:
    return [entry.problem("service_item", "须填写所属政务服务事项或清单事项", "name the service item or list item it serves")
            for entry in located.model_texts if entry.value.service_item is None and entry.value.list_item is None]


def _tasks(located: Located) -> list[Problem]:
    out = []
    for entry in located.tasks:
        t: m.RectificationTask = entry.value
        if t.status == m.TaskStatus.CLOSED and (t.closed_on is None or not t.evidence):
            out.append(entry.problem("closed_on", "已销号的任务须填写销号日期和销号依据",
                                     "a closed task needs its close-out date and evidence"))
        if t.status != m.TaskStatus.CLOSED and t.closed_on is not None:
            out.append(entry.problem("status", "填写了销号日期，状态应为 已销号",
                                     "a close-out date is set: the status must be 已销号"))
    return out


def _clues(located: Located) -> list[Problem]:
    out = []
    for entry in located.clues:
        c: m.ComplaintClue = entry.value
        for name in CLUE_NEEDS.get(c.status, ()):
            if getattr(c, name) is None:
                out.append(entry.problem(name, f"状态为 {c.status.value} 的线索须填写此项",
                                         f"a clue with status {c.status.value} needs this field"))
    return out


def problems(located: Located) -> list[Problem]:
    return _items(located) + _guides(located) + _model_texts(located) + _tasks(located) + _clues(located)
