"""Checks of the accountability files (mechanisms 6–10), for `qingdan check`.

Takes a `LoadedContent` and the "as of" date; gives problems: ERRORs for personal
data in clues, tasks and cases (`pii`), WARNINGs for overdue clues and tasks
(`ledgers`), ERRORs in the scorecard file (`scorecard`), and checks of the working
calendar in site.yaml. They run on the loaded files, not the graph, so they report
even when other files have errors.
"""

from __future__ import annotations

import datetime as dt

from generator.derive.ledgers import ledger_problems
from generator.derive.scorecard import scorecard_problems
from generator.model.kinds import Kind
from generator.model.types import DayUnit
from generator.problems import Problem, Severity
from generator.validate.pii import pii_problems


def calendar_problems(loaded, as_of: dt.date) -> list[Problem]:
    """A day cannot be both a holiday and a working day; counting working days in a year
    whose holidays are not configured would silently count the holidays as working days."""
    if loaded.site is None:
        return []
    site, doc = loaded.site.value, loaded.site.doc
    problems = []
    workdays = set(site.workdays)
    for i, day in enumerate(site.holidays):
        if day in workdays:
            problems.append(doc.problem(("holidays", i), f"{day} 同时列在 holidays 和 workdays 中",
                                        f"{day} is listed both in holidays and in workdays"))
    if site.complaint_day_rule == DayUnit.WORKING:
        needed = {as_of.year} | {
            clue.transferred_on.year for f in loaded.files[Kind.COMPLAINTS] for clue in f.value.clues
            if clue.transferred_on is not None
        }
        missing = sorted(needed - {d.year for d in site.holidays})
        if missing:
            years = "、".join(str(y) for y in missing)
            problems.append(doc.problem(
                ("holidays",),
                f"时限按工作日计算，但未配置 {years} 年的法定节假日：请按当年国务院办公厅放假安排补充 holidays 和 workdays",
                f"deadlines count working days but no holidays are configured for {years}: "
                "add that year's holidays and adjusted working days",
                severity=Severity.WARNING))
    return problems


def accountability_problems(loaded, as_of: dt.date) -> list[Problem]:
    return (pii_problems(loaded) + ledger_problems(loaded, as_of) + scorecard_problems(loaded)
            + calendar_problems(loaded, as_of))
