"""The four reductions (减环节、减材料、减时限、减跑动) and online handling, as figures.

Takes the content; gives per-guide figures, per-department and county summaries.
Time limits are compared in working days (`calendar.in_working_days`: a calendar-day
limit counts the configured calendar's share of working days), so a legal limit of
20 working days promised in 10 is a compression of 50 %.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from generator.derive.calendar import WorkCalendar, in_working_days
from generator.model import Guide, OnlineLevel
from generator.model.content import Content
from generator.model.types import is_stated


@dataclass(frozen=True, slots=True)
class GuideFigures:
    guide: Guide
    name: str
    steps: int
    materials: int  # materials that must be submitted
    legal_days: float
    promised_days: float
    visits: int
    online: OnlineLevel

    @property
    def compression(self) -> float:
        """Share of the legal time limit saved by the promise (0 when the legal limit is 0)."""
        if self.legal_days <= 0:
            return 0.0
        return 1 - self.promised_days / self.legal_days


@dataclass(frozen=True, slots=True)
class Summary:
    label: str
    guides: int
    mean_steps: float
    mean_materials: float
    mean_compression: float
    zero_visit: int
    at_most_one_visit: int
    fully_online: int
    online_possible: int
    offline: int
    immediate: int  # promised 0 days: 即办

    @property
    def zero_visit_share(self) -> float:
        return self.zero_visit / self.guides if self.guides else 0.0

    @property
    def fully_online_share(self) -> float:
        return self.fully_online / self.guides if self.guides else 0.0


def _measurable(guide: Guide) -> bool:
    """Every figure the four reductions need is stated (a 未注明 limit or unit is not guessed)."""
    limits = (guide.legal_time_limit, guide.promised_time_limit)
    return (all(is_stated(x) for x in (guide.steps, guide.materials, guide.visits, guide.online, *limits))
            and all(is_stated(limit.unit) for limit in limits)
            and all(is_stated(m.required) for m in guide.materials))


def guide_figures(content: Content) -> list[GuideFigures]:
    """Figures of the guides that state them all; guides with 未注明 figures are left out."""
    calendar = WorkCalendar.from_site(content.site)
    out = []
    for guide in content.guides.values():
        if not _measurable(guide):
            continue
        out.append(GuideFigures(
            guide=guide,
            name=content.service_items[guide.service_item].name,
            steps=len(guide.steps),
            materials=sum(1 for m in guide.materials if m.required),
            legal_days=in_working_days(guide.legal_time_limit, calendar),
            promised_days=in_working_days(guide.promised_time_limit, calendar),
            visits=guide.visits,
            online=guide.online.level,
        ))
    return out


def summarise(label: str, figures: list[GuideFigures]) -> Summary:
    def mean(values: list[float]) -> float:
        return round(statistics.fmean(values), 2) if values else 0.0

    return Summary(
        label=label,
        guides=len(figures),
        mean_steps=mean([f.steps for f in figures]),
        mean_materials=mean([f.materials for f in figures]),
        mean_compression=mean([f.compression for f in figures]),
        zero_visit=sum(1 for f in figures if f.visits == 0),
        at_most_one_visit=sum(1 for f in figures if f.visits <= 1),
        fully_online=sum(1 for f in figures if f.online == OnlineLevel.FULLY_ONLINE),
        online_possible=sum(1 for f in figures if f.online == OnlineLevel.ONLINE_POSSIBLE),
        offline=sum(1 for f in figures if f.online == OnlineLevel.NONE),
        immediate=sum(1 for f in figures if f.promised_days == 0),
    )


def by_department(content: Content, figures: list[GuideFigures]) -> list[Summary]:
    """One summary per department that has guides, in the departments file's order."""
    groups: dict[str, list[GuideFigures]] = {}
    for f in figures:
        groups.setdefault(f.guide.department, []).append(f)
    return [summarise(dept.name, groups[dept_id]) for dept_id, dept in content.departments.items()
            if dept_id in groups]
