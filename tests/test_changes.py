"""Edition changes, stale documents, correspondence and the four reductions, on a
fixture with known answers (tests/fixtures/editions: 2022 -> 2025, every change kind)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.derive import correspondence, reductions
from generator.derive import edition_changes as changes
from generator.pipeline import check
from generator.problems import Severity
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "editions"


def load(date: str = "2025-05-10"):
    content, problems = check(FIXTURE / "content", FIXTURE / "site_config", date)
    assert content is not None, "\n".join(p.text() for p in problems)
    return content, problems


@pytest.fixture(scope="module")
def comparison():
    content, _ = load()
    editions = list(content.editions.values())
    return changes.compare(editions[0], editions[1])


def test_added_and_removed(comparison):
    # 203010 has two equally close old candidates (201007, 201008): the ambiguity is
    # reported and no side is matched, so it counts as added and they as removed.
    assert [i.code for i in comparison.added] == ["203010", "203011"]
    assert {i.code for i in comparison.removed} == {"201001", "201007", "201008"}


def test_renumbered_keeps_code(comparison):
    match = comparison.match_of_new("201002")
    assert match.how == "code" and match.renumbered and not match.changes
    assert match.kinds == ["项目号调整"]


def test_reworded_measure_has_character_diff(comparison):
    match = comparison.match_of_new("201003")
    assert [c.field for c in match.changes] == ["measures"]
    assert match.materially_changed
    inserted = [s.text for s in match.changes[0].segments if s.op == "insert"]
    assert inserted == ["（含网络销售）"]


def test_merge_declared_by_replaces(comparison):
    match = comparison.match_of_new("202001")
    assert match.how == "replaces" and match.merged
    assert [o.code for o in match.old] == ["201004", "201005"]
    assert "合并" in match.kinds


def test_recoded_matched_by_name(comparison):
    match = comparison.match_of_new("203009")
    assert match.how == "name" and match.recoded and match.old[0].code == "201006"
    assert not match.changes


def test_ambiguous_match_is_reported_not_guessed(comparison):
    assert comparison.match_of_new("203010") is None
    [ambiguity] = comparison.ambiguous
    assert ambiguity.item.code == "203010" and ambiguity.in_new
    assert {c.code for c, _ in ambiguity.candidates} == {"201007", "201008"}
    assert "203010" in {i.code for i in comparison.added}


def test_char_diff_of_chinese_text():
    segments = changes.char_diff("不得使用银行、保险等字样", "不得使用银行、保险、期货公司等字样")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "不得使用银行、保险"), ("insert", "、期货公司"), ("equal", "等字样")]


def test_item_history_follows_merges():
    content, _ = load()
    editions = list(content.editions.values())
    history = changes.item_history(changes.compare_all(editions), "202001", editions)
    assert [(h.edition.id, h.item.code) for h in history] == [("2025", "202001"), ("2022", "201004")]
    assert "合并" in history[0].kinds


def test_stale_guide_is_a_warning_within_grace():
    content, problems = load("2025-05-10")
    [stale] = content.facts.stale
    assert stale.document.service_item == "AAAAAAAAA002"
    assert stale.items == ("201003",) and stale.what_changed == ("准入措施",)
    assert stale.since == dt.date(2025, 5, 1) and stale.due == dt.date(2025, 5, 31)
    [problem] = [p for p in problems if "reviewed" in p.field]
    assert problem.severity == Severity.WARNING
    assert problem.path.endswith("guides/a/药品零售许可.yaml")
    assert (problem.line, problem.field) == (19, "reviewed.edition")


def test_stale_guide_is_an_error_after_grace():
    content, problems = check(FIXTURE / "content", FIXTURE / "site_config", "2025-06-01")
    assert content is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.field == "reviewed.edition" and "已超期" in problem.message_zh


def test_correspondence_statuses():
    content, problems = load()
    report = correspondence.correspondence(content)
    status = {row.item.code: (row.status, row.flags) for row in report.rows}
    assert status["201002"] == ("一一对应", ())
    assert status["201003"] == ("一对多", ("缺行政权力清单编码", "无办事指南"))
    assert status["202001"] == ("多对一", ("无办事指南",))
    assert status["203009"] == ("多对一", ("无办事指南",))
    assert status["203010"][0] == "缺失" and status["203011"][0] == "缺失"
    assert [(d.service_item.basic_code, d.code, d.edition) for d in report.dangling] == [
        ("BBBBBBBBB001", "201006", "2022")]
    warned = {(p.path.rsplit("/", 1)[-1], p.field) for p in problems if p.severity == Severity.WARNING}
    assert ("2025.yaml", "items[5].code") in warned  # 203010 missing
    assert ("a.yaml", "service_items[2].power_list_code") in warned


def test_reductions_figures():
    content, _ = load()
    figures = {f.guide.service_item: f for f in reductions.guide_figures(content)}
    food, drug = figures["AAAAAAAAA001"], figures["AAAAAAAAA002"]
    assert (food.steps, food.materials, food.compression, food.visits) == (3, 1, 0.5, 0)
    assert drug.compression == 0.75
    county = reductions.summarise("测试县", list(figures.values()))
    assert county.mean_compression == 0.62  # (0.5 + 0.75) / 2, rounded to 2 places
    assert (county.zero_visit, county.fully_online, county.online_possible) == (1, 1, 1)
    [dept] = reductions.by_department(content, list(figures.values()))
    assert dept.label == "甲局" and dept.guides == 2
