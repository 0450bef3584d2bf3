"""No page of any kind asks for something the site does not have.

Headless Chromium opens one page of every kind and listens to every request it makes
(documents, styles, scripts, images, fetches by scripts): none may fail or answer 4xx/5xx.
Before, every page asked for cases/sitemap.xml and got a 404: Material's script fetches a
sitemap beside every link[rel=alternate], and the Atom feed's link was one.
"""

from __future__ import annotations

import pytest

from generator.render import urls

pytestmark = pytest.mark.browser


def page_kinds(content) -> list[str]:
    item = next(iter(content.current.items))
    guide = next(iter(content.guides))
    text = next(iter(content.model_texts))
    department = next(iter(content.departments))
    case = next(iter(content.cases))
    pages = [urls.HOME, urls.LIST, urls.item(item), urls.guide(guide), urls.model_text(text),
             urls.department(department), urls.case(case), urls.FIND, urls.MAPPING, urls.CASES, urls.DEPARTMENTS,
             urls.GUIDES, urls.MODEL_TEXTS, urls.COMPLAINT, urls.COMPLAINTS_LEDGER, urls.RECTIFICATION_LEDGER,
             urls.SCORECARD, urls.CHANGES, urls.CORRESPONDENCE, urls.REDUCTIONS, urls.QUALITY, urls.WORKTABLE,
             urls.WORKING_GROUP, urls.OPEN_DATA, urls.ABOUT]
    return [urls.directory(p) for p in pages] + ["find/?q=食品", "no-such-page/"]


def test_no_page_requests_a_missing_file(page, site_url, shipped):
    broken: list[tuple[str, object, str]] = []
    current = {"page": ""}
    page.on("response", lambda r: broken.append((current["page"], r.status, r.url))
            if r.status >= 400 and not r.url.endswith("/no-such-page/") else None)
    # A request the browser itself cancels (net::ERR_ABORTED: a page left while an image
    # still loads, on a busy machine) is not a missing file; any other failure is.
    page.on("requestfailed", lambda r: broken.append((current["page"], r.failure, r.url))
            if "ERR_ABORTED" not in (r.failure or "") else None)
    kinds = page_kinds(shipped)
    for path in kinds:
        current["page"] = path
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert len(kinds) >= 25
    assert broken == []
