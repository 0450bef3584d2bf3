"""Ledger figures on a small fixture of known answers, and the overdue warnings of `qingdan check`."""

from __future__ import annotations

import datetime as dt
import shutil

from generator.derive.calendar import ClueState, DeadlineRule
from generator.derive.ledgers import (
    TaskState,
    by_department,
    clue_rows,
    clue_totals,
    ledger_problems,
    task_rows,
    task_totals,
)
from generator.load.loader import load_content
from generator.model import ComplaintClue, RectificationTask
from generator.model.kinds import Kind
from generator.model.types import DayUnit
from generator.tools.cli import main

from .conftest import ROOT, TEST_DATE

D = dt.date.fromisoformat
AS_OF = D(TEST_DATE)  # 2025-11-20
RULE = DeadlineRule(10, DayUnit.CALENDAR)


def clue(id_, dept=None, transferred=None, reported=None, feedback=None, received=None) -> ComplaintClue:
    return ComplaintClue(
        id=id_, received=D(received or transferred or "2025-11-19"), channel="来信", category="其他",
        summary="测试", transferred_to=dept, transferred_on=D(transferred) if transferred else None,
        result_reported_on=D(reported) if reported else None, feedback_on=D(feedback) if feedback else None,
        status="已受理")


# Days from transfer to result: a 3, b 10, c 12 (late), d 5 — median of 3, 5, 10, 12 = 7.5.
CLUES = [
    clue("a", "scjgj", "2025-01-02", "2025-01-05", "2025-01-08"),  # in time, loop closed
    clue("b", "scjgj", "2025-01-31", "2025-02-10", "2025-02-12"),  # exactly 10 days: in time
    clue("c", "jtysj", "2025-02-20", "2025-03-04"),  # 12 days: late, awaiting feedback
    clue("d", "jtysj", "2025-12-28", "2026-01-02", received="2025-12-27"),  # across the year end, in time
    clue("e", "jtysj", "2025-11-01"),  # deadline 11-11 passed: overdue by 9 days
    clue("f", "scjgj", "2025-11-15"),  # deadline 11-25: open
    clue("g"),  # received, not transferred
]


def test_clue_totals_and_median():
    rows = clue_rows(CLUES, RULE, D("2026-01-05"))
    totals = clue_totals(rows)
    assert (totals.received, totals.in_time, totals.late, totals.overdue, totals.open, totals.not_transferred) == (
        7, 3, 1, 2, 1, 1)  # on 2026-01-05 e and f are both overdue
    assert totals.median_days == 7.5
    assert totals.feedback_given == 2
    assert totals.in_time_rate == 3 / 6

    rows = clue_rows(CLUES[:3] + CLUES[4:], RULE, AS_OF)
    totals = clue_totals(rows)
    assert (totals.received, totals.in_time, totals.late, totals.overdue, totals.open) == (6, 2, 1, 1, 2)
    assert totals.median_days == 10  # 3, 10, 12
    states = {r.clue.id: r.timing.state for r in rows}
    assert states == {"a": ClueState.IN_TIME, "b": ClueState.IN_TIME, "c": ClueState.LATE, "e": ClueState.OVERDUE,
                      "f": ClueState.OPEN, "g": ClueState.NOT_TRANSFERRED}
    # newest received first
    assert [r.clue.id for r in rows] == ["g", "f", "e", "c", "b", "a"]


def test_empty_ledger():
    totals = clue_totals([])
    assert (totals.received, totals.median_days, totals.in_time_rate) == (0, None, None)


def task(id_, dept, deadline, closed=None, assigned="2025-01-01") -> RectificationTask:
    return RectificationTask(id=id_, source="自查整改", title="测试", department=dept, assigned=D(assigned),
                             deadline=D(deadline), status="已销号" if closed else "整改中",
                             closed_on=D(closed) if closed else None, evidence="记录" if closed else None)


TASKS = [
    task("t1", "scjgj", "2025-03-31", "2025-03-31"),  # closed on its deadline: on time
    task("t2", "scjgj", "2025-02-28", "2025-03-01"),  # a day late
    task("t3", "jtysj", "2025-10-31"),  # overdue by 20 days on 2025-11-20
    task("t4", "jtysj", "2025-12-31"),  # open
]


def test_task_states_and_totals():
    rows = task_rows(TASKS, AS_OF)
    assert [(r.task.id, r.state, r.days_overdue) for r in rows] == [
        ("t2", TaskState.CLOSED_LATE, 1), ("t1", TaskState.CLOSED_ON_TIME, 0),
        ("t3", TaskState.OVERDUE, 20), ("t4", TaskState.OPEN, 0)]
    totals = task_totals(rows)
    assert (totals.total, totals.closed_on_time, totals.closed_late, totals.overdue, totals.open) == (4, 1, 1, 1, 1)
    assert totals.on_time_rate == 1 / 3


def test_per_department_views():
    groups = by_department(["fgj", "scjgj", "jtysj"], clue_rows(CLUES, RULE, AS_OF), task_rows(TASKS, AS_OF))
    assert [g.department_id for g in groups] == ["scjgj", "jtysj"]  # file order; fgj has nothing
    scjgj, jtysj = groups
    assert sorted(r.clue.id for r in scjgj.clues) == ["a", "b", "f"]
    assert (scjgj.clue_totals.in_time, scjgj.task_totals.closed_late) == (2, 1)
    assert (jtysj.clue_totals.late, jtysj.clue_totals.overdue, jtysj.task_totals.overdue) == (1, 1, 1)


def overdue_fixture(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "loader_base", root)
    path = root / "content" / "ledgers" / "complaints.yaml"
    text = path.read_text(encoding="utf-8")
    # the clue loses its result and feedback: transferred 2025-08-02, due 2025-08-12
    text = "\n".join(line for line in text.splitlines()
                     if not line.strip().startswith(("result_reported_on", "result:", "feedback_on")))
    path.write_text(text.replace("status: 已回访办结", "status: 已转办") + "\n", encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "transferred_on" in s)
    return root, line


def test_overdue_clue_is_a_warning_at_its_line(tmp_path):
    root, line = overdue_fixture(tmp_path)
    problems = ledger_problems(load_content(root / "content", root / "site_config"), AS_OF)
    assert [(p.path.endswith("content/ledgers/complaints.yaml"), p.line, p.field, p.is_error, p.message_zh)
            for p in problems] == [
        (True, line, "clues[0].transferred_on", False,
         "线索 2025-001 已逾期 100 天：转办后应于 2025-08-12 前报送处理结果（截至 2025-11-20 未报送）")]


def test_qingdan_check_prints_the_overdue_warning(tmp_path, monkeypatch, capsys):
    root, line = overdue_fixture(tmp_path)
    monkeypatch.chdir(root)
    assert main(["check", "--date", TEST_DATE]) == 0  # a warning does not fail the check
    out = capsys.readouterr()
    assert (f"content/ledgers/complaints.yaml:{line}:21: 警告 warning: clues[0].transferred_on: "
            "线索 2025-001 已逾期 100 天") in out.out
    assert "1 warnings" in out.err


def test_shipped_overdue_warnings():
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    problems = ledger_problems(loaded, AS_OF)
    rule = DeadlineRule.from_site(loaded.site.value)
    clues = [c for f in loaded.files[Kind.COMPLAINTS] for c in f.value.clues]
    tasks = [t for f in loaded.files[Kind.RECTIFICATION] for t in f.value.tasks]
    expected = sum(rule.timing(c, AS_OF).state == ClueState.OVERDUE for c in clues) + sum(
        r.state == TaskState.OVERDUE for r in task_rows(tasks, AS_OF))
    assert expected > 0  # the sample shows the warning working
    assert len(problems) == expected and not any(p.is_error for p in problems)


def test_check_of_the_shipped_content_carries_the_warnings():
    """The wiring: `pipeline.check` (what `qingdan check` runs) reports what `ledger_problems` finds."""
    from generator.pipeline import check

    _, problems = check(ROOT / "content", ROOT / "site_config", TEST_DATE)
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    expected = set(ledger_problems(loaded, AS_OF))
    assert expected and expected <= set(problems)
