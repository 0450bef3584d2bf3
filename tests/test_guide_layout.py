"""A guide's materials on a phone and on a desktop, measured in headless Chromium.

At 360 px each material is a card: every field of every material is inside the screen
(no sideways scroll, no clipped cell). At 1280 px it is a table with every column inside
its box and none squeezed below two characters. Both at each text size (标准/大/特大, set
the way textsize.js stores it). Then a list item's 去办理 in the first screen of a phone,
and the materials checklist printed alone on one A4 sheet.

Screenshots: test-artifacts/guide-materials-{360,1280}-{normal,large,xlarge}.png.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from generator.render import urls
from tests.conftest import artifact

pytestmark = pytest.mark.browser
SIZES = ("normal", "large", "xlarge")
FIELDS = ["材料形式", "份数", "原件", "必要性", "来源渠道", "填报须知", "空表和样表"]


def widest_guide(content) -> str:
    """The guide with the most materials, ties broken by having blank forms and samples."""
    def weight(code):
        materials = content.guides[code].materials
        return (len(materials), sum(bool(x.blank_form) + bool(x.model_text) for x in materials))
    return max(content.guides, key=weight)


def guide_with_files(content) -> str:
    return next(code for code, g in content.guides.items()
                if any(x.blank_form for x in g.materials) and any(x.model_text for x in g.materials))


def open_at(page, site_url: str, path: str, width: int, size: str) -> None:
    page.set_viewport_size({"width": width, "height": 800 if width < 400 else 900})
    page.goto(site_url)
    page.evaluate("s => s === 'normal' ? localStorage.removeItem('qingdan.textsize') "
                  ": localStorage.setItem('qingdan.textsize', s)", size)
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.dataset.qdTextsize || 'normal'") == size


# Every cell of the materials table: its box, its field label, whether it is shown, and
# whether its own content is wider than the cell (clipped).
CELLS = """() => {
  const table = document.querySelector('table.qd-materials-table');
  const box = table.parentElement.getBoundingClientRect();
  const rows = [...table.tBodies[0].rows].map(tr => [...tr.cells].map(c => {
    const r = c.getBoundingClientRect();
    return {label: c.dataset.label || 'name', shown: getComputedStyle(c).display !== 'none' && r.width > 0,
            left: r.left, right: r.right, clipped: c.scrollWidth > c.clientWidth + 1, text: c.innerText.trim()};
  }));
  const heads = [...table.tHead.rows[0].cells].map(c => {
    const r = c.getBoundingClientRect();
    return {text: c.innerText.trim(), left: r.left, right: r.right, width: r.width};
  });
  return {display: getComputedStyle(table).display, left: box.left, right: box.right, rows, heads,
          font: parseFloat(getComputedStyle(table).fontSize), viewport: window.innerWidth,
          page: document.documentElement.scrollWidth, boxScroll: table.parentElement.scrollWidth - table.parentElement.clientWidth};
}"""


@pytest.mark.parametrize("size", SIZES)
def test_materials_are_cards_on_a_phone(page, site_url, shipped, size):
    for code in (widest_guide(shipped), guide_with_files(shipped)):
        guide = shipped.guides[code]
        open_at(page, site_url, urls.directory(urls.guide(code)), 360, size)
        found = page.evaluate(CELLS)
        assert found["display"] == "block"  # cards, not a table
        assert found["page"] <= found["viewport"] + 1  # the page never scrolls sideways
        assert len(found["rows"]) == len(guide.materials)
        for cells, material in zip(found["rows"], guide.materials, strict=True):
            shown = {c["label"]: c for c in cells if c["shown"]}
            assert list(shown) == ["name", *FIELDS]  # every field, the number is in the name
            assert material.name in shown["name"]["text"]
            for cell in shown.values():
                assert cell["left"] >= 0 and cell["right"] <= found["viewport"] + 0.5, (size, cell)
                assert not cell["clipped"], (size, cell)
        if code == guide_with_files(shipped):
            card = page.locator("table.qd-materials-table tbody tr",
                                has=page.locator("a.qd-file-button", has_text="下载空表")).first
            assert card.locator("a.qd-file-button").first.bounding_box()["height"] >= 24  # a button to tap
        page.locator(".qd-materials").screenshot(path=str(artifact(f"guide-materials-360-{size}.png")))


@pytest.mark.parametrize("size", SIZES)
def test_materials_are_a_whole_table_on_a_desktop(page, site_url, shipped, size):
    for code in (widest_guide(shipped), guide_with_files(shipped)):
        open_at(page, site_url, urls.directory(urls.guide(code)), 1280, size)
        found = page.evaluate(CELLS)
        assert found["display"] == "table"
        assert [h["text"] for h in found["heads"]] == ["序号", "材料名称", *FIELDS[:1], "份数", "原件", "必要性",
                                                       "来源渠道", "填报须知", "空表和样表"]
        assert found["boxScroll"] <= 1  # nothing to scroll to: no column past the edge
        for head in found["heads"]:
            assert found["left"] - 0.5 <= head["left"] and head["right"] <= found["right"] + 0.5, (size, head)
            assert head["width"] >= 2 * found["font"], (size, head)  # at least two characters wide
        for cells in found["rows"]:
            assert all(c["shown"] and not c["clipped"] for c in cells), (size, cells)
        page.locator(".qd-materials").screenshot(path=str(artifact(f"guide-materials-1280-{size}.png")))
    page.screenshot(path=str(artifact(f"guide-1280-{size}.png")), full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_item_page_shows_its_guides_in_the_first_screen_of_a_phone(page, site_url, shipped, size):
    code = next(c for c in shipped.current.items if shipped.guides_of_item(c))
    open_at(page, site_url, urls.directory(urls.item(code)), 360, size)
    go = page.locator(".qd-go a.md-button").first
    box = go.bounding_box()
    assert box["y"] + box["height"] <= 800, (size, box)
    assert "办事指南" in go.inner_text()
    page.screenshot(path=str(artifact(f"item-go-360-{size}.png")))


def test_checklist_prints_alone_on_one_a4_sheet(page, site_url, shipped, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is not installed: run .ci/run (apt-get install poppler-utils)")
    code = widest_guide(shipped)
    guide = shipped.guides[code]
    open_at(page, site_url, urls.directory(urls.guide(code)), 1280, "normal")
    # The button guide.js adds sets the mark and opens the print dialog; a headless
    # browser has no dialog, so the mark is set the same way and the page printed.
    button = page.get_by_role("button", name="打印材料核对单")
    assert button.is_visible()
    page.evaluate("window.print = () => {}")
    button.click()
    assert page.evaluate("document.documentElement.dataset.qdPrint") == "checklist"
    pdf = artifact("guide-checklist.pdf")
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert all(re.sub(r"\s+", "", x.name) in flat for x in guide.materials)
    assert re.sub(r"\s+", "", guide.office.name) in flat
    for absent in ("受理条件", "办理流程", "简版"):  # the rest of the guide stays off this sheet
        assert absent not in flat
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.dataset.qdPrint") is None


def test_printout_carries_file_addresses_and_both_dates(page, site_url, shipped, tmp_path):
    """下载空表 on paper shows the file's full address; every printout says the day it was
    printed and the day its data stands at (数据截至)."""
    import datetime as dt

    code = guide_with_files(shipped)
    guide = shipped.guides[code]
    open_at(page, site_url, urls.directory(urls.guide(code)), 1280, "normal")
    pdf = artifact("guide-print-addresses.pdf")
    page.pdf(path=str(pdf), format="A4")
    # -raw keeps the words in the order they were drawn: a table cell's lines stay together.
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    blank = next(x.blank_form for x in guide.materials if x.blank_form)
    address = site_url + blank.lstrip("/")  # the file's address, in readable characters
    assert f"下载空表（{address}）" in flat
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    assert f"数据截至{shipped.build_date.isoformat()}；打印日期：{today}" in flat
