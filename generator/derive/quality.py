"""Data quality per department (mechanisms 4–5): completeness, stale documents,
unmapped items, last update. Takes the content (and the stale list); gives rows.

Completeness counts the guide fields a portal shows that the schema leaves optional:
a guide with all of them filled is 100 % complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.derive.staleness import StaleDocument
from generator.model import Guide, OnlineLevel
from generator.model.content import Content

# (label, test) for each optional-but-expected part of a guide.
GUIDE_CHECKS: tuple[tuple[str, object], ...] = (
    ("事项简介", lambda g: bool(g.summary)),
    ("审批结果", lambda g: bool(g.result)),
    ("常见问题", lambda g: bool(g.faq)),
    ("网办地址", lambda g: g.online.level == OnlineLevel.NONE or bool(g.online.url)),
    ("交通指引", lambda g: bool(g.office.transport)),
    ("材料设立依据", lambda g: all(m.basis for m in g.materials)),
    ("流程说明", lambda g: all(s.description for s in g.steps)),
    ("现场办理原因", lambda g: g.visits == 0 or bool(g.onsite_reason)),
)


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
    incomplete: tuple[tuple[str, tuple[str, ...]], ...]  # (guide basic code, missing labels)
    stale: tuple[StaleDocument, ...]
    unmapped_items: tuple[str, ...]  # permit item codes it is responsible for, with no service item
    last_update: dt.date | None


def department_quality(content: Content, stale: list[StaleDocument],
                       unmapped_codes: frozenset[str] | set[str]) -> list[DepartmentQuality]:
    """One row a department with guides, model texts or items; `unmapped_codes` are the
    permit items without a service item (office_figures), shown at each responsible unit."""
    rows = []
    for dept_id, dept in content.departments.items():
        guides = content.guides_of_department.get(dept_id, [])
        texts = content.model_texts_of_department.get(dept_id, [])
        items = content.items_of_department.get(dept_id, [])
        if not (guides or texts or items):
            continue
        scores = [guide_completeness(g) for g in guides]
        incomplete = tuple(
            (g.service_item, tuple(missing)) for g, (_, missing) in zip(guides, scores, strict=True) if missing
        )
        unmapped = tuple(i.code for i in items if i.code in unmapped_codes)
        dates = [g.reviewed.date for g in guides] + [t.reviewed.date for t in texts]
        rows.append(DepartmentQuality(
            department_id=dept_id,
            name=dept.name,
            guides=len(guides),
            current_share=sum(g.reviewed.edition == content.current.id for g in guides) / len(guides) if guides else 0.0,
            completeness=round(sum(s for s, _ in scores) / len(scores), 3) if scores else 0.0,
            incomplete=incomplete,
            stale=tuple(s for s in stale if s.department == dept_id),
            unmapped_items=unmapped,
            last_update=max(dates) if dates else None,
        ))
    return rows
