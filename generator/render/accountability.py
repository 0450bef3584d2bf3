"""Accountability pages (mechanisms 6–10): the complaint-clue ledger, the rectification
ledger and the department scorecard.

Takes the `Content` graph; gives three pages:
`ledgers/complaints/index.md`, `ledgers/rectification/index.md`, `scorecard/index.md`.
The `*_view` functions turn the graph into ready values (dates as text, states with
their labels and CSS tone, links as docs paths), so templates hold markup only.
Every state is written out in words; the colour of a badge only repeats it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator import model as m
from generator.derive import ledgers
from generator.derive import scorecard as sc
from generator.derive.calendar import ClueState, DeadlineRule
from generator.model.content import Content
from generator.model.ledgers import TaskSource
from generator.model.scorecard import Dimension
from generator.render import Output, urls
from generator.render.links import Link
from generator.render.templating import render_page

# State label -> tone of its badge (a CSS class suffix). The label is always shown.
TONES = {
    ClueState.IN_TIME: "ok", ClueState.LATE: "late", ClueState.OVERDUE: "overdue",
    ClueState.OPEN: "open", ClueState.NOT_TRANSFERRED: "open",
    ledgers.TaskState.CLOSED_ON_TIME: "ok", ledgers.TaskState.CLOSED_LATE: "late",
    ledgers.TaskState.OVERDUE: "overdue", ledgers.TaskState.OPEN: "open",
}


@dataclass(frozen=True, slots=True)
class Badge:
    text: str
    tone: str


def _day(value) -> str:
    return value.isoformat() if value is not None else ""


def _dept_link(content: Content, dept_id: str | None) -> Link | None:
    if dept_id is None or dept_id not in content.departments:
        return None
    return Link(urls.department(dept_id), content.departments[dept_id].name)


def _task_link(task: m.RectificationTask) -> Link:
    return Link(urls.RECTIFICATION_LEDGER, f"{task.id} {task.title}", fragment=task.id)


def _case_link(content: Content, case_id: str | None) -> Link | None:
    if case_id is None or case_id not in content.cases:
        return None
    return Link(urls.case(case_id), content.cases[case_id].title)


def _item_link(content: Content, code: str | None) -> Link | None:
    item = content.item_in_any_edition(code) if code else None
    return Link(urls.item(code), f"{code} {item.name}") if item else None


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


# --- complaint clues --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One stage of the closed loop: its name, its date (or empty), and whether it is done."""

    name: str
    date: str


@dataclass(frozen=True, slots=True)
class ClueView:
    clue: m.ComplaintClue
    anchor: str
    department: Link | None
    steps: tuple[Step, ...]
    deadline: str
    days: str
    badge: Badge
    detail: str  # e.g. "逾期 7 天", "" when nothing to add
    tasks: tuple[Link, ...]
    cases: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class DepartmentClues:
    department: Link
    totals: ledgers.ClueTotals


def clue_view(content: Content, row: ledgers.ClueRow, rule: DeadlineRule, tasks_of_clue) -> ClueView:
    c, t = row.clue, row.timing
    steps = (Step("收到线索", _day(c.received)), Step("转办", _day(c.transferred_on)),
             Step("报送处理结果", _day(c.result_reported_on)), Step("追溯回访", _day(c.feedback_on)))
    if t.state == ClueState.OVERDUE:
        detail = f"已逾期 {t.days_overdue} {rule.unit}"
    elif t.state == ClueState.LATE:
        detail = f"超过时限 {t.days_overdue} {rule.unit}"
    elif t.state.closed and not row.loop_closed:
        detail = "待回访"
    else:
        detail = ""
    tasks = tasks_of_clue.get(c.id, [])
    return ClueView(
        clue=c, anchor=f"clue-{c.id}", department=_dept_link(content, c.transferred_to), steps=steps,
        deadline=_day(t.deadline) or "转办后起算",
        days="—" if t.days is None else f"{t.days} {rule.unit}" + ("（未办结）" if not t.state.closed else ""),
        badge=Badge(t.state.value, TONES[t.state]), detail=detail,
        tasks=tuple(_task_link(task) for task in tasks),
        cases=tuple(link for task in tasks if (link := _case_link(content, task.case))),
    )


def complaints_view(content: Content) -> dict:
    rule = DeadlineRule.from_site(content.site)
    rows = ledgers.clue_rows(content.clues, rule, content.build_date)
    tasks_of_clue: dict[str, list[m.RectificationTask]] = {}
    for task in content.tasks:
        if task.clue:
            tasks_of_clue.setdefault(task.clue, []).append(task)
    groups = ledgers.by_department(content.departments, rows, [])
    return {
        "rule": rule,
        "totals": ledgers.clue_totals(rows),
        "clues": [clue_view(content, row, rule, tasks_of_clue) for row in rows],
        "departments": [DepartmentClues(_dept_link(content, g.department_id), g.clue_totals) for g in groups],
    }


def complaints_page(content: Content) -> Iterable[Output]:
    yield Output(urls.COMPLAINTS_LEDGER, render_page(
        "accountability/complaints.md.j2", urls.COMPLAINTS_LEDGER, site=content.site, as_of=content.build_date.isoformat(),
        channel=urls.COMPLAINT, rectification=urls.RECTIFICATION_LEDGER, **complaints_view(content),
    ))


# --- rectification tasks ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskView:
    task: m.RectificationTask
    department: Link | None
    badge: Badge
    detail: str
    case: Link | None
    clue: Link | None
    item: Link | None  # the case's list item, when the task came from a case


@dataclass(frozen=True, slots=True)
class DepartmentTasks:
    department: Link
    anchor: str
    totals: ledgers.TaskTotals
    tasks: tuple[TaskView, ...]


def task_view(content: Content, row: ledgers.TaskRow) -> TaskView:
    t = row.task
    case = content.cases.get(t.case) if t.case else None
    if row.state == ledgers.TaskState.OVERDUE:
        detail = f"已逾期 {row.days_overdue} 天"
    elif row.state == ledgers.TaskState.CLOSED_LATE:
        detail = f"超过时限 {row.days_overdue} 天销号"
    else:
        detail = ""
    return TaskView(
        task=t, department=_dept_link(content, t.department), badge=Badge(row.state.value, TONES[row.state]),
        detail=detail, case=_case_link(content, t.case),
        clue=Link(urls.COMPLAINTS_LEDGER, f"线索 {t.clue}", fragment=f"clue-{t.clue}") if t.clue else None,
        item=_item_link(content, case.list_item) if case else None,
    )


def rectification_view(content: Content) -> dict:
    rows = ledgers.task_rows(content.tasks, content.build_date)
    groups = ledgers.by_department(content.departments, [], rows)
    sources = [(source.value, sum(1 for r in rows if r.task.source == source)) for source in TaskSource]
    return {
        "totals": ledgers.task_totals(rows),
        "sources": sources,
        "overdue": [task_view(content, r) for r in rows if r.state == ledgers.TaskState.OVERDUE],
        "departments": [
            DepartmentTasks(_dept_link(content, g.department_id), f"dept-{g.department_id}", g.task_totals,
                            tuple(task_view(content, r) for r in g.tasks))
            for g in groups
        ],
    }


def rectification_page(content: Content) -> Iterable[Output]:
    yield Output(urls.RECTIFICATION_LEDGER, render_page(
        "accountability/rectification.md.j2", urls.RECTIFICATION_LEDGER, as_of=content.build_date.isoformat(),
        complaints=urls.COMPLAINTS_LEDGER, **rectification_view(content),
    ))


# --- scorecard --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoreView:
    rank: str
    department: Link
    indicators: tuple[tuple[str, str], ...]  # (value, basis)
    data_score: str
    office_scores: tuple[str, ...]  # in dimension order
    office_score: str
    total: str
    note: str


NOT_APPLICABLE = "不适用"  # nothing to score: never shown as 100


def scorecard_view(content: Content) -> dict:
    rows = content.facts.scorecard
    views, rank = [], 0
    for row in rows:
        rank += row.total is not None
        views.append(ScoreView(
            rank=str(rank) if row.total is not None else "—",
            department=_dept_link(content, row.department.id),
            indicators=tuple((_percent(i.value) if i.value is not None else NOT_APPLICABLE, i.basis)
                             for i in row.indicators),
            data_score=_percent(row.data_score) if row.data_score is not None else NOT_APPLICABLE,
            office_scores=tuple(str(row.office_scores[d]) if row.office_scores and d in row.office_scores else "—"
                                for d in Dimension),
            office_score=_percent(row.office_score),
            total=_percent(row.total) if row.total is not None else
            "—（待单位评分）" if row.office_score is None else "—（数据指标不适用，不排名）",
            note=row.note or "",
        ))
    weight = round(sc.weight(content) * 100)
    return {
        "period": sc.period_of(content),
        "weight": weight,
        "office_weight": 100 - weight,
        "indicators": [(key, name, sc.formula(key, how)) for key, name, how in sc.INDICATORS],
        "dimensions": [d.value for d in Dimension],
        "penalty": sc.CASE_PENALTY,
        "rows": views,
        "commendations": [(c, _dept_link(content, c.department)) for c in sc.commendations(content)],
        "sample": bool(content.scorecard and content.scorecard.sample),
        "has_file": content.scorecard is not None,
    }


def scorecard_page(content: Content) -> Iterable[Output]:
    yield Output(urls.SCORECARD, render_page(
        "accountability/scorecard.md.j2", urls.SCORECARD, as_of=content.build_date.isoformat(),
        complaints=urls.COMPLAINTS_LEDGER, rectification=urls.RECTIFICATION_LEDGER, **scorecard_view(content),
    ))


RENDERERS = [complaints_page, rectification_page, scorecard_page]
