"""A guide's short version (简版) and its materials checklist, as ready text for the template.

Takes a validated Guide; gives the six facts a business asks first (who may apply, where,
how long in all, what it costs, how many visits, how far it can be done online) and one
line a material for the checklist a clerk ticks at the window. Pure functions: the page
template only places the strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import model as m


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


def days(limit: m.TimeLimit) -> str:
    return "即办" if limit.value == 0 else f"{limit.value} 个{limit.unit.value}"


def visits(count: int) -> str:
    return "0 次（零跑动）" if count == 0 else f"最多 {count} 次"


def total_time(guide: m.Guide) -> str:
    """The promised limit first (what the office commits to), the legal one beside it;
    steps that carry their own time limit are named, since a business waits for them too."""
    promised = guide.promised_time_limit
    text = "即办" if promised.value == 0 else f"承诺 {days(promised)}"
    text += f"（法定 {days(guide.legal_time_limit)}）"
    timed = [f"{s.name}（{s.time_limit}）" for s in guide.steps if s.time_limit]
    if timed:
        text += "；其中" + "、".join(timed)
    return text


def cost(guide: m.Guide) -> str:
    if not guide.fees.charged:
        return "不收费"
    return "；".join(f"{fee.name}：{fee.standard}" for fee in guide.fees.items) or "收费（标准见下文）"


def online(guide: m.Guide) -> str:
    level = guide.online.level.value
    return f"{level}（{guide.online.depth}）" if guide.online.depth else level


def brief(guide: m.Guide) -> list[Fact]:
    """简版: the facts in the order a business decides whether and how to go."""
    return [
        Fact("谁可以申请", "、".join(guide.service_objects)),
        Fact("在哪里办", f"{guide.office.name}（{guide.office.address}）；{'、'.join(guide.handling_forms)}"),
        Fact("总共多久", total_time(guide)),
        Fact("费用", cost(guide)),
        Fact("跑动次数", visits(guide.visits)),
        Fact("网上办理", online(guide)),
    ]


def checklist_line(material: m.Material) -> str:
    """"纸质 · 1 份 · 需原件 · 必要": what to bring of one material, in one short line."""
    return " · ".join([
        material.form.value,
        f"{material.copies} 份",
        "需原件" if material.original else "不需原件",
        "必要" if material.required else "非必要",
    ])
