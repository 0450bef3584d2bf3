"""Figures of the complaint-clue and rectification ledgers (mechanisms 6, 7 and 9).

Takes the clues and tasks (and the configured deadline rule and "as of" date);
gives ready values for pages and checks: each clue's closed loop and timing, the
totals (received, closed in time, closed late, overdue, open, median days), each
task's state (closed on time / closed late / overdue / open), and per-department
groups. `ledger_problems` turns overdue clues and tasks into WARNINGs for
`qingdan check`, located at the clue's or task's own lines.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from generator import model as m
from generator.derive.calendar import ClueState, ClueTiming, DeadlineRule
from generator.model.kinds import Kind
from generator.problems import Problem, Severity

# --- complaint clues --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClueRow:
    clue: m.ComplaintClue
    timing: ClueTiming

    @property
    def loop_closed(self) -> bool:
        """问题收集－受理解决－追溯回访: closed once the complainant got feedback."""
        return self.clue.feedback_on is not None


@dataclass(frozen=True, slots=True)
class ClueTotals:
    received: int
    in_time: int
    late: int
    overdue: int
    open: int  # within the deadline, or not yet transferred
    not_transferred: int
    median_days: float | None  # over clues whose result was reported
    feedback_given: int

    @property
    def closed(self) -> int:
        return self.in_time + self.late

    @property
    def in_time_rate(self) -> float | None:
        """Share of the clues whose deadline has come (closed or overdue) that were closed in time."""
        due = self.in_time + self.late + self.overdue
        return self.in_time / due if due else None


def clue_rows(clues: Iterable[m.ComplaintClue], rule: DeadlineRule, as_of: dt.date) -> list[ClueRow]:
    """Newest received first; ties by id so the order is stable."""
    rows = [ClueRow(c, rule.timing(c, as_of)) for c in clues]
    return sorted(rows, key=lambda r: (r.clue.received, r.clue.id), reverse=True)


def median(values: Sequence[int]) -> float | None:
    return statistics.median(values) if values else None


def clue_totals(rows: Sequence[ClueRow]) -> ClueTotals:
    states = [r.timing.state for r in rows]
    return ClueTotals(
        received=len(rows),
        in_time=states.count(ClueState.IN_TIME),
        late=states.count(ClueState.LATE),
        overdue=states.count(ClueState.OVERDUE),
        open=states.count(ClueState.OPEN) + states.count(ClueState.NOT_TRANSFERRED),
        not_transferred=states.count(ClueState.NOT_TRANSFERRED),
        median_days=median([r.timing.days for r in rows if r.timing.state.closed and r.timing.days is not None]),
        feedback_given=sum(r.loop_closed for r in rows),
    )


# --- rectification tasks ----------------------------------------------------------------


class TaskState(StrEnum):
    """A task against its deadline on the "as of" date. The value is the label shown on pages."""

    CLOSED_ON_TIME = "按期销号"
    CLOSED_LATE = "超期销号"
    OVERDUE = "已逾期"
    OPEN = "整改中（未到期）"

    @property
    def closed(self) -> bool:
        return self in (TaskState.CLOSED_ON_TIME, TaskState.CLOSED_LATE)


def task_state(task: m.RectificationTask, as_of: dt.date) -> TaskState:
    if task.closed_on is not None:
        return TaskState.CLOSED_ON_TIME if task.closed_on <= task.deadline else TaskState.CLOSED_LATE
    return TaskState.OVERDUE if as_of > task.deadline else TaskState.OPEN


@dataclass(frozen=True, slots=True)
class TaskRow:
    task: m.RectificationTask
    state: TaskState
    days_overdue: int  # calendar days past the deadline: to the close-out, or to the "as of" date


def task_row(task: m.RectificationTask, as_of: dt.date) -> TaskRow:
    state = task_state(task, as_of)
    end = task.closed_on if task.closed_on is not None else as_of
    return TaskRow(task, state, max(0, (end - task.deadline).days) if state in (
        TaskState.CLOSED_LATE, TaskState.OVERDUE) else 0)


def task_rows(tasks: Iterable[m.RectificationTask], as_of: dt.date) -> list[TaskRow]:
    """Deadline order (earliest first), then id: what is due soonest comes first."""
    return sorted((task_row(t, as_of) for t in tasks), key=lambda r: (r.task.deadline, r.task.id))


@dataclass(frozen=True, slots=True)
class TaskTotals:
    total: int
    closed_on_time: int
    closed_late: int
    overdue: int
    open: int

    @property
    def on_time_rate(self) -> float | None:
        """Share of the tasks that are due (closed or past their deadline) closed on time."""
        due = self.closed_on_time + self.closed_late + self.overdue
        return self.closed_on_time / due if due else None


def task_totals(rows: Sequence[TaskRow]) -> TaskTotals:
    states = [r.state for r in rows]
    return TaskTotals(len(rows), states.count(TaskState.CLOSED_ON_TIME), states.count(TaskState.CLOSED_LATE),
                      states.count(TaskState.OVERDUE), states.count(TaskState.OPEN))


# --- per department ---------------------------------------------------------------------


@dataclass(slots=True)
class DepartmentLedger:
    department_id: str
    clues: list[ClueRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)

    @property
    def clue_totals(self) -> ClueTotals:
        return clue_totals(self.clues)

    @property
    def task_totals(self) -> TaskTotals:
        return task_totals(self.tasks)


def by_department(department_ids: Iterable[str], clues: Sequence[ClueRow],
                  tasks: Sequence[TaskRow]) -> list[DepartmentLedger]:
    """One group per department that has a clue or a task, in departments-file order."""
    groups = {d: DepartmentLedger(d) for d in department_ids}
    for row in clues:
        if row.clue.transferred_to in groups:
            groups[row.clue.transferred_to].clues.append(row)
    for row in tasks:
        if row.task.department in groups:
            groups[row.task.department].tasks.append(row)
    return [g for g in groups.values() if g.clues or g.tasks]


# --- checks -----------------------------------------------------------------------------


def ledger_problems(loaded, as_of: dt.date) -> list[Problem]:
    """WARNINGs for overdue clues and tasks in a `LoadedContent`, at each entry's own line."""
    if loaded.site is None:
        return []
    rule = DeadlineRule.from_site(loaded.site.value)
    problems = []
    for file in loaded.files[Kind.COMPLAINTS]:
        for i, clue in enumerate(file.value.clues):
            timing = rule.timing(clue, as_of)
            if timing.state == ClueState.OVERDUE:
                problems.append(file.doc.problem(
                    ("clues", i, "transferred_on"),
                    f"线索 {clue.id} 已逾期 {timing.days_overdue} {rule.unit}：转办后应于 {timing.deadline} 前"
                    f"报送处理结果（截至 {as_of} 未报送）",
                    f"clue {clue.id} is overdue by {timing.days_overdue} day(s): the result was due by "
                    f"{timing.deadline} (none reported as of {as_of})",
                    severity=Severity.WARNING,
                ))
    for file in loaded.files[Kind.RECTIFICATION]:
        for i, task in enumerate(file.value.tasks):
            row = task_row(task, as_of)
            if row.state == TaskState.OVERDUE:
                problems.append(file.doc.problem(
                    ("tasks", i, "deadline"),
                    f"整改任务 {task.id} 已逾期 {row.days_overdue} 天（完成时限 {task.deadline}，截至 {as_of} 未销号）",
                    f"rectification task {task.id} is {row.days_overdue} day(s) overdue "
                    f"(deadline {task.deadline}, not closed out as of {as_of})",
                    severity=Severity.WARNING,
                ))
    return problems
