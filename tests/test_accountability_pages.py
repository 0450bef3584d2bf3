"""The ledgers and the scorecard on the built site: structure checked with BeautifulSoup,
expected values taken from the content graph through the ledger functions; no personal
data anywhere in the built site; and a real browser opening the three pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.derive import ledgers
from generator.derive.calendar import DeadlineRule
from generator.load.loader import load_content
from generator.render.accountability import scorecard_view
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


def test_complaints_page_totals(shipped_site, shipped):
    rule = DeadlineRule.from_site(shipped.site)
    expected = ledgers.clue_totals(ledgers.clue_rows(shipped.clues, rule, shipped.build_date))
    page = article(shipped_site, PAGES["complaints"])
    got = totals(page)
    assert got["received"] == f"{expected.received} 条"
    assert got["in_time"] == f"{expected.in_time} 条"
    assert got["late"] == f"{expected.late} 条"
    assert got["overdue"] == f"{expected.overdue} 条"
    assert got["open"].startswith(f"{expected.open} 条")
    assert got["median_days"] == f"{expected.median_days:g} 天"
    # the sample shows every state working
    assert min(expected.in_time, expected.late, expected.overdue, expected.open, expected.not_transferred) > 0


def test_complaints_page_shows_the_closed_loop_of_every_clue(shipped_site, shipped):
    rule = DeadlineRule.from_site(shipped.site)
    page = article(shipped_site, PAGES["complaints"])
    rows = {tr["data-clue"]: tr for tr in page.select("table.qd-clues tbody tr")}
    assert sorted(rows) == sorted(c.id for c in shipped.clues)
    for row in ledgers.clue_rows(shipped.clues, rule, shipped.build_date):
        tr = rows[row.clue.id]
        assert tr["id"] == f"clue-{row.clue.id}"
        steps = [text(li) for li in tr.select("ol.qd-loop li")]
        dates = (row.clue.received, row.clue.transferred_on, row.clue.result_reported_on, row.clue.feedback_on)
        assert steps == [f"{name}：{d.isoformat() if d else '未完成'}"
                         for name, d in zip(("收到线索", "转办", "报送处理结果", "追溯回访"), dates, strict=True)]
        badge = tr.select_one(".qd-state")
        assert text(badge) == row.timing.state.value  # the state in words, not colour alone
        cells = [text(td) for td in tr.find_all("td")]
        assert (row.timing.deadline.isoformat() if row.timing.deadline else "转办后起算") in cells
        if row.timing.state == ledgers.ClueState.OVERDUE:
            assert f"已逾期 {row.timing.days_overdue} 天" in text(tr)
        if row.clue.transferred_to:
            assert f"../../departments/{row.clue.transferred_to}/" in href_of(tr, "a")


def test_clues_link_to_the_tasks_they_led_to(shipped_site, shipped):
    page = article(shipped_site, PAGES["complaints"])
    for task in shipped.tasks:
        if task.clue:
            tr = page.select_one(f'tr[data-clue="{task.clue}"]')
            assert f"../rectification/#{task.id}" in href_of(tr, "a")


# --- rectification ----------------------------------------------------------------------


def test_rectification_page(shipped_site, shipped):
    rows = ledgers.task_rows(shipped.tasks, shipped.build_date)
    expected = ledgers.task_totals(rows)
    page = article(shipped_site, PAGES["rectification"])
    got = totals(page)
    assert (got["total"], got["closed_on_time"], got["overdue"], got["open"]) == (
        f"{expected.total} 项", f"{expected.closed_on_time} 项", f"{expected.overdue} 项", f"{expected.open} 项")
    assert expected.overdue > 0
    # overdue tasks are listed at the top, in words
    assert [text(li).split(" ")[0] for li in page.select("ul.qd-overdue li")] == ["已逾期"] * expected.overdue
    for row in rows:
        tr = page.select_one(f'tr[data-task="{row.task.id}"]')
        assert tr["id"] == row.task.id  # case pages link to ledgers/rectification/#<task id>
        assert text(tr.select_one(".qd-state")) == row.state.value
        section = tr.find_parent("section")
        assert section["id"] == f"dept-{row.task.department}"
        assert f"../../departments/{row.task.department}/" in href_of(section, "h3 a")
        cells = [text(td) for td in tr.find_all("td")]
        assert row.task.deadline.isoformat() in cells
        if row.task.closed_on:
            assert row.task.closed_on.isoformat() in cells and row.task.evidence in cells
        else:
            assert "未销号" in cells
        if row.state == ledgers.TaskState.OVERDUE:
            assert f"已逾期 {row.days_overdue} 天" in text(tr)


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


def test_scorecard_page(shipped_site, shipped):
    page = article(shipped_site, PAGES["scorecard"])
    formula = text(page.select_one(".qd-formula"))
    view = scorecard_view(shipped)
    assert f"综合得分 = 数据指标得分 × {view['weight']}% + 单位评分 × {view['office_weight']}%" in formula
    for _, name, _ in view["indicators"]:
        assert name in formula
    rows = shipped.facts.scorecard
    table = page.select("table.qd-scorecard tbody tr")
    assert [tr["data-department"] for tr in table] == [r.department.name for r in rows]
    for tr, row in zip(table, rows, strict=True):
        total = text(tr.select_one('[data-score="total"]'))
        assert total == (f"{row.total:.1f}" if row.total is not None else "—（待单位评分）")
    commendations = [text(li) for li in page.select("ul.qd-commendations li")]
    assert len(commendations) == len(shipped.scorecard.commendations) > 0
    for c in shipped.scorecard.commendations:
        assert any(c.reason in li and c.date.isoformat() in li for li in commendations)


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
