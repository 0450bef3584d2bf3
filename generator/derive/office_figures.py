"""What the office has to act on, computed once: content -> `OfficeFigures`.

Computed once in the derived-facts stage (derive/facts.py, `content.facts.office`): the
worktable (/worktable/), the data-quality page, the correspondence page and `qingdan
check` all show these figures from there, so they cannot disagree:

- complaint clues overdue, or due within `CLUE_SOON_WORKING_DAYS` working days;
- rectification tasks overdue, or due within `TASK_SOON_DAYS` days;
- stale guides and model texts (a list change they have not caught up with), and the
  ones still reviewed against an older edition although nothing they serve changed;
- permit items without a service item, split by who can map them: the county (its
  管理权限 names a county step: 县级实施, 县级受理, 县级初审, 委托县级), or a level above
  (省级实施, 国家…派出机构, 县级配合 only), or 未注明 when the list gives no 管理权限;
- guides with expected fields left empty (quality.GUIDE_CHECKS).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator import model as m
from generator.derive import correspondence, quality, staleness
from generator.derive.calendar import ClueState, DeadlineRule, add_days
from generator.derive.ledgers import ClueRow, TaskRow, TaskState, clue_rows, task_rows
from generator.model.content import Content
from generator.model.types import DayUnit, is_stated

CLUE_SOON_WORKING_DAYS = 3
TASK_SOON_DAYS = 7

COUNTY = "县级可对应"
ABOVE = "县级以上实施"
NOT_STATED = "管理权限未注明"
# A county step in the item's 管理权限: then a county service item can implement it.
_COUNTY_STEP = re.compile(r"县级(?:实施|受理|初审)|委托县级|县级分局受理|县.{0,4}受理")


def who_maps(item: m.ListItem) -> str:
    """COUNTY, ABOVE or NOT_STATED, from the item's 管理权限 as the list states it."""
    authority = item.management_authority
    if not is_stated(authority) or not authority:
        return NOT_STATED
    return COUNTY if _COUNTY_STEP.search(authority) else ABOVE


@dataclass(frozen=True, slots=True)
class OfficeFigures:
    as_of: dt.date
    clues_overdue: tuple[ClueRow, ...]
    clues_due_soon: tuple[ClueRow, ...]
    tasks_overdue: tuple[TaskRow, ...]
    tasks_due_soon: tuple[TaskRow, ...]
    stale: tuple[staleness.StaleDocument, ...]
    old_reviews: tuple[staleness.OldReview, ...]
    unmapped: dict[str, tuple[m.ListItem, ...]]  # COUNTY / ABOVE / NOT_STATED -> items, list order
    incomplete_guides: tuple[tuple[m.Guide, tuple[str, ...]], ...]  # (guide, labels of empty fields)

    @property
    def unmapped_total(self) -> int:
        return sum(len(items) for items in self.unmapped.values())

    @property
    def unmapped_keys(self) -> tuple[str, ...]:
        """The items' keys (their code, or their id when the list gives no code)."""
        return tuple(i.key for items in self.unmapped.values() for i in items)


def office_figures(content: Content, report: correspondence.Report,
                   stale: tuple[staleness.StaleDocument, ...],
                   olds: tuple[staleness.OldReview, ...]) -> OfficeFigures:
    """Called once, by derive/facts.py, with the facts it depends on."""
    as_of = content.build_date
    rule = DeadlineRule.from_site(content.site)
    clues = clue_rows(content.clues, rule, as_of)
    # "Due within 3 working days" counts working days whatever the deadline rule counts.
    soon_clue = add_days(as_of, CLUE_SOON_WORKING_DAYS, DayUnit.WORKING, rule.calendar)
    tasks = task_rows(content.tasks, as_of)
    missing = [row.item for row in report.rows if row.status == correspondence.MISSING]
    unmapped = {key: tuple(i for i in missing if who_maps(i) == key) for key in (COUNTY, ABOVE, NOT_STATED)}
    incomplete = []
    for guide in content.guides.values():
        _, empty = quality.guide_completeness(guide)
        if empty:
            incomplete.append((guide, tuple(empty)))
    return OfficeFigures(
        as_of=as_of,
        clues_overdue=tuple(r for r in clues if r.timing.state == ClueState.OVERDUE),
        clues_due_soon=tuple(r for r in clues if r.timing.state == ClueState.OPEN
                             and r.timing.deadline is not None and r.timing.deadline <= soon_clue),
        tasks_overdue=tuple(r for r in tasks if r.state == TaskState.OVERDUE),
        tasks_due_soon=tuple(r for r in tasks if r.state == TaskState.OPEN
                             and r.task.deadline <= as_of + dt.timedelta(days=TASK_SOON_DAYS)),
        stale=stale,
        old_reviews=olds,
        unmapped=unmapped,
        incomplete_guides=tuple(incomplete),
    )
