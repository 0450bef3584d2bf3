"""The department scorecard (mechanism 10): indicators computed from the data, plus the
office's scores, combined by one formula that the page shows in words.

Takes the `Content` graph (with its optional `scorecard` file); gives one row per
department. For the scorecard's period:

- 指南完整且现行率 G = 100 × mean over the department's guides of its completeness (share of
  the expected fields filled, `quality.guide_completeness`), counting a stale guide as 0
- 线索按期办结率 C = 100 × clues closed within the deadline / clues whose deadline has come
  (closed in time, closed late, or overdue), over clues received in the period
- 整改按期完成率 R = 100 × tasks closed on time / tasks that are due (closed, or past
  their deadline), over tasks assigned in the period
- 违规案例指标 V = max(0, 100 − 20 × cases dated in the period)

数据指标得分 D = mean of the indicators that apply (a department with no guides has no G);
a department with no guide, clue or task to measure and no case has no D (不适用, not 100);
单位评分 O = mean of the five dimension scores the office entered;
综合得分 = D × w + O × (1 − w), w = data_weight / 100 (50 % unless configured).
A department without office scores gets no total (it would not be comparable).
`scorecard_problems` checks the file: departments exist, each entered once with all
five dimensions, the period in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator import model as m
from generator.derive.calendar import DeadlineRule
from generator.derive.ledgers import clue_rows, clue_totals, task_rows, task_totals
from generator.derive.quality import guide_completeness
from generator.derive.staleness import StaleDocument
from generator.model.content import Content
from generator.model.kinds import Kind
from generator.model.scorecard import Commendation, Dimension, ScorecardFile
from generator.problems import Problem

CASE_PENALTY = 20  # points off the case indicator per case in the period

# (key, label, what it measures) — the page lists them in this order.
INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("guides", "指南完整且现行率", "本单位各办事指南字段完整率的平均值（待更新的指南按 0 计）"),
    ("clues", "线索按期办结率", "期限内报送处理结果的线索 ÷ 已到期的线索（按期办结、超期办结、逾期未办结）"),
    ("tasks", "整改按期完成率", "按期销号的整改任务 ÷ 已到期的整改任务（已销号或已过完成时限）"),
    ("cases", "违规案例指标", f"100 − {CASE_PENALTY} × 本期涉及本单位的违规案例数，最低 0"),
)
# Indicators that are a share of a whole (a ÷ b), scored as 100 × the share.
RATE_INDICATORS = frozenset({"clues", "tasks"})


def formula(key: str, how: str) -> str:
    """An indicator's formula in words, as the scorecard page states it."""
    return f"100 × {how}" if key in RATE_INDICATORS else how


@dataclass(frozen=True, slots=True)
class Period:
    title: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    value: float | None  # 0–100, None when it does not apply
    basis: str  # the counts behind it, e.g. "3/4"


@dataclass(frozen=True, slots=True)
class ScoreRow:
    department: m.Department
    indicators: tuple[Indicator, ...]
    data_score: float | None
    office_scores: dict[Dimension, int] | None
    office_score: float | None
    total: float | None
    note: str | None


def _share(part: int, whole: int) -> tuple[float | None, str]:
    return (100 * part / whole if whole else None), (f"{part}/{whole}" if whole else "—")


def mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def period_of(content: Content) -> Period:
    """The file's period, else the calendar year of the "as of" date."""
    if content.scorecard is not None:
        return Period(content.scorecard.period, content.scorecard.start, content.scorecard.end)
    year = content.build_date.year
    return Period(f"{year} 年度", dt.date(year, 1, 1), dt.date(year, 12, 31))


def weight(content: Content) -> float:
    return (content.scorecard.data_weight if content.scorecard is not None else 50) / 100


def indicators(content: Content, dept_id: str, period: Period, stale_guides: set[str]) -> tuple[Indicator, ...]:
    as_of = content.build_date
    guides = content.guides_of_department.get(dept_id, [])
    # A guide still awaiting its update after a list change counts 0, however complete.
    shares = [0.0 if g.service_item in stale_guides else guide_completeness(g)[0] for g in guides]
    waiting = sum(1 for g in guides if g.service_item in stale_guides)
    rule = DeadlineRule.from_site(content.site)
    clues = clue_totals(clue_rows(
        [c for c in content.clues_of_department.get(dept_id, []) if c.received in period], rule, as_of))
    tasks = task_totals(task_rows(
        [t for t in content.tasks_of_department.get(dept_id, []) if t.assigned in period], as_of))
    cases = sum(1 for c in content.cases_of_department.get(dept_id, []) if c.date in period)
    due_clues = clues.in_time + clues.late + clues.overdue
    due_tasks = tasks.closed_on_time + tasks.closed_late + tasks.overdue
    return (
        Indicator("guides", 100 * sum(shares) / len(shares) if shares else None,
                  f"{len(shares)} 份" + (f"，待更新 {waiting} 份" if waiting else "") if shares else "—"),
        Indicator("clues", *_share(clues.in_time, due_clues)),
        Indicator("tasks", *_share(tasks.closed_on_time, due_tasks)),
        Indicator("cases", float(max(0, 100 - CASE_PENALTY * cases)), f"{cases} 件"),
    )


def data_score(values: tuple[Indicator, ...]) -> float | None:
    """The mean of the indicators that apply; None (不适用) when only the case indicator
    does and no case happened: 100 for having nothing to measure would rank a department
    with no guides, clues or tasks above one whose work was measured."""
    guides, clues, tasks, cases = values
    if all(v.value is None for v in (guides, clues, tasks)) and cases.value == 100:
        return None
    return mean(v.value for v in values)


def scorecard_rows(content: Content, stale_documents: Sequence[StaleDocument]) -> list[ScoreRow]:
    """Departments with anything to score, best total first (then departments-file order).
    `stale_documents` is the derived stale list (a stale guide counts as 0 complete)."""
    period = period_of(content)
    w = weight(content)
    stale = {s.document.service_item for s in stale_documents if s.kind == "guide"}
    entered = {d.department: d for d in content.scorecard.departments} if content.scorecard else {}
    rows = []
    for dept_id, dept in content.departments.items():
        values = indicators(content, dept_id, period, stale)
        # The case indicator always applies; a department with nothing else and no scores is left out.
        if all(v.value is None for v in values[:3]) and values[3].value == 100 and dept_id not in entered:
            continue
        data = data_score(values)
        office = entered.get(dept_id)
        office_score = mean(office.scores.values()) if office else None
        total = data * w + office_score * (1 - w) if data is not None and office_score is not None else None
        rows.append(ScoreRow(dept, values, data, dict(office.scores) if office else None, office_score, total,
                             office.note if office else None))
    order = {d: i for i, d in enumerate(content.departments)}
    return sorted(rows, key=lambda r: (r.total is None, -(r.total or 0), order[r.department.id]))


def commendations(content: Content) -> list[Commendation]:
    """Newest first."""
    if content.scorecard is None:
        return []
    return sorted(content.scorecard.commendations, key=lambda c: (c.date, c.department), reverse=True)


# --- checks -----------------------------------------------------------------------------


def scorecard_problems(loaded) -> list[Problem]:
    """ERRORs in content/ledgers/scorecard.yaml (a `LoadedContent`), located at the field."""
    departments = {d.id for f in loaded.files[Kind.DEPARTMENTS] for d in f.value.departments}
    problems = []
    for file in loaded.files[Kind.SCORECARD]:
        card: ScorecardFile = file.value
        doc = file.doc
        if card.end < card.start:
            problems.append(doc.problem(("end",), "期间截止日早于起始日", "the period ends before it starts"))
        seen: set[str] = set()
        for i, entry in enumerate(card.departments):
            if departments and entry.department not in departments:
                problems.append(doc.problem(("departments", i, "department"), f"找不到单位 “{entry.department}”",
                                            f"no department '{entry.department}' exists"))
            if entry.department in seen:
                problems.append(doc.problem(("departments", i, "department"),
                                            f"单位 “{entry.department}” 重复评分",
                                            f"department '{entry.department}' is scored twice"))
            seen.add(entry.department)
            missing = [d.value for d in Dimension if d not in entry.scores]
            if missing:
                problems.append(doc.problem(("departments", i, "scores"), f"缺少维度：{'、'.join(missing)}",
                                            f"missing dimensions: {', '.join(missing)}"))
        for i, entry in enumerate(card.commendations):
            if departments and entry.department not in departments:
                problems.append(doc.problem(("commendations", i, "department"), f"找不到单位 “{entry.department}”",
                                            f"no department '{entry.department}' exists"))
    return problems
