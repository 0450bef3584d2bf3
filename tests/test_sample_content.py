"""The shipped sample content shows every case the site is built to disclose.

Takes the real content/ directory through the real pipeline; asserts that the
sample (a) exercises each feature (stale guides, overdue clues and tasks, charged
items, every online level and clue status), (b) keeps its cross-references
two-way consistent, and (c) never carries personal data into the public repository.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from generator.pipeline import check
from tests.conftest import ROOT, TEST_DATE

AS_OF = dt.date.fromisoformat(TEST_DATE)


@pytest.fixture(scope="module")
def content():
    content, problems = check(ROOT / "content", ROOT / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems)
    return content


def test_guides_cover_many_departments_and_every_handling_shape(content):
    guides = list(content.guides.values())
    per_department = Counter(g.department for g in guides)
    assert len(guides) >= 22 and len(per_department) >= 6, per_department
    assert {g.online.level.value for g in guides} == {"不可网办", "网上可办", "全程网办"}
    assert {0, 1, 2} <= {g.visits for g in guides}
    assert all(g.onsite_reason for g in guides if g.visits > 0)
    assert any(g.case_type.value == "即办件" and g.promised_time_limit.value == 0 for g in guides)
    charged = [g for g in guides if g.fees.charged]
    assert charged and all(f.basis for g in charged for f in g.fees.items)
    # the promised limit is shorter than the legal one on most guides (compression shown)
    shorter = [g for g in guides if g.promised_time_limit.value < g.legal_time_limit.value]
    assert len(shorter) > len(guides) // 2


def test_some_guides_are_still_reviewed_against_an_old_edition(content):

    old = [g for g in content.guides.values() if g.reviewed.edition != content.site.current_edition]
    assert len(old) >= 2, [g.service_item for g in old]
    # Some of them serve an item that changed materially: the site shows them as awaiting an
    # update, still within the grace period (a warning, so the sample builds).
    stale = content.facts.stale
    assert stale and all(not s.overdue(content.build_date) for s in stale)


def test_every_guide_material_is_complete_and_forms_are_linked(content):
    for guide in content.guides.values():
        assert 3 <= len(guide.materials) <= 8, guide.service_item
        assert guide.faq or guide.case_type.value == "即办件", guide.service_item
        assert guide.reviewed.date <= AS_OF
    materials = [m for g in content.guides.values() for m in g.materials]
    assert any(m.blank_form for m in materials) and any(m.model_text for m in materials)


def test_every_attachment_is_used(content):
    used = {a.file for t in content.model_texts.values() for a in t.files}
    used |= {m.blank_form.removeprefix("/files/") for g in content.guides.values() for m in g.materials
             if m.blank_form and m.blank_form.startswith("/files/")}
    assert set(content.attachments) - used == set()


def test_bulletins_and_cases(content):
    cases = list(content.cases.values())
    assert len(content.bulletins) >= 3 and len(cases) >= 8
    assert len({c.violation_type for c in cases}) >= 5
    assert all(c.date <= content.bulletin_of_case[c.id].date <= AS_OF for c in cases)
    linked = [c for c in cases if c.rectification]
    assert len(linked) >= 3
    for case in linked:
        task = content.tasks_by_id[case.rectification]
        assert task.case in (None, case.id), (case.id, task.id)
    for task in content.tasks:
        if task.case:
            assert content.cases[task.case].rectification in (None, task.id), task.id




def test_complaint_ledger_shows_the_whole_loop(content):
    clues = content.clues
    assert len(clues) >= 10
    assert {c.status.value for c in clues} == {"已受理", "已转办", "已反馈结果", "已回访办结"}
    overdue = [c.id for c in clues if c.transferred_on and not c.result_reported_on
               and c.transferred_on + dt.timedelta(days=content.site.complaint_deadline_days) < AS_OF]
    assert len(overdue) >= 2, overdue
    on_time = [c for c in clues if c.result_reported_on
               and (c.result_reported_on - c.transferred_on).days <= content.site.complaint_deadline_days]
    assert on_time


def test_rectification_ledger_covers_every_source_and_status(content):
    tasks = content.tasks
    assert len(tasks) >= 10
    assert {t.source.value for t in tasks} == {"效能评估", "自查整改", "违规案例", "投诉线索"}
    assert {t.status.value for t in tasks} == {"未开始", "整改中", "已销号"}
    assert [t.id for t in tasks if t.status.value != "已销号" and t.deadline < AS_OF]


# Personal data that must never reach a public repository.
PERSONAL = {
    "mobile number": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    "ID number": re.compile(r"(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])"),
    "e-mail address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
}


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content" / "ledgers").glob("*.yaml"))
                         + sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content" / "bulletins").glob("*.yaml")))
def test_ledgers_and_bulletins_carry_no_personal_data(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for what, pattern in PERSONAL.items():
        assert not pattern.search(text), f"{path}: looks like a {what}: {pattern.search(text).group(0)}"


def test_the_2022_sample_names_the_bodies_of_2022(shipped):
    """金融监管总局 was set up in 2023; the 2022 list named 中国银保监会."""
    edition = shipped.editions["2022"]
    bodies = {a for item in edition.items.values() for a in item.authorities}
    assert "金融监管总局" not in bodies
    assert "中国银保监会" in set(edition.items["100004"].authorities)


def test_the_sample_quotes_100004_with_every_listed_word(shipped):
    """湛江市市场监督管理局's republication of the 2022 list (tests/fixtures/real/content/SOURCES.md)."""
    text = "".join(m.text for m in shipped.editions["2022"].items["100004"].measures)
    for word in ("“金融”", "“汽车金融”", "“货币经纪”", "“网贷”", "“P2P”", "“网络借贷 ”"):
        assert word in text


def test_the_2025_health_item_is_named_as_published(shipped):
    """景德镇市卫生健康委员会's 2025 extract: one item, its measures in its words."""
    item = shipped.editions["2025"].items["217001"]
    assert item.name == "未获得许可，不得设置特定医疗机构或从事特定医疗业务"
    assert [m.text for m in item.measures] == [
        "医疗机构（含中医医疗机构）设置审批、执业登记（诊所除外）",
        "预防接种工作的接种单位指定",
        "医疗机构建设项目放射性职业病危害预评价报告审核",
    ]


def test_the_sample_editions_say_they_are_excerpts(shipped):
    for edition_id, total in (("2022", 117), ("2025", 106)):
        info = shipped.editions[edition_id].info
        assert (info.complete, info.national_total) == (False, total)
