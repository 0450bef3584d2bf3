"""The one working-day calendar: deadlines, time-limit comparisons and conversions. Pure, no I/O.

Takes dates, a day unit (自然日 calendar days / 工作日 working days) and a
`WorkCalendar` (public holidays and adjusted working days from site_config);
gives deadlines, days taken, the status of a clue against an "as of" date,
whether a promised time limit can end after the legal one, and a time limit
expressed in working days (for the reduction figures).

Conventions (the notice: 责任单位在 10 日内将处理结果报县发展改革局):
- the period starts the day after the transfer: transferred on the 1st with a
  10-calendar-day limit, the result is due by the 11th;
- working days skip Saturdays, Sundays and configured holidays, but count the
  configured adjusted working days (调休上班日) even on a weekend;
- a clue is judged on the date the unit reported its result; the loop itself
  closes when the complainant gets feedback (追溯回访), shown separately.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from generator.model.guides import TimeLimit
from generator.model.ledgers import ComplaintClue
from generator.model.site_config import SiteConfig
from generator.model.types import DayUnit

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Which days are working days: weekdays, minus holidays, plus adjusted working days."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()

    @classmethod
    def of(cls, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> WorkCalendar:
        return cls(frozenset(holidays), frozenset(workdays))

    @classmethod
    def from_site(cls, site: SiteConfig) -> WorkCalendar:
        return cls.of(site.holidays, site.workdays)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def start_days(self) -> list[dt.date]:
        """The days a period may start on to meet every case this calendar knows: every day
        from 1 January of the first configured year to 31 December of the last, or, with
        nothing configured, the seven days of one week."""
        years = sorted({d.year for d in (*self.holidays, *self.workdays)})
        first, last = (dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)) if years else \
            (dt.date(2023, 1, 2), dt.date(2023, 1, 8))
        return [first + k * ONE_DAY for k in range((last - first).days + 1)]

    def working_share(self) -> tuple[int, int]:
        """(working days, days) over the configured years; (5, 7), a plain week, when none is configured."""
        years = {d.year for d in (*self.holidays, *self.workdays)}
        if not years:
            return 5, 7
        days = [d for d in self.start_days() if d.year in years]
        return sum(map(self.is_working_day, days)), len(days)


def add_days(start: dt.date, days: int, rule: DayUnit, calendar: WorkCalendar = WorkCalendar()) -> dt.date:
    """The last day of a period of `days` days that starts the day after `start`."""
    if rule == DayUnit.CALENDAR:
        return start + dt.timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += ONE_DAY
        if calendar.is_working_day(day):
            left -= 1
    return day


def days_between(start: dt.date, end: dt.date, rule: DayUnit, calendar: WorkCalendar = WorkCalendar()) -> int:
    """Days used from `start` to `end`, counted like a period: (start, end], in the rule's unit.

    The inverse of `add_days` on working days: days_between(s, add_days(s, n)) == n.
    """
    if rule == DayUnit.CALENDAR:
        return (end - start).days
    count, day = 0, start  # an end before the start counts 0 (validation rejects that order)
    while day < end:
        day += ONE_DAY
        count += calendar.is_working_day(day)
    return count


def in_working_days(limit: TimeLimit, calendar: WorkCalendar = WorkCalendar()) -> float:
    """A time limit in working days: a calendar-day limit counts the calendar's share of working days.

    With the 2025 holidays configured (248 working days in 365), 30 calendar days are
    30 × 248 / 365 ≈ 20.4 working days; with none configured, 14 calendar days are 10.
    """
    if limit.unit == DayUnit.WORKING:
        return limit.value
    working, days = calendar.working_share()
    return limit.value * working / days


def most_held(value: int, unit: DayUnit, calendar: WorkCalendar = WorkCalendar()) -> int:
    """The most days of the other unit a period of `value` days in `unit` holds, whatever day
    it starts on (`start_days`): in plain weeks 5 working days span at most 7 calendar days
    (from a Friday) and 7 calendar days hold at most 5 working days.

    The same counting as `add_days` and `days_between`, done once over all start days
    (running totals instead of a walk from each start)."""
    starts = calendar.start_days()
    first, count = starts[0], len(starts)

    def working(k: int) -> bool:
        return calendar.is_working_day(first + k * ONE_DAY)

    if unit == DayUnit.CALENDAR:
        # Working days among days 0..k-1, for k up to the last start plus the period.
        before = list(accumulate((working(k) for k in range(count + value)), initial=0))
        return max(before[a + value + 1] - before[a + 1] for a in range(count))
    if value == 0:
        return 0
    # The days that are working days, far enough past the last start to hold `value` more.
    positions = [k for k in range(count) if working(k)]
    k = count
    while len(positions) - bisect_right(positions, count - 1) < value:
        if working(k):
            positions.append(k)
        k += 1
    return max(positions[bisect_right(positions, a) + value - 1] - a for a in range(count))


def promise_exceeds(promised: TimeLimit, legal: TimeLimit, calendar: WorkCalendar = WorkCalendar()) -> bool:
    """Whether a promised time limit can end after the legal one, whatever day the clock starts.

    The promise's end is measured in the legal limit's unit: 7 calendar days promised
    against 5 working days hold at most 5 working days (not more); 5 working days
    promised against 7 calendar days started on 2025-09-30 end on 2025-10-14, after
    the National Day holiday, 14 calendar days later (more).
    """
    if promised.unit == legal.unit:
        return promised.value > legal.value
    # A plain week too: a long period that starts in a configured year may meet no holiday.
    return max(most_held(promised.value, promised.unit, cal) for cal in (WorkCalendar(), calendar)) > legal.value


class ClueState(StrEnum):
    """Where a clue stands against its deadline. The value is the label shown on pages."""

    IN_TIME = "按期办结"  # result reported on or before the deadline
    LATE = "超期办结"  # result reported after the deadline
    OVERDUE = "逾期未办结"  # no result yet and the deadline has passed
    OPEN = "办理中"  # no result yet, still within the deadline
    NOT_TRANSFERRED = "待转办"  # received, not yet transferred: no deadline runs yet

    @property
    def closed(self) -> bool:
        return self in (ClueState.IN_TIME, ClueState.LATE)


@dataclass(frozen=True, slots=True)
class ClueTiming:
    """A clue measured against its deadline on the "as of" date."""

    deadline: dt.date | None
    days: int | None  # days used: to the result, or so far when still open; None before transfer
    state: ClueState
    days_overdue: int  # days past the deadline (0 when not overdue or late)


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """The configured complaint deadline: how many days, counted how, on which calendar."""

    days: int
    rule: DayUnit
    calendar: WorkCalendar = WorkCalendar()

    @classmethod
    def from_site(cls, site: SiteConfig) -> DeadlineRule:
        return cls(site.complaint_deadline_days, site.complaint_day_rule, WorkCalendar.from_site(site))

    @property
    def unit(self) -> str:
        """"天" for calendar days, "个工作日" for working days — for sentences like "10 个工作日"."""
        return "天" if self.rule == DayUnit.CALENDAR else "个工作日"

    def deadline(self, transferred: dt.date) -> dt.date:
        return add_days(transferred, self.days, self.rule, self.calendar)

    def timing(self, clue: ComplaintClue, as_of: dt.date) -> ClueTiming:
        if clue.transferred_on is None:
            return ClueTiming(None, None, ClueState.NOT_TRANSFERRED, 0)
        deadline = self.deadline(clue.transferred_on)
        if clue.result_reported_on is not None:
            days = days_between(clue.transferred_on, clue.result_reported_on, self.rule, self.calendar)
            late = clue.result_reported_on > deadline
            # At least 1: a result reported on the weekend after a Friday deadline is still late.
            overdue_by = max(1, days_between(deadline, clue.result_reported_on, self.rule, self.calendar)) if late else 0
            return ClueTiming(deadline, days, ClueState.LATE if late else ClueState.IN_TIME, overdue_by)
        days = max(0, days_between(clue.transferred_on, as_of, self.rule, self.calendar))
        if as_of > deadline:
            return ClueTiming(deadline, days, ClueState.OVERDUE,
                              max(1, days_between(deadline, as_of, self.rule, self.calendar)))
        return ClueTiming(deadline, days, ClueState.OPEN, 0)
