"""Accessible, mobile and printable: the shipped site in headless Chromium.

axe-core (pinned in tests/js/package.json, installed by `npm ci --prefix tests/js`,
loaded from node_modules, never from a CDN) checks the main kinds of page at 1280 px and
360 px and at the largest text size: no serious or critical violation. Then the
conventions axe cannot judge: captions and headers on every table, a text table beside
every chart, visible focus, the finder's live result count, status shown in words, the
text-size control, phone layout (no sideways page scroll, tables scroll in their own box
with the first column kept, facets in a dialog), a guide printed to an A4 PDF (read back
with pdftotext), and the government-site footer and 关于本站 page.

Screenshots (test-artifacts/a11y-*-{1280,360}.png) and the PDF are kept for people to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, artifact
from tests.test_browser_pages import no_horizontal_scroll, screenshots

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
FINDER_QUERY = "食品"


@pytest.fixture(scope="module")
def axe() -> str:
    """axe-core's script; CI installs it (.ci/run), so there a missing copy is a failure."""
    if not AXE.is_file():
        message = "axe-core 未安装，请运行 npm ci --prefix tests/js / axe-core missing: run npm ci --prefix tests/js"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return str(AXE)


def pages(content) -> dict[str, str]:
    """The pages the issue names, by a short name: site-relative URLs from the content."""
    item = next(i for i in content.current.items.values() if content.guides_of_item(i.code))
    guide = next(iter(content.guides))
    return {
        "home": "", "list": "list/", "item": f"items/{item.code}/", "guide": f"guides/{guide}/",
        "finder": f"find/?q={FINDER_QUERY}", "mapping": "mapping/", "cases": "cases/",
        "complaints": "ledgers/complaints/", "rectification": "ledgers/rectification/",
        "scorecard": "scorecard/", "about": "about/", "worktable": "worktable/",
    }


PAGE_NAMES = ("home", "list", "item", "guide", "finder", "mapping", "cases", "complaints",
              "rectification", "scorecard", "about", "worktable")


def open_page(page, site_url: str, path: str) -> None:
    """Load a page and wait until its scripts are done (the finder: results shown)."""
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.wait_for_selector(".qd-textsize button")  # textsize.js built its control
    if path.startswith("find/"):
        page.wait_for_selector("#finder-results > li")


# Contrast is judged on the page at rest: a full-page screenshot scrolls, and Material
# fades its tabs back in (staggered, the last tab latest), which axe would catch half-way.
AT_REST = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def run_axe(page, axe: str, rules: list[str] | None = None) -> dict:
    page.add_style_tag(content=AT_REST)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.add_script_tag(path=axe)
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate("options => axe.run(document, options)", options)


def blocking(result: dict) -> list[str]:
    """Serious and critical violations, one readable line each with the first elements."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])}× e.g. "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"] if v["impact"] in BLOCKING
    ]


# --- axe-core ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", (1280, 360))
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_finds_no_serious_violation(page, site_url, shipped, axe, name, width):
    """At both widths; on a phone the page body also must not scroll sideways."""
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, site_url, pages(shipped)[name])
    shot = artifact(f"a11y-{name}-{width}.png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if width < 400:
        assert no_horizontal_scroll(page)
    result = run_axe(page, axe)
    # Not vacuous: axe ran its rules on this page, colour contrast among them.
    passed = {rule["id"] for rule in result["passes"]}
    assert len(passed) >= 20 and "color-contrast" in passed, sorted(passed)
    assert blocking(result) == []


@pytest.mark.parametrize("name", ("guide", "list", "cases"))
def test_largest_text_size_keeps_contrast_and_line_length(page, site_url, shipped, axe, name):
    page.goto(site_url)
    page.evaluate("localStorage.setItem('qingdan.textsize', 'xlarge')")
    open_page(page, site_url, pages(shipped)[name])
    assert page.evaluate("document.documentElement.dataset.qdTextsize") == "xlarge"
    assert blocking(run_axe(page, axe, ["color-contrast", "target-size"])) == []
    # Readable line length: no paragraph of running text wider than about 42 characters.
    widest = page.evaluate("""() => Math.max(0, ...[...document.querySelectorAll('article p')]
        .filter(p => !p.closest('table'))
        .map(p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize)))""")
    assert 10 < widest <= 42.5
    page.set_viewport_size({"width": 360, "height": 800})
    assert no_horizontal_scroll(page)
    for path in screenshots(page, f"a11y-{name}-xlarge"):
        assert path.stat().st_size > 10_000


# --- text size control ---------------------------------------------------------------------


def root_font_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_text_size_control_persists_across_pages(page, site_url, shipped):
    links = pages(shipped)
    open_page(page, site_url, links["guide"])
    normal = root_font_px(page)
    group = page.get_by_role("group", name="字号")
    assert group.get_by_role("button", name="标准字号", exact=True).get_attribute("aria-pressed") == "true"
    sizes = {}
    for name in ("大字号", "特大字号"):
        group.get_by_role("button", name=name, exact=True).click()
        assert group.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == "true"
        sizes[name] = root_font_px(page)
    assert normal < sizes["大字号"] < sizes["特大字号"]
    assert sizes["特大字号"] >= 1.35 * normal

    # The next page opens at the chosen size, applied by the inline script in <head>
    # before any stylesheet or textsize.js: with textsize.js blocked it still applies.
    page.route("**/assets/textsize.js", lambda route: route.abort())
    page.goto(site_url + links["list"])
    assert page.evaluate("document.documentElement.dataset.qdTextsize") == "xlarge"
    assert root_font_px(page) == sizes["特大字号"]
    page.unroute("**/assets/textsize.js")

    open_page(page, site_url, links["item"])
    page.get_by_role("group", name="字号").get_by_role("button", name="标准字号", exact=True).click()
    assert root_font_px(page) == normal
    assert page.evaluate("localStorage.getItem('qingdan.textsize')") is None


# --- structure: tables, charts, colour -----------------------------------------------------


def article_soups(site: Path):
    for html in sorted(site.rglob("index.html")):
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is not None:
            yield html.relative_to(site).parent.as_posix(), article


def test_every_table_has_a_caption_and_headers(shipped_site):
    missing, tables = [], 0
    for path, article in article_soups(shipped_site):
        for table in article.find_all("table"):
            # A model text's own body is a document quoted from the content, tables and all.
            if table.find_parent(class_="qd-model-text-body"):
                continue
            tables += 1
            caption = table.find("caption")
            if caption is None or not caption.get_text(strip=True):
                missing.append(f"{path}: caption")
            if table.find("th") is None:
                missing.append(f"{path}: th")
    assert tables > 100
    assert missing == []


def test_every_chart_has_a_text_table(shipped_site):
    charts = 0
    for path, article in article_soups(shipped_site):
        table_text = " ".join(t.get_text(" ", strip=True) for t in article.find_all("table"))
        for chart in article.select("svg.qd-chart"):
            charts += 1
            assert chart.get("role") == "img" and chart.find("title").get_text(strip=True), path
            labels = [t.get_text(strip=True) for t in chart.select(".qd-chart-label")]
            assert labels and all(label in table_text for label in labels), (path, labels)
    assert charts > 0


STATUS_CLASSES = ("qd-state", "qd-status", "qd-badge", "qd-sample", "qd-stale")


def test_status_is_written_not_only_coloured(shipped_site):
    """Overdue, stale, open, sample …: every coloured status mark carries words."""
    seen: dict[str, int] = dict.fromkeys(STATUS_CLASSES, 0)
    for path, article in article_soups(shipped_site):
        for name in STATUS_CLASSES:
            for mark in article.select(f".{name}"):
                seen[name] += 1
                assert re.search(r"[\u4e00-\u9fff]", mark.get_text()), (path, str(mark)[:120])
    assert all(seen.values()), seen


def test_no_text_in_images(shipped_site):
    """Older readers enlarge text: every picture shown is an SVG without text in it (charts
    are inline SVG whose labels are real text, and have a table beside them)."""
    sources = set()
    for html in shipped_site.rglob("*.html"):
        for img in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("img"):
            sources.add((html.parent / img["src"]).resolve() if not img["src"].startswith("/")
                        else (shipped_site / img["src"].lstrip("/")).resolve())
    assert sources
    for source in sources:
        assert source.suffix == ".svg" and source.is_file(), source
        assert "<text" not in source.read_text(encoding="utf-8"), source


def test_keyboard_focus_is_visible(page, site_url, shipped):
    open_page(page, site_url, pages(shipped)["guide"])
    outlines = []
    for _ in range(25):
        page.keyboard.press("Tab")
        outlines.append(page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName + '.' + e.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }"""))
    faint = [o for o in outlines if o[1] == "none" or o[2] < 2]
    assert len({o[0] for o in outlines}) > 5 and faint == []


def test_finder_announces_its_result_count(page, site_url):
    open_page(page, site_url, f"find/?q={FINDER_QUERY}")
    count = page.locator("#finder-count")
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    shown = page.locator("#finder-results > li").count()
    found = int(re.search(r"找到 (\d+) 条结果", count.inner_text()).group(1))
    assert 0 < shown <= found
    page.fill("#finder-q", "不存在的事项名称")
    page.wait_for_function("document.getElementById('finder-count').textContent.includes('没有找到')")


# --- phones ---------------------------------------------------------------------------------


def test_wide_table_scrolls_in_its_box_with_the_first_column_kept(page, site_url, shipped):
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, site_url, pages(shipped)["mapping"])
    box = page.locator(".qd-table-wrap", has=page.locator("table.qd-mapping-table"))
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100")
    # a11y.js made it a named, focusable region, so the keyboard can scroll it too.
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    assert "可左右滚动" in box.get_attribute("aria-label")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    left = box.evaluate("b => b.getBoundingClientRect().left")
    first = page.locator("table.qd-mapping-table tbody tr").first.locator("td").first
    last = page.locator("table.qd-mapping-table tbody tr").first.locator("td").last
    assert abs(first.bounding_box()["x"] - left) <= 1  # the first column stayed in view
    assert last.bounding_box()["x"] + last.bounding_box()["width"] <= 361
    page.screenshot(path=str(artifact("a11y-mapping-scrolled-360.png")))

    # A guide's materials are cards on a phone instead (tests/test_guide_layout.py):
    # nothing there scrolls sideways, so a11y.js leaves it out of the tab order.
    code = next(iter(shipped.guides))
    open_page(page, site_url, f"guides/{code}/")
    materials = page.locator(".qd-materials")
    assert materials.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert materials.get_attribute("tabindex") is None


def test_finder_facets_fold_into_a_dialog_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, site_url, f"find/?q={FINDER_QUERY}")
    facets, opener = page.locator("#finder-facets"), page.get_by_role("button", name="筛选条件")
    assert not facets.is_visible() and opener.is_visible()
    before = int(re.search(r"\d+", page.locator("#finder-count").inner_text()).group())
    opener.click()
    dialog = page.get_by_role("dialog", name="筛选")
    assert dialog.is_visible() and dialog.evaluate("d => d.matches(':modal')")
    page.screenshot(path=str(artifact("a11y-finder-facets-360.png")))
    dialog.get_by_role("checkbox", name=re.compile("清单事项")).check()
    page.wait_for_url("**type=item*")
    after = int(re.search(r"\d+", page.locator("#finder-count").inner_text()).group())
    assert 0 < after < before
    page.keyboard.press("Escape")  # closes, and focus returns to the button
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "筛选条件"
    # Wider than a phone: the facets are back beside the results, the button gone.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("document.getElementById('finder-facets').offsetParent !== null")
    assert not opener.is_visible()
    assert facets.get_by_role("checkbox", name=re.compile("清单事项")).is_checked()


# --- print -----------------------------------------------------------------------------------


def column_text(bbox_html: str, header: str) -> str:
    """The words printed under a table header, top to bottom, on every page that repeats it.

    A narrow cell wraps, and plain pdftotext interleaves the wrapped lines of neighbouring
    cells; the word boxes (pdftotext -bbox) tell which column a word sits in."""
    column = []
    for sheet in BeautifulSoup(bbox_html, "html.parser").find_all("page"):
        words = [(float(w["xmin"]), float(w["ymin"]), w.get_text()) for w in sheet.find_all("word")]
        heads = [w for w in words if w[2] == header]
        if not heads:
            continue
        x0, y0, _ = heads[0]
        x1 = min((x for x, y, _ in words if abs(y - y0) < 1 and x > x0), default=float("inf"))
        column += [t for x, y, t in sorted(words, key=lambda w: (w[1], w[0])) if y > y0 + 1 and x0 - 1 <= x < x1 - 1]
    return "".join(column)



def test_guide_prints_everything_a_business_needs(page, site_url, shipped, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is not installed: run .ci/run (apt-get install poppler-utils)")
    code, guide = next(iter(shipped.guides.items()))
    path = f"guides/{code}/"
    open_page(page, site_url, path)
    pdf = artifact("a11y-guide-print.pdf")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text_file, bbox_file = tmp_path / "guide.txt", tmp_path / "guide.html"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(text_file)], check=True)
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(bbox_file)], check=True)
    # pdftotext breaks long lines; compare without whitespace.
    text = re.sub(r"\s+", "", text_file.read_text(encoding="utf-8"))
    names = column_text(bbox_file.read_text(encoding="utf-8"), "材料名称")
    missing = [x.name for x in guide.materials if re.sub(r"\s+", "", x.name) not in names]
    assert len(guide.materials) > 1 and missing == []

    def printed(value: str) -> bool:
        return re.sub(r"\s+", "", value) in text

    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(A4\)", size) and re.search(r"Pages:\s+[1-9]", size), size
    wanted = [shipped.service_items[code].name, *guide.conditions[:1],
              *(s.name for s in guide.steps),
              "法定办结时限", "承诺办结时限", guide.office.name, guide.office.address,
              *guide.phones.enquiry, *guide.phones.complaint,
              shipped.site.site_url + path, guide.reviewed.date.isoformat()]
    wanted += [f.name for f in guide.fees.items] if guide.fees.charged else ["不收费"]
    assert [w for w in wanted if not printed(str(w))] == []
    # No navigation, search, text-size control or footer on paper.
    for clutter in ("网站标识码", "主办单位", "案例通报订阅", "站内查询", "字号", "跳转至", "工作专班"):
        assert not printed(clutter), clutter


# --- government-site conventions ---------------------------------------------------------------


def test_footer_and_about_page_carry_the_site_identity(page, site_url, shipped):
    filings = shipped.site.filings
    open_page(page, site_url, pages(shipped)["guide"])
    footer = page.locator("footer.qd-footer")
    text = footer.inner_text()
    assert filings.site_code in text and f"主办单位：{filings.organiser}" in text
    assert footer.get_by_role("link", name=filings.icp).get_attribute("href") == filings.icp_url
    assert footer.get_by_role("link", name=filings.police).get_attribute("href") == filings.police_url
    assert footer.get_by_role("link", name="政府网站找错").get_attribute("href") == filings.error_report_url
    footer.get_by_role("link", name="关于本站").click()
    page.wait_for_url("**/about/")
    article = page.locator("article")
    assert article.locator("h1").inner_text().strip() == "关于本站"
    assert shipped.site.update_frequency in article.inner_text()
    sources = article.locator("table.qd-sources tbody tr")
    assert sources.count() >= 5
    listed = sources.filter(has_text="负面清单事项")
    assert str(len(shipped.current.items)) in listed.inner_text()
    assert shipped.office.name in listed.inner_text()
    guides = sources.filter(has_text="办事指南").inner_text()
    for dept in {g.department for g in shipped.guides.values()}:
        assert shipped.departments[dept].name in guides
