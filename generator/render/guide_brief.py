"""A guide's short version (简版) and its materials checklist, as ready text for the template.

Takes a validated Guide; gives the six facts a business asks first (who may apply, where,
how long in all, what it costs, how many visits, how far it can be done online) and one
line a material for the checklist a clerk ticks at the window. Pure functions: the page
template only places the strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import model as m
from generator.derive.guide_time import guide_time, limit_text
from generator.model.types import NOT_STATED_WORD, is_stated, listed


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


def visits(count: int | object) -> str:
    if not is_stated(count):
        return NOT_STATED_WORD
    return "0 次（零跑动）" if count == 0 else f"最多 {count} 次"


def total_time(guide: m.Guide) -> str:
    """The promised limit first (what the office commits to), the legal one beside it;
    steps that carry their own time limit are named, since a business waits for them too;
    特殊环节 run outside the limit add the longest total, or say why none can be given
    (derive/guide_time: a step of unknown length or counting leaves the total open)."""
    promised = guide.promised_time_limit
    if not is_stated(promised):
        text = f"承诺时限{NOT_STATED_WORD}"
    else:
        text = "即办" if promised.value == 0 else f"承诺 {limit_text(promised)}"
    legal = guide.legal_time_limit
    text += f"（法定 {limit_text(legal)}）" if is_stated(legal) else f"（法定时限{NOT_STATED_WORD}）"
    timed = [f"{s.name}（{s.time_limit}）" for s in listed(guide.steps) if s.time_limit]
    if timed:
        text += "；其中" + "、".join(timed)
    total = guide_time(guide).total
    if total:
        text += f"；{total}"
    return text


def cost(guide: m.Guide) -> str:
    if not is_stated(guide.fees):
        return f"是否收费{NOT_STATED_WORD}"
    if not guide.fees.charged:
        return "不收费"
    return "；".join(f"{fee.name}：{fee.standard}" for fee in guide.fees.items) or "收费（标准见下文）"


def online(guide: m.Guide) -> str:
    if not is_stated(guide.online):
        return NOT_STATED_WORD
    level = guide.online.level.value
    return f"{level}（{guide.online.depth}）" if guide.online.depth else level


def _joined(values: object) -> str:
    return "、".join(values) if is_stated(values) else NOT_STATED_WORD


def where(guide: m.Guide) -> str:
    office = guide.office
    place = f"{office.name}（{office.address}）" if is_stated(office) else f"办理地点{NOT_STATED_WORD}"
    forms = guide.handling_forms
    return f"{place}；{_joined(forms)}" if is_stated(forms) else place


def brief(guide: m.Guide) -> list[Fact]:
    """简版: the facts in the order a business decides whether and how to go."""
    return [
        Fact("谁可以申请", _joined(guide.service_objects)),
        Fact("在哪里办", where(guide)),
        Fact("总共多久", total_time(guide)),
        Fact("费用", cost(guide)),
        Fact("跑动次数", visits(guide.visits)),
        Fact("网上办理", online(guide)),
    ]


def _necessity(material: m.Material) -> str:
    if not is_stated(material.required):
        return f"必要性{NOT_STATED_WORD}"
    if not material.required:
        return "非必要"
    return f"必要（{material.situation}）" if material.situation else "必要"


def checklist_line(material: m.Material) -> str:
    """"纸质 · 1 份 · 需原件 · 必要": what to bring of one material, in one short line;
    what the source leaves unsaid reads 未注明, never a default."""
    original = material.original
    return " · ".join([
        str(material.form.value) if is_stated(material.form) else f"形式{NOT_STATED_WORD}",
        f"{material.copies} 份" if is_stated(material.copies) else f"份数{NOT_STATED_WORD}",
        f"原件{NOT_STATED_WORD}" if not is_stated(original) else ("需原件" if original else "不需原件"),
        _necessity(material),
    ])
