"""Deadline arithmetic: known answers worked out by hand on a calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.derive.calendar import (
    ClueState,
    DeadlineRule,
    WorkCalendar,
    add_days,
    days_between,
    in_working_days,
    most_held,
    promise_exceeds,
)
from generator.load.loader import load_content
from generator.model import ComplaintClue, TimeLimit
from generator.model.types import DayUnit

from .conftest import ROOT, TEST_DATE

D = dt.date.fromisoformat
CAL, WORK = DayUnit.CALENDAR, DayUnit.WORKING


@pytest.fixture(scope="module")
def shipped_calendar() -> WorkCalendar:
    """The holidays and adjusted working days configured in the shipped site.yaml."""
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    return WorkCalendar.from_site(loaded.site.value)


@pytest.mark.parametrize("start, days, expected", [
    ("2025-01-22", 10, "2025-02-01"),  # across a month end
    ("2025-01-31", 10, "2025-02-10"),  # from the last day of a month
    ("2025-02-20", 10, "2025-03-02"),  # February of a common year has 28 days
    ("2024-02-20", 10, "2024-03-01"),  # ... and 29 in a leap year
    ("2025-12-25", 10, "2026-01-04"),  # across the year end
    ("2025-11-13", 10, "2025-11-23"),  # a Sunday stays the last day under the calendar rule
    ("2025-03-01", 0, "2025-03-01"),
])
def test_calendar_days(start, days, expected):
    assert add_days(D(start), days, CAL) == D(expected)
    assert days_between(D(start), D(expected), CAL) == days


@pytest.mark.parametrize("start, days, expected", [
    ("2025-11-14", 10, "2025-11-28"),  # Friday: two full weeks, weekends skipped
    ("2025-11-15", 1, "2025-11-17"),  # from a Saturday the next working day is Monday
    ("2025-01-29", 3, "2025-02-03"),  # month end on a Wednesday, weekend skipped
    ("2025-12-29", 5, "2026-01-05"),  # year end, no holidays configured
])
def test_working_days_without_holidays(start, days, expected):
    assert add_days(D(start), days, WORK) == D(expected)
    assert days_between(D(start), D(expected), WORK) == days


@pytest.mark.parametrize("start, days, expected", [
    # 2025 National Day + Mid-Autumn: 10-01..10-08 off; Sun 09-28 and Sat 10-11 are working days.
    ("2025-09-26", 10, "2025-10-16"),
    # 2026 New Year: 01-01..01-03 off, Sun 01-04 is a working day.
    ("2025-12-24", 5, "2025-12-31"),
    ("2025-12-24", 7, "2026-01-05"),
    # 2026 Spring Festival: 02-15..02-23 off; Sat 02-14 is a working day.
    ("2026-02-13", 3, "2026-02-25"),
    # 2024 Spring Festival: 02-10..02-17 off, Sun 02-18 is a working day.
    ("2024-02-08", 2, "2024-02-18"),
])
def test_working_days_with_the_shipped_holidays(shipped_calendar, start, days, expected):
    assert add_days(D(start), days, WORK, shipped_calendar) == D(expected)
    assert days_between(D(start), D(expected), WORK, shipped_calendar) == days


def test_calendar_knows_weekends_holidays_and_adjusted_days():
    calendar = WorkCalendar.of(holidays=[D("2025-10-01")], workdays=[D("2025-09-28")])
    assert calendar.is_working_day(D("2025-09-29"))  # Monday
    assert not calendar.is_working_day(D("2025-10-01"))  # a holiday on a Wednesday
    assert calendar.is_working_day(D("2025-09-28"))  # an adjusted working Sunday
    assert not calendar.is_working_day(D("2025-10-04"))  # a plain Saturday


def clue(transferred=None, reported=None, received="2025-09-20") -> ComplaintClue:
    return ComplaintClue(id="t-1", received=D(received), channel="来信", category="其他", summary="测试",
                         transferred_to="scjgj" if transferred else None,
                         transferred_on=D(transferred) if transferred else None,
                         result_reported_on=D(reported) if reported else None, status="已受理")


AS_OF = D(TEST_DATE)  # 2025-11-20


def test_clue_states_under_the_calendar_rule():
    rule = DeadlineRule(10, CAL)
    in_time = rule.timing(clue("2025-11-01", "2025-11-11"), AS_OF)
    assert (in_time.deadline, in_time.days, in_time.state, in_time.days_overdue) == (
        D("2025-11-11"), 10, ClueState.IN_TIME, 0)
    late = rule.timing(clue("2025-11-01", "2025-11-12"), AS_OF)
    assert (late.days, late.state, late.days_overdue) == (11, ClueState.LATE, 1)
    overdue = rule.timing(clue("2025-11-03"), AS_OF)
    assert (overdue.deadline, overdue.days, overdue.state, overdue.days_overdue) == (
        D("2025-11-13"), 17, ClueState.OVERDUE, 7)
    due_today = rule.timing(clue("2025-11-10"), AS_OF)  # the deadline is the as-of date itself
    assert (due_today.deadline, due_today.state) == (AS_OF, ClueState.OPEN)
    waiting = rule.timing(clue(), AS_OF)
    assert (waiting.deadline, waiting.days, waiting.state) == (None, None, ClueState.NOT_TRANSFERRED)


def test_the_day_rule_decides(shipped_calendar):
    """Transferred on Friday 2025-09-26, result on 2025-10-09, across the National Day holiday."""
    reported = clue("2025-09-26", "2025-10-09")
    calendar = DeadlineRule(10, CAL, shipped_calendar).timing(reported, AS_OF)
    assert (calendar.deadline, calendar.days, calendar.state, calendar.days_overdue) == (
        D("2025-10-06"), 13, ClueState.LATE, 3)
    working = DeadlineRule(10, WORK, shipped_calendar).timing(reported, AS_OF)
    assert (working.deadline, working.days, working.state) == (D("2025-10-16"), 4, ClueState.IN_TIME)


def test_the_rule_comes_from_site_config():
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    rule = DeadlineRule.from_site(loaded.site.value)
    assert (rule.days, rule.rule) == (loaded.site.value.complaint_deadline_days, loaded.site.value.complaint_day_rule)
    assert not rule.calendar.is_working_day(D("2025-10-08"))
    assert rule.calendar.is_working_day(D("2025-10-11"))


def site_with(tmp_path, extra: str):
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "loader_base", root)
    site = root / "site_config" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_content(root / "content", root / "site_config")


def test_working_day_rule_without_that_years_holidays_warns(tmp_path):
    from generator.validate.accountability_rules import calendar_problems

    loaded = site_with(tmp_path, "complaint_day_rule: 工作日\nholidays: [2024-10-01]\nworkdays: [2024-10-01]\n")
    got = [(p.field, p.is_error, p.message_zh) for p in calendar_problems(loaded, AS_OF)]
    assert got == [
        ("holidays[0]", True, "2024-10-01 同时列在 holidays 和 workdays 中"),
        ("holidays", False, "时限按工作日计算，但未配置 2025 年的法定节假日：请按当年国务院办公厅放假安排补充 holidays 和 workdays"),
    ]
    calendar_rule = site_with(tmp_path / "b", "holidays: [2024-10-01]\n")  # 自然日: holidays do not matter
    assert calendar_problems(calendar_rule, AS_OF) == []


def days(first: str, last: str) -> list[dt.date]:
    return [D(first) + dt.timedelta(days=k) for k in range((D(last) - D(first)).days + 1)]


# The 2025 arrangement (国办发明电〔2024〕12号), as in the shipped site.yaml.
HOLIDAYS_2025 = (days("2025-01-01", "2025-01-01") + days("2025-01-28", "2025-02-04") + days("2025-04-04", "2025-04-06")
                 + days("2025-05-01", "2025-05-05") + days("2025-05-31", "2025-06-02") + days("2025-10-01", "2025-10-08"))
WORKDAYS_2025 = [D("2025-01-26"), D("2025-02-08"), D("2025-04-27"), D("2025-09-28"), D("2025-10-11")]


def limit(value: int, unit: DayUnit) -> TimeLimit:
    return TimeLimit(value=value, unit=unit)


def test_a_promise_is_checked_on_the_configured_calendar():
    national_day = WorkCalendar.of(HOLIDAYS_2025, WORKDAYS_2025)
    # 5 working days from Tue 2025-09-30: 10-09, 10-10, Sat 10-11 (adjusted), 10-13, 10-14.
    assert add_days(D("2025-09-30"), 5, WORK, national_day) == D("2025-10-14")
    assert promise_exceeds(limit(5, WORK), limit(13, CAL), national_day)  # 14 days > 13
    assert not promise_exceeds(limit(5, WORK), limit(14, CAL), national_day)  # 14 days at most
    # In plain weeks 5 working days span at most 7 calendar days (from a Friday to the next).
    assert not promise_exceeds(limit(5, WORK), limit(7, CAL))
    assert promise_exceeds(limit(5, WORK), limit(6, CAL))
    # 7 calendar days from Sun 2025-09-21 hold 6 working days: 09-22..09-26 and Sun 09-28.
    assert promise_exceeds(limit(7, CAL), limit(5, WORK), national_day)
    assert not promise_exceeds(limit(7, CAL), limit(5, WORK))  # a plain week holds 5
    assert promise_exceeds(limit(8, CAL), limit(5, WORK))  # Mon..Mon holds 6
    assert not promise_exceeds(limit(10, WORK), limit(10, WORK), national_day)
    # The figures behind those answers.
    assert (most_held(5, WORK), most_held(7, CAL), most_held(8, CAL)) == (7, 5, 6)
    assert (most_held(5, WORK, national_day), most_held(7, CAL, national_day)) == (14, 6)
    assert most_held(0, WORK) == 0 and most_held(0, CAL) == 0


def test_a_calendar_day_limit_in_working_days():
    # No calendar configured: a plain week, 5 working days in 7.
    assert in_working_days(limit(14, CAL)) == 10
    assert in_working_days(limit(20, WORK)) == 20
    # 2025: 365 days, 104 of them Saturdays and Sundays (1 January is a Wednesday), 18 holidays
    # on weekdays (1 + 6 + 1 + 3 + 1 + 6), 5 adjusted working days: 365 - 104 - 18 + 5 = 248.
    calendar_2025 = WorkCalendar.of(HOLIDAYS_2025, WORKDAYS_2025)
    assert calendar_2025.working_share() == (248, 365)
    assert in_working_days(limit(30, CAL), calendar_2025) == pytest.approx(20.38, abs=0.005)
    assert in_working_days(limit(20, WORK), calendar_2025) == 20
