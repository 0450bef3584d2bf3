"""The case feed opened in a browser is a page a person can read, and still Atom.

cases/feed.xml names an XSLT stylesheet (assets/feed.xsl); Chromium turns the feed into
an HTML page with the title, a note on what a feed is, and every bulletin. A feed
reader sees the same Atom document as before: one processing instruction more.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import artifact

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_is_atom_with_a_stylesheet(shipped_site):
    raw = (shipped_site / "cases" / "feed.xml").read_bytes()
    assert raw.splitlines()[1] == b'<?xml-stylesheet type="text/xsl" href="../assets/feed.xsl"?>'
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}entry") is not None
    assert (shipped_site / "assets" / "feed.xsl").is_file()


@pytest.mark.browser
def test_feed_opens_as_a_readable_page(page, site_url, shipped):
    page.goto(site_url + "cases/feed.xml")
    page.wait_for_load_state("load")
    heading = page.locator("h1")
    assert heading.inner_text().strip() == f"{shipped.site.site_name} 违规案例通报"
    assert "订阅源" in page.locator(".qd-feed-note").inner_text()
    titles = page.locator("article h2 a").all_inner_texts()
    assert len(titles) == len(shipped.bulletins)
    assert all(b.title in t for b, t in zip(shipped.bulletins, titles, strict=True))
    page.screenshot(path=str(artifact("feed-page-1280.png")), full_page=True)
