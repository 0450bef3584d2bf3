"""Data quality per department (mechanisms 4–5): completeness, stale documents,
unmapped items, last update. Takes the content (and the stale list); gives rows.

Completeness counts the guide fields a portal shows that the schema leaves optional:
a guide with all of them filled is 100 % complete. Fields recorded as 未注明 (the source
left them blank) are counted per department too, so gaps are visible instead of invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel

from generator.derive.staleness import StaleDocument
from generator.model import Guide, OnlineLevel
from generator.model.content import Content
from generator.model.types import NotStated, is_stated

# (label, test) for each optional-but-expected part of a guide.
GUIDE_CHECKS: tuple[tuple[str, object], ...] = (
    ("事项简介", lambda g: bool(g.summary)),
    ("审批结果", lambda g: bool(g.result)),
    ("常见问题", lambda g: bool(g.faq)),
    ("网办地址", lambda g: is_stated(g.online) and (g.online.level == OnlineLevel.NONE or bool(g.online.url))),
    ("交通指引", lambda g: is_stated(g.office) and bool(g.office.transport)),
    ("材料设立依据", lambda g: is_stated(g.materials) and all(m.basis for m in g.materials)),
    ("流程说明", lambda g: is_stated(g.steps) and all(s.description for s in g.steps)),
    ("现场办理原因", lambda g: is_stated(g.visits) and (g.visits == 0 or bool(g.onsite_reason))),
)


def not_stated_fields(record: BaseModel, prefix: str = "") -> list[str]:
    """The Chinese labels (dotted through nested records) of every field recorded as 未注明."""
    found = []
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        label = f"{prefix}{info.title or name}"
        if isinstance(value, NotStated):
            found.append(label)
        elif isinstance(value, BaseModel):
            found += not_stated_fields(value, f"{label}.")
        elif isinstance(value, list):
            for i, entry in enumerate(value, 1):
                if isinstance(entry, BaseModel):
                    found += not_stated_fields(entry, f"{label}[{i}].")
    return found


def guide_completeness(guide: Guide) -> tuple[float, list[str]]:
    """Share of expected fields filled, and the labels of those missing."""
    missing = [label for label, test in GUIDE_CHECKS if not test(guide)]
    return 1 - len(missing) / len(GUIDE_CHECKS), missing


@dataclass(frozen=True, slots=True)
class DepartmentQuality:
    department_id: str
    name: str
    guides: int
    current_share: float  # share of its guides reviewed against the current edition
    completeness: float  # mean over its guides
    incomplete: tuple[tuple[str, tuple[str, ...]], ...]  # (guide key, missing labels)
    stale: tuple[StaleDocument, ...]
    unmapped_items: tuple[str, ...]  # permit item codes it is responsible for, with no service item
    last_update: dt.date | None
    # (what: a guide's or service item's name, labels of its fields recorded as 未注明)
    not_stated: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def not_stated_count(self) -> int:
        return sum(len(labels) for _, labels in self.not_stated)


def _guide_name(content: Content, guide: Guide) -> str:
    name = content.service_items[guide.service_item].name
    return f"{name}（{guide.handling.kind.value}）" if guide.handling else name


def department_quality(content: Content, stale: list[StaleDocument],
                       unmapped_keys: frozenset[str] | set[str]) -> list[DepartmentQuality]:
    """One row a department with guides, model texts or items; `unmapped_keys` are the
    permit items without a service item (office_figures), shown at each responsible unit."""
    rows = []
    for dept_id, dept in content.departments.items():
        guides = content.guides_of_department.get(dept_id, [])
        texts = content.model_texts_of_department.get(dept_id, [])
        items = content.items_of_department.get(dept_id, [])
        services = content.service_items_of_department.get(dept_id, [])
        if not (guides or texts or items or services):
            continue
        scores = [guide_completeness(g) for g in guides]
        incomplete = tuple(
            (g.key, tuple(missing)) for g, (_, missing) in zip(guides, scores, strict=True) if missing
        )
        unmapped = tuple(i.key for i in items if i.key in unmapped_keys)
        dates = [g.reviewed.date for g in guides if g.reviewed] + [t.reviewed.date for t in texts]
        gaps = [(f"事项 {i.title}", tuple(not_stated_fields(i))) for i in items] \
            + [(f"政务服务事项 {s.name}", tuple(not_stated_fields(s))) for s in services] \
            + [(f"办事指南 {_guide_name(content, g)}", tuple(not_stated_fields(g))) for g in guides]
        rows.append(DepartmentQuality(
            department_id=dept_id,
            name=dept.name,
            guides=len(guides),
            current_share=sum(bool(g.reviewed) and g.reviewed.edition == content.current.id for g in guides) / len(guides) if guides else 0.0,
            completeness=round(sum(s for s, _ in scores) / len(scores), 3) if scores else 0.0,
            incomplete=incomplete,
            stale=tuple(s for s in stale if s.department == dept_id),
            unmapped_items=unmapped,
            last_update=max(dates) if dates else None,
            not_stated=tuple((what, labels) for what, labels in gaps if labels),
        ))
    return rows
