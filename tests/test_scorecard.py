"""The scorecard formula on a fixture whose answers were worked out by hand.

tests/fixtures/accountability, as of 2025-11-20, period 2025, data weight 60 %:

县市场监管局 (scjgj)
  G = 12.5   one guide, 1 of its 8 expected fields filled, not stale
  C = 50     2025-001 in time (4 days), 2025-002 late (19 days); 2025-003 not yet due
  R = 100    2025-zg-01 closed on time; 2025-zg-02 not yet due
  V = 80     one case in 2025 (2025-q2-01): 100 − 20
  D = (12.5 + 50 + 100 + 80) / 4 = 60.625;  O = (90+80+70+60+100) / 5 = 80
  total = 60.625 × 0.6 + 80 × 0.4 = 68.375
县交通运输局 (jtysj)
  G —        no guides: not counted
  C = 0      2025-004 overdue
  R = 0      2025-zg-03 overdue; 2024-zg-01 is outside the period
  V = 100    its case is dated 2024
  D = (0 + 0 + 100) / 3 = 33.33…;  O = 50;  total = 20 + 20 = 40
县发展改革局 (fgj): nothing to score and no office scores — left out.
"""

from __future__ import annotations

import shutil

import pytest

from generator.derive.scorecard import commendations, period_of, scorecard_problems, scorecard_rows
from generator.load.loader import load_content
from generator.pipeline import check

from .conftest import ROOT, TEST_DATE

FIXTURE = ROOT / "tests" / "fixtures" / "accountability"


@pytest.fixture(scope="module")
def content():
    content, problems = check(FIXTURE / "content", FIXTURE / "site_config", TEST_DATE)
    assert content is not None, [p.text() for p in problems if p.is_error]
    return content


def test_formula_known_answers(content):
    rows = scorecard_rows(content, content.facts.stale)
    assert [r.department.id for r in rows] == ["scjgj", "jtysj"]  # best total first; fgj left out
    scjgj, jtysj = rows
    assert [(i.key, i.value, i.basis) for i in scjgj.indicators] == [
        ("guides", 12.5, "1 份"), ("clues", 50.0, "1/2"), ("tasks", 100.0, "1/1"), ("cases", 80.0, "1 件")]
    assert scjgj.data_score == pytest.approx(60.625)
    assert scjgj.office_score == pytest.approx(80)
    assert scjgj.total == pytest.approx(68.375)
    assert scjgj.note == "测试说明"
    assert [(i.key, i.value) for i in jtysj.indicators] == [
        ("guides", None), ("clues", 0.0), ("tasks", 0.0), ("cases", 100.0)]
    assert jtysj.data_score == pytest.approx(100 / 3)
    assert jtysj.total == pytest.approx(40)


def test_period_and_commendations(content):
    period = period_of(content)
    assert (period.title, period.start.isoformat(), period.end.isoformat()) == ("2025 年度", "2025-01-01", "2025-12-31")
    assert [(c.department, c.date.isoformat()) for c in commendations(content)] == [
        ("scjgj", "2025-07-10"), ("jtysj", "2025-03-01")]  # newest first


def test_without_office_scores_there_is_no_total(content):
    from dataclasses import replace

    rows = scorecard_rows(replace(content, scorecard=None), content.facts.stale)
    assert {r.department.id: r.total for r in rows} == {"scjgj": None, "jtysj": None}
    # the data score stays; the period falls back to the calendar year of the as-of date
    assert {r.department.id: round(r.data_score, 3) for r in rows} == {"scjgj": 60.625, "jtysj": 33.333}
    assert period_of(replace(content, scorecard=None)).title == "2025 年度"


def bad_scorecard(tmp_path, text: str):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / "content" / "ledgers" / "scorecard.yaml").write_text(text, encoding="utf-8")
    return load_content(root / "content", root / "site_config")


def test_scorecard_file_errors(tmp_path):
    loaded = bad_scorecard(tmp_path, """period: 2025 年度
start: 2025-12-31
end: 2025-01-01
departments:
  - department: scjgj
    scores: {制度落实: 90, 效能评估: 80, 违规案例: 70, 宣传培训: 60}
  - department: scjgj
    scores: {制度落实: 90, 效能评估: 80, 违规案例: 70, 宣传培训: 60, 协同配合: 100}
  - department: nosuch
    scores: {制度落实: 90, 效能评估: 80, 违规案例: 70, 宣传培训: 60, 协同配合: 100}
commendations:
  - department: nosuch
    date: 2025-07-10
    reason: 测试。
""")
    got = sorted((p.line, p.field, p.message_zh) for p in scorecard_problems(loaded))
    assert got == [
        (3, "end", "期间截止日早于起始日"),
        (6, "departments[0].scores", "缺少维度：协同配合"),
        (7, "departments[1].department", "单位 “scjgj” 重复评分"),
        (9, "departments[2].department", "找不到单位 “nosuch”"),
        (12, "commendations[0].department", "找不到单位 “nosuch”"),
    ]


def test_a_score_above_100_is_a_schema_error(tmp_path):
    text = (FIXTURE / "content" / "ledgers" / "scorecard.yaml").read_text(encoding="utf-8")
    loaded = bad_scorecard(tmp_path, text.replace("协同配合: 100}", "协同配合: 120}", 1))
    [problem] = [p for p in loaded.problems if "scorecard" in p.path]
    assert problem.field.startswith("departments[0].scores")


def test_nothing_to_score_is_not_applicable_not_100(tmp_path):
    """fgj has no guide, clue, task or case in the period: with office scores entered it is
    listed, its data score 不适用 (before: 100 from the case indicator alone), no total, no rank."""
    from generator.render.accountability import scorecard_view

    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    scores = tmp_path / "content" / "ledgers" / "scorecard.yaml"
    scores.write_text(scores.read_text(encoding="utf-8").replace(
        "commendations:", "  - department: fgj\n    scores: {制度落实: 90, 效能评估: 90, 违规案例: 90, 宣传培训: 90, "
        "协同配合: 90}\ncommendations:"), encoding="utf-8")
    content, problems = check(tmp_path / "content", tmp_path / "site_config", TEST_DATE)
    assert content is not None, [p.text() for p in problems if p.is_error]
    fgj = next(r for r in scorecard_rows(content, content.facts.stale) if r.department.id == "fgj")
    assert fgj.data_score is None and fgj.total is None
    view = next(v for v in scorecard_view(content)["rows"] if v.department.path.startswith("departments/fgj"))
    assert (view.rank, view.data_score, view.total) == ("—", "不适用", "—（数据指标不适用，不排名）")
    assert [value for value, _ in view.indicators] == ["不适用", "不适用", "不适用", "100.0"]
