"""The ledgers and the scorecard on the built site: structure checked with BeautifulSoup
against values worked out by hand from the shipped ledger files; no personal data
anywhere in the built site; and a real browser opening the three pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.load.loader import load_content
from generator.validate.pii import find_personal_data, office_contacts

from .conftest import ROOT, artifact, build

FIXTURE = ROOT / "tests" / "fixtures" / "accountability"
PAGES = {"complaints": "ledgers/complaints", "rectification": "ledgers/rectification", "scorecard": "scorecard"}


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, page: str):
    return soup(site, page).select_one("article")


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def totals(page) -> dict[str, str]:
    return {td["data-total"]: text(td) for td in page.select("table.qd-ledger-totals td[data-total]")}


def href_of(page, selector: str) -> list[str]:
    return [a["href"] for a in page.select(selector)]


# --- complaint clues --------------------------------------------------------------------


# The shipped content/ledgers/complaints.yaml, worked out by hand as of 2025-11-20 (site.yaml's
# as_of) with the configured limit of 10 calendar days from the day after the transfer:
# (clue, received, transferred, result reported, feedback, department, deadline, days, state).
CLUES = [
    ("2025-001", "2025-01-08", "2025-01-09", "2025-01-16", "2025-01-20", "scjgj", "2025-01-19", "7 天", "按期办结"),
    ("2025-002", "2025-02-17", "2025-02-18", "2025-02-26", "2025-03-03", "jtysj", "2025-02-28", "8 天", "按期办结"),
    ("2025-003", "2025-03-11", "2025-03-12", "2025-03-20", "2025-03-25", "jtysj", "2025-03-22", "8 天", "按期办结"),
    ("2025-004", "2025-04-22", "2025-04-23", "2025-05-09", "2025-05-14", "wsjkj", "2025-05-03", "16 天",
     "超期办结（超过时限 6 天）"),
    ("2025-005", "2025-05-30", "2025-06-03", "2025-06-10", "2025-06-16", "sthj", "2025-06-13", "7 天", "按期办结"),
    ("2025-006", "2025-07-14", "2025-07-15", "2025-07-24", "2025-07-30", "zjj", "2025-07-25", "9 天", "按期办结"),
    ("2025-007", "2025-08-19", "2025-08-20", "2025-08-28", "2025-09-02", "gaj", "2025-08-30", "8 天", "按期办结"),
    ("2025-008", "2025-09-25", "2025-09-26", "2025-10-09", None, "mzj", "2025-10-06", "13 天",
     "超期办结（超过时限 3 天）"),
    # Not reported: 29 days since 10-22, 19 past the deadline of 11-01.
    ("2025-009", "2025-10-21", "2025-10-22", None, None, "nyncj", "2025-11-01", "29 天（未办结）",
     "逾期未办结（已逾期 19 天）"),
    ("2025-010", "2025-10-30", "2025-11-03", None, None, "swj", "2025-11-13", "17 天（未办结）",
     "逾期未办结（已逾期 7 天）"),
    ("2025-011", "2025-11-05", "2025-11-06", "2025-11-12", None, "zjj", "2025-11-16", "6 天", "按期办结（待回访）"),
    ("2025-012", "2025-11-12", "2025-11-13", None, None, "zrzyj", "2025-11-23", "7 天（未办结）", "办理中"),
    ("2025-013", "2025-11-18", None, None, None, None, "转办后起算", "—", "待转办"),
    ("2025-014", "2025-11-19", None, None, None, None, "转办后起算", "—", "待转办"),
]


def test_complaints_page_totals(shipped_site):
    got = totals(article(shipped_site, PAGES["complaints"]))
    # 14 clues: 7 reported within the limit, 2 after it (004, 008), 2 overdue (009, 010),
    # 012 within its limit and two not transferred yet; days to a result, sorted:
    # 6 7 7 8 8 8 9 13 16, median 8; feedback given on 001-007.
    assert got == {"received": "14 条", "in_time": "7 条", "late": "2 条", "overdue": "2 条",
                   "open": "3 条（其中待转办 2 条）", "median_days": "8 天", "feedback": "7 条"}


def test_complaints_page_shows_the_closed_loop_of_every_clue(shipped_site):
    page = article(shipped_site, PAGES["complaints"])
    rows = {tr["data-clue"]: tr for tr in page.select("table.qd-clues tbody tr")}
    assert sorted(rows) == [clue[0] for clue in CLUES]
    for clue, received, transferred, reported, feedback, department, deadline, days, state in CLUES:
        tr = rows[clue]
        assert tr["id"] == f"clue-{clue}"
        steps = [text(li) for li in tr.select("ol.qd-loop li")]
        assert steps == [f"{name}：{day or '未完成'}" for name, day in zip(
            ("收到线索", "转办", "报送处理结果", "追溯回访"), (received, transferred, reported, feedback), strict=True)]
        cells = [text(td) for td in tr.find_all("td")]
        assert cells[3:5] == [deadline, days]
        assert cells[5].replace(" ", "") == state.replace(" ", "")
        assert state.startswith(text(tr.select_one(".qd-state")))  # the state in words, not colour alone
        if department:
            assert f"../../departments/{department}/" in href_of(tr, "a")


def test_clues_link_to_the_tasks_they_led_to(shipped_site, shipped):
    page = article(shipped_site, PAGES["complaints"])
    for task in shipped.tasks:
        if task.clue:
            tr = page.select_one(f'tr[data-clue="{task.clue}"]')
            assert f"../rectification/#{task.id}" in href_of(tr, "a")


# --- rectification ----------------------------------------------------------------------


# The shipped content/ledgers/rectification.yaml as of 2025-11-20, by hand:
# (task, department, deadline, closed on, state shown).
TASKS = [
    ("2024-zg-01", "wglj", "2025-03-31", "2025-03-18", "按期销号"),
    ("2024-zg-02", "zjj", "2025-02-28", "2025-02-20", "按期销号"),
    ("2024-zg-03", "jtysj", "2025-02-28", "2025-03-21", "超期销号（超过时限 21 天销号）"),  # 28 Feb + 21 days
    ("2025-zg-01", "zsj", "2025-08-31", "2025-08-25", "按期销号"),
    ("2025-zg-02", "zsj", "2025-09-30", None, "已逾期（已逾期 51 天）"),  # 31 in October + 20
    ("2025-zg-03", "fgj", "2025-12-31", None, "整改中（未到期）"),
    ("2025-zg-04", "scjgj", "2025-04-30", "2025-04-18", "按期销号"),
    ("2025-zg-05", "jtysj", "2025-09-15", None, "已逾期（已逾期 66 天）"),  # 15 + 31 + 20
    ("2025-zg-06", "wsjkj", "2025-12-20", None, "整改中（未到期）"),
    ("2025-zg-07", "scjgj", "2025-05-31", "2025-05-12", "按期销号"),
    ("2025-zg-08", "gaj", "2025-09-30", "2025-09-05", "按期销号"),
    ("2025-zg-09", "nyncj", "2025-11-15", None, "已逾期（已逾期 5 天）"),
    ("2025-zg-10", "sthj", "2025-12-31", None, "整改中（未到期）"),
    ("2025-zg-11", "jtysj", "2025-04-30", "2025-04-10", "按期销号"),
    ("2025-zg-12", "nyncj", "2025-12-31", None, "整改中（未到期）"),
    ("2025-zg-13", "wsjkj", "2025-07-31", "2025-07-22", "按期销号"),
    ("2025-zg-14", "zjj", "2025-10-31", None, "已逾期（已逾期 20 天）"),
]


def test_rectification_page(shipped_site):
    page = article(shipped_site, PAGES["rectification"])
    assert totals(page) == {"total": "17 项", "closed_on_time": "8 项", "closed_late": "1 项", "overdue": "4 项",
                            "open": "4 项"}
    # Overdue tasks are listed at the top, in words, longest overdue first.
    assert [text(li).split()[4] for li in page.select("ul.qd-overdue li")] == [
        "2025-zg-05", "2025-zg-02", "2025-zg-14", "2025-zg-09"]
    assert all(text(li).startswith("已逾期") for li in page.select("ul.qd-overdue li"))
    assert sorted(tr["data-task"] for tr in page.select("tr[data-task]")) == [task[0] for task in TASKS]
    for task, department, deadline, closed_on, state in TASKS:
        tr = page.select_one(f'tr[data-task="{task}"]')
        assert tr["id"] == task  # case pages link to ledgers/rectification/#<task id>
        assert state.startswith(text(tr.select_one(".qd-state")))  # the state in words, not colour alone
        section = tr.find_parent("section")
        assert section["id"] == f"dept-{department}"
        assert f"../../departments/{department}/" in href_of(section, "h3 a")
        cells = [text(td) for td in tr.find_all("td")]
        assert cells[3] == deadline
        assert cells[4].replace(" ", "") == state.replace(" ", "")
        assert cells[5] == (closed_on or "未销号")


def test_cases_link_to_item_department_and_rectification(shipped_site, shipped):
    """Mechanism 8: every case reaches its list item, its department and its rectification task."""
    ledger = article(shipped_site, PAGES["rectification"])
    anchors = {tr["id"] for tr in ledger.select("tr[data-task]")}
    for task in shipped.tasks:
        if task.case:
            case = shipped.cases[task.case]
            tr = ledger.select_one(f'tr[data-task="{task.id}"]')
            links = href_of(tr, "a")
            assert f"../../cases/{task.case}/" in links
            if case.list_item:
                assert f"../../items/{case.list_item}/" in links
    for case in shipped.cases.values():
        page = article(shipped_site, f"cases/{case.id}")
        links = href_of(page, "a")
        if case.list_item:
            assert f"../../items/{case.list_item}/" in links, case.id
        if case.department:
            assert f"../../departments/{case.department}/" in links, case.id
        if case.rectification:
            assert f"../../ledgers/rectification/#{case.rectification}" in links, case.id
            assert case.rectification in anchors


# --- scorecard --------------------------------------------------------------------------


# The shipped content/ledgers/scorecard.yaml: data_weight 50, and each department's office
# score, the mean of its five dimension scores (e.g. wglj: (89+87+84+92+88)/5 = 88.0).
OFFICE_SCORES = {
    "县市场监管局": "92.4", "县公安局": "86.2", "县交通运输局": "84.6", "县住房城乡建设局": "83.8",
    "县卫生健康局": "84.0", "县农业农村局": "80.4", "市生态环境局阳西分局": "86.0", "县政务和数据局": "91.4",
    "县文化广电旅游体育局": "88.0", "县民政局": "88.0", "县商务局": "88.8", "县自然资源局": "85.6",
    "县应急管理局": "87.0", "县水务局": "85.2", "县烟草专卖局": "87.0", "县教育局": "87.4", "县人力资源社会保障局": "87.4",
}
# The top of the ranking, by hand: the first seven have no clue, task or case in 2025 and
# complete guides, so a data score of 100 and a total of (100 + office score) / 2, ties in
# departments-file order. 县公安局: clue 2025-007 in time (100), task 2025-zg-08 closed in time
# (100), one case (100 - 20 = 80), complete guides (100): data (100+100+80+100)/4 = 95.0,
# total (95.0 + 86.2) / 2 = 90.6. 县交通运输局: clues in time (100), 1 of 3 due tasks in time
# (33.3), one case (80), guides 100: 78.3, total 81.5.
TOP = [
    ("1", "县文化广电旅游体育局", "100.0", "94.0"),
    ("2", "县教育局", "100.0", "93.7"),
    ("3", "县人力资源社会保障局", "100.0", "93.7"),
    ("4", "县应急管理局", "100.0", "93.5"),
    ("5", "县烟草专卖局", "100.0", "93.5"),
    ("6", "县自然资源局", "100.0", "92.8"),
    ("7", "县水务局", "100.0", "92.6"),
    ("8", "县公安局", "95.0", "90.6"),
]


def test_scorecard_page(shipped_site):
    page = article(shipped_site, PAGES["scorecard"])
    formula = text(page.select_one(".qd-formula"))
    assert "综合得分 = 数据指标得分 × 50% + 单位评分 × 50%" in formula
    for name in ("指南完整且现行率", "线索按期办结率", "整改按期完成率", "违规案例指标"):
        assert name in formula
    rows = [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in page.select("table.qd-scorecard tbody tr")]
    assert {row[1]: row[3] for row in rows} == OFFICE_SCORES
    assert [(row[0], row[1], row[2], row[4]) for row in rows[:len(TOP)]] == TOP
    assert ("13", "县交通运输局", "78.3", "81.5") in [(row[0], row[1], row[2], row[4]) for row in rows]
    commendations = [text(li) for li in page.select("ul.qd-commendations li")]
    assert len(commendations) == 2
    assert any(li.startswith("县市场监管局 （2025-07-10，阳发改〔2025〕示例 18 号）：主动排查全县 12 家农贸市场入场规则")
               for li in commendations)
    assert any(li.startswith("县公安局 （2025-10-15，阳发改〔2025〕示例 41 号）：2025 年版清单实施后") for li in commendations)


def test_pages_are_in_the_navigation(shipped_site):
    nav = soup(shipped_site, "").select_one("nav.md-nav--primary")
    links = href_of(nav, "a")
    for path in PAGES.values():
        assert f"{path}/" in links


# --- escaping, on a fixture with hostile text -----------------------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("accountability") / "site", FIXTURE / "content", FIXTURE / "site_config")


def test_clue_text_is_data_not_markup(fixture_site):
    page = soup(fixture_site, PAGES["complaints"])
    tr = page.select_one('tr[data-clue="2025-005"]')
    assert "<script>alert(1)</script> | *粗体* [x](javascript:alert(1)) {{ 1+1 }}" in tr.get_text()
    assert not page.select("article script")
    assert not [a for a in page.select("a[href]") if a["href"].lower().startswith("javascript")]


def test_fixture_scorecard_shows_the_worked_example(fixture_site):
    page = article(fixture_site, PAGES["scorecard"])
    totals_by_dept = {tr["data-department"]: text(tr.select_one('[data-score="total"]'))
                      for tr in page.select("table.qd-scorecard tbody tr")}
    assert totals_by_dept == {"县市场监管局": "68.4", "县交通运输局": "40.0"}  # 68.375 and 40, see test_scorecard


# --- personal data ----------------------------------------------------------------------


def theme_file(site: Path, path: Path) -> bool:
    """A file copied unchanged from the installed Material theme (license notices name its authors)."""
    import material

    original = Path(material.__file__).parent / "templates" / path.relative_to(site)
    return original.is_file() and original.read_bytes() == path.read_bytes()


def texts_of(path: Path):
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":  # XLSX exports: scan every part of the archive
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield f"{path}!{name}", archive.read(name).decode("utf-8", "replace")
    else:
        yield str(path), data.decode("utf-8", "replace")


def test_no_personal_data_anywhere_in_the_built_site(shipped_site):
    office = office_contacts(load_content(ROOT / "content", ROOT / "site_config"))
    scanned, skipped, found = 0, [], {}
    for path in sorted(shipped_site.rglob("*")):
        if not path.is_file():
            continue
        if theme_file(shipped_site, path):
            skipped.append(path)
            continue
        for name, content in texts_of(path):
            scanned += 1
            hits = find_personal_data(content, office)
            if hits:
                found[name] = [(f.kind.value, f.masked) for f in hits]
    assert found == {}
    pages = list(shipped_site.rglob("*.html"))
    assert scanned > len(pages) > 50  # every page, the search index, the feed and the exports
    assert list((shipped_site / "exports").glob("*.xlsx"))  # archives were opened and scanned too
    assert all("assets" in p.relative_to(shipped_site).parts for p in skipped)


# --- in a real browser ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_in_a_browser(page, site_url, name):
    page.goto(site_url + PAGES[name] + "/")
    heading = page.locator("article h1").first
    assert heading.is_visible()
    if name != "scorecard":
        badge = page.locator("article .qd-state-overdue").first
        assert badge.is_visible() and badge.inner_text().strip() in ("逾期未办结", "已逾期")
    else:
        assert page.locator("article .qd-formula").is_visible()
        assert page.locator("article table.qd-scorecard tbody tr").count() > 0
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifact(f"accountability-{name}-{width}.png")), full_page=True)
        # the page never scrolls sideways on a phone: wide tables scroll inside their wrapper
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
