"""What a person sees in a real browser (headless Chromium) on the site-wide pages.

Opens the home page, an item, a guide and the case page of the shipped site, checks
the visible headings, names, the materials table and the case entries, and saves
screenshots to test-artifacts/ at 1280 px and 360 px. The case filter is exercised on
the minimal fixture, whose cases differ in year, type and department.
Expected values come from the content graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.pipeline import check
from tests.conftest import ROOT, TEST_DATE, artifact, build, serve

pytestmark = pytest.mark.browser
WIDTHS = (1280, 360)
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory):
    site = build(tmp_path_factory.mktemp("browser-minimal") / "site", FIXTURE / "content", FIXTURE / "site_config")
    url, stop = serve(site)
    yield url
    stop()


def screenshots(page, name: str) -> list[Path]:
    """Full-page screenshots at desktop and phone widths; the page is left at 1280 px."""
    saved = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        path = artifact(f"{name}-{width}.png")
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
    page.set_viewport_size({"width": 1280, "height": 900})
    return saved


def no_horizontal_scroll(page) -> bool:
    """At phone width the page itself must not scroll sideways (wide tables scroll inside)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_home_page(page, site_url, shipped):
    page.goto(site_url)
    heading = page.locator("article h1")
    assert heading.inner_text().strip() == shipped.site.site_name
    assert page.get_by_text(shipped.current.info.title, exact=False).first.is_visible()
    search = page.locator("article form[role=search] input[name=q]")
    assert search.is_visible()
    for bulletin in shipped.bulletins[:3]:
        assert page.locator(".qd-bulletins a", has_text=bulletin.title).first.is_visible()
    footer = page.locator("footer")
    assert footer.get_by_text("网站标识码", exact=False).is_visible()
    assert footer.get_by_role("link", name="投诉渠道").is_visible()
    for path in screenshots(page, "home"):
        assert path.stat().st_size > 10_000
    page.set_viewport_size({"width": 360, "height": 800})
    assert no_horizontal_scroll(page)
    # The search box is a plain GET form: submitting it goes to the finder with ?q=.
    page.set_viewport_size({"width": 1280, "height": 900})
    search.fill("食品")
    search.press("Enter")
    page.wait_for_url("**/find/?q=*")
    assert "q=%E9%A3%9F%E5%93%81" in page.url


def test_item_page(page, site_url, shipped):
    item = next((i for i in shipped.current.items.values() if shipped.guides_of_item(i.code)),
                next(iter(shipped.current.items.values())))
    page.goto(f"{site_url}items/{item.code}/")
    assert item.name in page.locator("article h1").inner_text()
    assert page.get_by_text(item.code, exact=False).first.is_visible()
    screenshots(page, "item")
    # The list page links to it by name.
    page.goto(f"{site_url}list/")
    link = page.locator("table.qd-list-table a", has_text=item.name).first
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"**/items/{item.code}/")


def test_list_page_groups_and_jumps(page, site_url, shipped):
    page.goto(f"{site_url}list/")
    assert page.locator("article h1").inner_text().strip() == "负面清单"
    rows = page.locator("table.qd-list-table tbody tr")
    assert rows.count() == len(shipped.current.items)
    sectors = list(dict.fromkeys(i.sector for i in shipped.current.items.values() if i.sector))
    last = sectors[-1]
    page.locator("nav.qd-jump a", has_text=last).first.click()
    assert page.locator("article h3", has_text=last).first.is_visible()
    screenshots(page, "list")
    page.set_viewport_size({"width": 360, "height": 800})
    assert no_horizontal_scroll(page)


def test_guide_page_shows_the_materials_table(page, site_url, shipped):
    code, guide = next(iter(shipped.guides.items()))
    service_item = shipped.service_items[code]
    page.goto(f"{site_url}guides/{code}/")
    assert service_item.name in page.locator("article h1").inner_text()
    first_material = guide.materials[0].name
    table = page.locator("article table", has_text=first_material).first
    assert table.is_visible()
    for material in guide.materials:
        assert table.get_by_text(material.name, exact=False).first.is_visible()
    screenshots(page, "guide")


def test_case_page_shows_every_case(page, site_url, shipped):
    page.goto(f"{site_url}cases/")
    assert page.locator("article h1").inner_text().strip() == "违规案例通报"
    cases = page.locator("article.qd-case")
    assert cases.count() == len(shipped.cases)
    for bulletin in shipped.bulletins:
        for case in bulletin.cases:
            assert page.locator(f"#case-{case.id} h3").inner_text().startswith(case.title)
    if shipped.cases:
        assert page.locator("#qd-case-filter").is_visible()
    screenshots(page, "cases")
    page.set_viewport_size({"width": 360, "height": 800})
    assert no_horizontal_scroll(page)


def test_case_filter_narrows_the_visible_cases(page, minimal_url):
    content, _ = check(FIXTURE / "content", FIXTURE / "site_config", TEST_DATE)
    all_cases = list(content.cases.values())
    page.goto(f"{minimal_url}cases/")
    visible = page.locator("article.qd-case:visible")
    assert visible.count() == len(all_cases)

    wanted = all_cases[-1].violation_type.value
    page.select_option("select[name=type]", wanted)
    expected = [c.id for c in all_cases if c.violation_type == wanted]
    assert 0 < len(expected) < len(all_cases)
    assert [e.get_attribute("id") for e in visible.all()] == [f"case-{i}" for i in expected]
    assert f"显示 {len(expected)} / {len(all_cases)}" in page.locator(".qd-filter-status").inner_text()
    screenshots(page, "cases-filtered")

    # The choice lives in the URL: reloading keeps it, and filters combine.
    assert "type=" in page.url
    page.reload()
    assert visible.count() == len(expected)
    year = str(all_cases[0].date.year)
    page.select_option("select[name=type]", "")
    page.select_option("select[name=year]", year)
    assert visible.count() == sum(1 for c in all_cases if str(c.date.year) == year)

    # Following the index to a case the filters hide shows it (the filters are cleared).
    hidden = next(c for c in all_cases if str(c.date.year) != year)
    page.locator("details.qd-case-index summary").click()
    page.locator(f"details.qd-case-index a[href='#case-{hidden.id}']").first.click()
    # The filters are cleared on hashchange, which fires after the click returns.
    expect(page.locator(f"#case-{hidden.id}")).to_be_visible()
    assert visible.count() == len(all_cases)


def test_cases_all_shown_without_javascript(browser, minimal_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{minimal_url}cases/")
        content, _ = check(FIXTURE / "content", FIXTURE / "site_config", TEST_DATE)
        assert page.locator("article.qd-case:visible").count() == len(content.cases)
        assert not page.locator("#qd-case-filter").is_visible()
    finally:
        context.close()
