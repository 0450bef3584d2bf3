"""Dates and time limits: no date after the "as of" date, dates in the order things
happen, and no promised time limit that can end after the legal one.

Takes `Located`; gives one ERROR per date out of place or promise too long. The
promise is compared on the configured working calendar (`derive.calendar`).
"""

from __future__ import annotations

import datetime as dt

from generator import model as m
from generator.derive.calendar import WorkCalendar, promise_exceeds
from generator.model.types import is_stated
from generator.problems import Problem
from generator.validate.located import At, Located

# (earlier field, later field, message zh, message en), per kind of entity.
CLUE_ORDER = (
    ("received", "transferred_on", "转办日期早于收到日期", "transferred before it was received"),
    ("transferred_on", "result_reported_on", "报送结果日期早于转办日期", "result reported before the transfer"),
    ("result_reported_on", "feedback_on", "回访日期早于报送结果日期", "feedback given before the result was reported"),
)
TASK_ORDER = (
    ("assigned", "deadline", "完成时限早于下达日期", "the deadline is before the assignment"),
    ("assigned", "closed_on", "销号日期早于下达日期", "closed before it was assigned"),
)
CLUE_DATES = ("received", "transferred_on", "result_reported_on", "feedback_on")


def _in_order(entry: At, rules) -> list[Problem]:
    out = []
    for earlier, later, zh, en in rules:
        first, second = getattr(entry.value, earlier), getattr(entry.value, later)
        if first is not None and second is not None and second < first:
            out.append(entry.problem(later, zh, en))
    return out


def _not_future(entry: At, field: str | tuple, value: dt.date | None, today: dt.date) -> list[Problem]:
    if value is None or value <= today:
        return []
    return [entry.problem(field, f"日期 {value} 晚于今天（{today}）",
                          f"the date {value} is in the future (today is {today})")]


def _promise(entry: At, exceeds) -> list[Problem]:
    promised, legal = entry.value.promised_time_limit, entry.value.legal_time_limit
    if not all(is_stated(x) for x in (promised, legal)) or not all(is_stated(x.unit) for x in (promised, legal)):
        return []  # a limit or unit the source left blank is compared with nothing
    if not exceeds(promised, legal):
        return []
    return [entry.problem(
        "promised_time_limit",
        f"承诺时限（{promised.value}{promised.unit.value}）不能长于法定时限（{legal.value}{legal.unit.value}）",
        f"the promised time limit ({promised.value} {promised.unit.value}) "
        f"may not exceed the legal one ({legal.value} {legal.unit.value})")]


def problems(located: Located) -> list[Problem]:
    calendar = WorkCalendar.from_site(located.site)
    compared: dict[tuple, bool] = {}  # a mixed-unit comparison walks every start day: once per pair

    def exceeds(promised: m.TimeLimit, legal: m.TimeLimit) -> bool:
        key = (promised.value, promised.unit, legal.value, legal.unit)
        if key not in compared:
            compared[key] = promise_exceeds(promised, legal, calendar)
        return compared[key]

    today = located.build_date
    out = []
    for entry in located.guides:
        out += _promise(entry, exceeds)
        if entry.value.reviewed is not None:
            out += _not_future(entry, ("reviewed", "date"), entry.value.reviewed.date, today)
    for entry in located.clues:
        out += _in_order(entry, CLUE_ORDER)
        for name in CLUE_DATES:
            out += _not_future(entry, name, getattr(entry.value, name), today)
    for entry in located.tasks:
        out += _in_order(entry, TASK_ORDER)
    return out
