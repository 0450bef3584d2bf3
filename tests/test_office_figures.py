"""One set of figures for the office: `qingdan check`, /quality/, /correspondence/ and the
worktable (/worktable/) give the same numbers, because they come from one computation
(generator/derive/office_figures.py).

Before, unmapped permit items were 18 in `qingdan check` and on /correspondence/ but 10 on
/quality/ (items without a county unit were left out), and three guides still checked
against the 2022 list were flagged nowhere. The numbers a person reads on each page are
compared with the warnings a clerk reads in the terminal.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.conftest import ROOT, TEST_DATE, qingdan


def figures(site, page: str) -> dict[str, list[int]]:
    """Every data-figure on a page: name -> the numbers shown (a figure may appear twice)."""
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    found: dict[str, list[int]] = {}
    for mark in soup.select("article [data-figure]"):
        found.setdefault(mark["data-figure"], []).append(int(re.search(r"\d+", mark.get_text()).group()))
    return found


def test_check_quality_correspondence_and_worktable_agree(shipped_site):
    out = qingdan(ROOT, "check", "--date", TEST_DATE)
    assert out.returncode == 0, out.stderr
    warnings = out.stdout.splitlines()
    unmapped_codes = {re.search(r"许可准入事项“(\d+) ", w).group(1) for w in warnings if "没有对应的政务服务事项" in w}
    reviewed = [w for w in warnings if ": reviewed.edition: " in w]
    clues = [w for w in warnings if re.search(r"线索 \S+ 已逾期", w)]
    tasks = [w for w in warnings if re.search(r"整改任务 \S+ 已逾期", w)]
    assert len(unmapped_codes) == 18  # the figure the issue found in check and on /correspondence/

    work, quality, corr = (figures(shipped_site, p) for p in ("worktable", "quality", "correspondence"))
    for page in (work, quality, corr):
        assert page["unmapped"] == [18]
        assert sum(page["unmapped-county"][:1] + page["unmapped-above"][:1]
                   + page.get("unmapped-not-stated", [0])[:1]) == 18
    # Split by hand from the 管理权限 the list states: 206008 县级实施（零售）, 217004 县级实施;
    # the sixteen others name only 省级, 市级 or national bodies (202002: 县级协助核查 only).
    for page in (work, quality, corr):
        assert set(page["unmapped-county"]) == {2} and set(page["unmapped-above"]) == {16}
    soup = BeautifulSoup((shipped_site / "worktable" / "index.html").read_text(encoding="utf-8"), "html.parser")
    county = {re.search(r"items/(\d+)/", a["href"]).group(1) for a in soup.select("#unmapped-county + p + ul a")}
    assert county == {"206008", "217004"}
    listed = {re.search(r"items/(\d+)/", a["href"]).group(1)
              for a in soup.select("h2[id^=unmapped] + p + ul a")}
    assert listed == unmapped_codes

    # Guides and model texts not checked against the current list: the stale ones and the
    # ones only reviewed against 2022 — each a warning in check, each listed on the worktable.
    assert work["stale"][0] + work["old-reviews"][0] == len(reviewed) == 6
    assert work["old-reviews"] == [4]  # three guides and one model text still on 2022
    assert work["clues-overdue"] == [len(clues)] and work["tasks-overdue"] == [len(tasks)]
    # The /quality/ page lists the same old reviews.
    text = (shipped_site / "quality" / "index.html").read_text(encoding="utf-8")
    for name in ("公共场所卫生许可", "林木采伐许可证核发", "道路旅客运输经营许可"):
        assert name in text

    # /quality/'s per-department column plus the items with no county unit make the total.
    qsoup = BeautifulSoup(text, "html.parser")
    table = next(t for t in qsoup.select("article table") if t.caption and "各单位数据质量" in t.caption.text)
    per_department = sum(len(td.find_all("a")) for td in (tr.find_all("td")[4] for tr in table.tbody.find_all("tr")))
    unattributed = next(p for p in qsoup.select("article p") if "未明确县级责任主体" in p.get_text())
    extra = len(unattributed.find_all("a"))
    assert (per_department, extra) == (10, 8)  # 10 at their county units, 8 name none

    # Fields recorded as 未注明: the worktable's row, /quality/'s total, its per-department
    # column and the labels it lists one by one are the same count.
    column = [int(tr.find_all("td")[-1].get_text()) for tr in table.tbody.find_all("tr")]
    labels = sum(len(li.get_text().rsplit("：", 1)[1].split("、"))
                 for li in qsoup.select("#not-stated ~ ul li"))
    assert work["not-stated"] == quality["not-stated"] == [sum(column)] == [labels]
    assert labels > 0  # the sample leaves some fields unstated (e.g. 需原件 not written)


def test_every_worktable_count_is_a_link_to_its_list(shipped_site):
    soup = BeautifulSoup((shipped_site / "worktable" / "index.html").read_text(encoding="utf-8"), "html.parser")
    counts = soup.select("article table.qd-worktable td [data-figure]")
    assert len(counts) >= 8
    for count in counts:
        assert count.name == "a" and count["href"].startswith("#")
        assert soup.find(id=count["href"][1:]) is not None, count["href"]
