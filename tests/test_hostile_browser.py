"""Hostile input in the browser: the finder bounds its work per keystroke (a pasted 64,000-character
query froze the page for 36 s), and what a hostile department could write in a link field never
becomes a script link on the shipped pages."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser
DONE = "(q) => { const f = document.getElementById('finder'); return f && f.dataset.state === 'done' && f.dataset.query === q; }"


def test_a_pasted_huge_query_is_cut_to_200_characters_and_answered_quickly(page, site_url):
    page.goto(site_url + "find/")
    page.wait_for_selector("#finder-q")
    huge = ("食品经营许可 206001 " * 4000)[:64000]
    started = time.perf_counter()
    page.locator("#finder-q").fill(huge)
    page.wait_for_function(DONE, arg=huge[:200], timeout=10000)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"the finder took {elapsed:.1f} s"
    assert len(page.evaluate("document.getElementById('finder').dataset.query")) == 200
    assert page.evaluate("qingdanFinder.current().length") > 0  # still answers the first 200 characters


def test_no_page_links_to_a_script(page, site_url):
    for path in ("", "departments/", "departments/scjgj/", "guides/", "model-texts/", "about/"):
        page.goto(site_url + path)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        assert hrefs, path
        bad = [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:", "//"))]
        assert bad == [], (path, bad)
