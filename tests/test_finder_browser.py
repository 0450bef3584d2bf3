"""The finder (实时查询, /find/) in headless Chromium against the shipped site.

The whole query set of tests/finder_queries.yaml (recall 100 %, precision >= 90 %),
search as you type, facets and their counts, state in the URL and the back button,
the plain GET form without JavaScript, highlighting, the aria-live result count, the
header search box of other pages, code prefixes, pinyin initials, the full text
loading only the shards of the query's terms, the JS tokenizer against the Python
one, and hostile content shown as text. Expected values come from the content graph
or from the query file, never from the finder itself.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import yaml
from lunr.query import QueryPresence
from playwright.sync_api import expect

from generator.render.search import bundle
from generator.render.search.records import TYPE_LABELS
from generator.render.search.tokenize import query_terms, shard_of, terms
from tests.conftest import ROOT, artifact, build, lunr_reference, serve, text_shards

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((ROOT / "tests" / "finder_queries.yaml").read_text(encoding="utf-8"))["queries"]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
DONE = "(q) => { const f = document.getElementById('finder'); return f && f.dataset.state === 'done' && f.dataset.query === q; }"


@pytest.fixture(scope="module")
def records(shipped):
    return bundle.build(shipped)[1]


def find_url(site_url: str, q: str = "", **filters: str) -> str:
    params = ([("q", q)] if q else []) + list(filters.items())
    return site_url + "find/" + ("?" + urlencode(params) if params else "")


def open_finder(page, site_url: str, q: str = "", **filters: str) -> list[dict]:
    """Open /find/ with a query in the URL; wait until every shard it needs is in."""
    page.goto(find_url(site_url, q, **filters))
    page.wait_for_function(DONE, arg=q)
    return page.evaluate("qingdanFinder.current()")


def wait_done(page, q: str) -> list[dict]:
    page.wait_for_function(DONE, arg=q)
    return page.evaluate("qingdanFinder.current()")


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# --- the query set -------------------------------------------------------------------

def test_query_set_is_substantial():
    kinds = {"chinese": 0, "code": 0, "pinyin": 0}
    for query in QUERIES:
        q = unicodedata.normalize("NFKC", query["q"]).lower()
        kinds["code" if re.fullmatch(r"[0-9a-z]*\d[0-9a-z]*", q) else "pinyin" if q.isascii() else "chinese"] += 1
    assert len(QUERIES) >= 40
    assert kinds["chinese"] >= 25 and kinds["code"] >= 5 and kinds["pinyin"] >= 3, kinds
    assert sum("局" in q["q"] for q in QUERIES) >= 5  # department queries
    assert all(q["expect"] for q in QUERIES), "a query that must return nothing proves nothing"


def test_every_expected_page_exists(shipped_site):
    for query in QUERIES:
        for path in query["expect"]:
            assert (shipped_site / path / "index.html").is_file(), (query["q"], path)


def test_query_set_recall_and_precision(page, site_url):
    """Every query finds every page it must (recall 100 %); of what it returns, at
    least 90 % is relevant (macro average over the queries)."""
    missed, precisions, report = [], [], []
    for query in QUERIES:
        filters = {"type": query["type"]} if query.get("type") else {}
        got = [hit["path"] for hit in open_finder(page, site_url, query["q"], **filters)]
        expected = set(query["expect"])
        lost = sorted(expected - set(got))
        if lost:
            missed.append(f"{query['q']!r}: 缺少 / missing {lost}")
        precision = len(expected & set(got)) / len(got) if got else 0.0
        precisions.append(precision)
        report.append(f"{query['q']!r} type={query.get('type')}: {len(got)} returned, "
                      f"{len(expected)} expected, precision {precision:.2f}")
    assert not missed, "\n".join(missed)
    macro = sum(precisions) / len(precisions)
    assert macro >= 0.90, f"precision {macro:.3f}\n" + "\n".join(report)
    # No query is allowed to be mostly noise either.
    assert min(precisions) >= 0.5, "\n".join(report)


# --- typing, facets, URL ------------------------------------------------------------

def test_results_appear_as_the_user_types_without_a_page_load(page, site_url, records):
    page.goto(find_url(site_url))
    page.wait_for_function(DONE, arg="")
    page.evaluate("window.__noReload = true")
    page.locator("#finder-q").press_sequentially("食品", delay=30)
    hits = wait_done(page, "食品")
    expected = {r.path for r in records if "食品" in r.title or any("食品" in t for t in r.texts)}
    assert expected and expected <= {h["path"] for h in hits}
    assert page.evaluate("window.__noReload === true"), "typing must not load a new page"
    assert url_params(page) == {"q": ["食品"]}
    expect(page.locator("#finder-results li").first).to_be_visible()
    # No button was pressed: the submit button is there for the plain form only.
    assert page.locator("#finder-count").inner_text() == f"找到 {len(hits)} 条结果"


def test_substring_and_whole_name_find_the_same_item(page, site_url):
    long = {h["path"] for h in open_finder(page, site_url, "食品经营许可")}
    short = {h["path"] for h in open_finder(page, site_url, "经营许可")}
    assert "guides/441723001000/" in long & short
    assert "items/206001/" in long & short


def test_type_facet_counts_and_filter(page, site_url, records):
    hits = open_finder(page, site_url, "食品")
    by_type: dict[str, int] = {}
    for hit in hits:
        by_type[hit["type"]] = by_type.get(hit["type"], 0) + 1
    assert len(by_type) >= 3, by_type  # items, guides, model texts, cases
    for key, count in by_type.items():
        option = page.locator(f'[data-facet="type"] input[value="{key}"]').locator("xpath=..")
        expect(option.locator(".qd-facet__count")).to_have_text(f"（{count}）")
        expect(option.locator(".qd-facet__name")).to_have_text(TYPE_LABELS[key])
    page.locator('[data-facet="type"] input[value="item"]').check()
    filtered = wait_done(page, "食品")
    assert filtered and {h["type"] for h in filtered} == {"item"}
    assert len(filtered) == by_type["item"]
    assert url_params(page) == {"q": ["食品"], "type": ["item"]}
    # The other type options keep their counts (a facet never counts against itself).
    guide = page.locator('[data-facet="type"] input[value="guide"]').locator("xpath=..")
    expect(guide.locator(".qd-facet__count")).to_have_text(f"（{by_type['guide']}）")


def test_department_facet_narrows_and_counts(page, site_url, shipped, records):
    hits = open_finder(page, site_url, "许可", type="item")
    depts = {d for r in records if r.path in {h["path"] for h in hits} for d in r.facets.get("dept", [])}
    assert "scjgj" in depts and len(depts) > 3
    expected = sorted(r.path for r in records if r.path in {h["path"] for h in hits}
                      and "scjgj" in r.facets.get("dept", []))
    box = page.locator('[data-facet="dept"] input[value="scjgj"]')
    count = box.locator("xpath=..").locator(".qd-facet__count")
    expect(count).to_have_text(f"（{len(expected)}）")
    page.locator('[data-facet="dept"] summary').click()
    box.check()
    narrowed = wait_done(page, "许可")
    assert sorted(h["path"] for h in narrowed) == expected
    assert url_params(page) == {"q": ["许可"], "type": ["item"], "dept": ["scjgj"]}


def test_keyword_matches_facet_values(page, site_url, records):
    # 禁止准入类 is a category, not in any item's name: typing it finds the category's items.
    hits = open_finder(page, site_url, "禁止准入类", type="item")
    expected = {r.path for r in records if r.type == "item" and "禁止准入类" in r.facets.get("cat", [])}
    assert expected and {h["path"] for h in hits} == expected


def test_clear_all_resets_query_filters_and_url(page, site_url):
    open_finder(page, site_url, "食品", type="item")
    expect(page.locator('[data-facet="type"] input[value="item"]')).to_be_checked()
    page.locator("#finder-clear").click()
    wait_done(page, "")
    expect(page.locator("#finder-q")).to_have_value("")
    expect(page.locator('[data-facet="type"] input[value="item"]')).not_to_be_checked()
    assert urlsplit(page.url).query == ""
    expect(page.locator("#finder-q")).to_be_focused()


def test_url_state_is_shareable_and_back_button_works(page, site_url):
    open_finder(page, site_url)
    page.locator("#finder-q").fill("食品")
    wait_done(page, "食品")
    page.locator('[data-facet="type"] input[value="guide"]').check()
    guides = wait_done(page, "食品")
    assert url_params(page) == {"q": ["食品"], "type": ["guide"]}
    shared = page.url
    page.go_back()
    page.wait_for_function("!new URLSearchParams(location.search).has('type')")
    both = wait_done(page, "食品")
    expect(page.locator('[data-facet="type"] input[value="guide"]')).not_to_be_checked()
    expect(page.locator("#finder-q")).to_have_value("食品")
    assert len(both) > len(guides)
    page.go_back()
    page.wait_for_function("location.search === ''")
    wait_done(page, "")
    expect(page.locator("#finder-q")).to_have_value("")
    page.go_forward()
    wait_done(page, "食品")
    expect(page.locator("#finder-q")).to_have_value("食品")
    # The shared URL, opened fresh, shows the same results.
    page.goto(shared)
    assert [h["path"] for h in wait_done(page, "食品")] == [h["path"] for h in guides]


def test_typing_a_word_makes_one_history_entry(page, site_url):
    open_finder(page, site_url)
    before = page.evaluate("history.length")
    page.locator("#finder-q").press_sequentially("食品经营", delay=20)
    wait_done(page, "食品经营")
    assert page.evaluate("history.length") == before + 1


def test_url_with_a_query_paints_results_at_once(page, site_url):
    """The record table is enough for a code or a name: the first paint after it loads
    already holds the results, before lunr.js or any shard arrives."""
    page.add_init_script("""
      new MutationObserver((_, obs) => {
        const list = document.getElementById('finder-results');
        if (list && list.children.length && !window.__firstPaint) {
          window.__firstPaint = {state: document.getElementById('finder').dataset.state,
                                 lunr: typeof window.lunr, first: list.querySelector('a').getAttribute('href')};
        }
      }).observe(document, {subtree: true, childList: true});
    """)
    hits = open_finder(page, site_url, "206001")
    assert hits[0]["path"] == "items/206001/"
    first = page.evaluate("window.__firstPaint")
    assert first["first"].endswith("items/206001/")
    # Painted from the record table alone, before lunr.js (for the full text) had run.
    assert first["lunr"] == "undefined" and first["state"] == "pending"
    expect(page.locator("#finder-q")).to_have_value("206001")


def test_full_text_fetches_only_the_shards_of_its_terms(page, site_url, shipped):
    shards = len(text_shards(bundle.build(shipped)[0]))
    assert shards >= 2, "the shipped index should be split, or this test proves nothing"
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    q = "现场核查"
    open_finder(page, site_url, q)
    loaded = {int(m.group(1)) for url in fetched if (m := re.search(r"/find/index/text-(\d+)\.json$", url))}
    assert loaded == {shard_of(t, shards) for t in query_terms(q)}
    # A single character is served by the record table: no shard, no lunr.js.
    fetched.clear()
    page.goto(find_url(site_url, "食"))
    wait_done(page, "食")
    assert not [u for u in fetched if "/text-" in u or u.endswith("lunr.js")]


def test_full_text_hit_says_where_it_matched(page, site_url, records):
    # A phrase found only in a guide's materials, not in any title or short text.
    q = "营业执照"
    only_full = [r for r in records if r.type == "guide" and any(q in t for t in r.full_text)
                 and q not in r.title and not any(q in t for t in r.texts)]
    assert only_full
    hits = open_finder(page, site_url, q, type="guide")
    assert {r.path for r in only_full} <= {h["path"] for h in hits}
    expect(page.locator("#finder-results .qd-result__facts").filter(has_text=f"正文中含有：{q}").first).to_be_visible()


# --- what is shown -------------------------------------------------------------------

def test_matched_text_is_highlighted(page, site_url):
    open_finder(page, site_url, "食品", type="item")
    marks = page.locator("#finder-results .qd-result__title mark")
    assert marks.count() >= 2
    assert set(marks.all_inner_texts()) == {"食品"}
    open_finder(page, site_url, "2060", type="item")
    codes = page.locator("#finder-results .qd-result__code mark")
    assert set(codes.all_inner_texts()) == {"2060"}


def test_result_count_is_announced(page, site_url):
    open_finder(page, site_url)
    count = page.locator("#finder-count")
    assert count.get_attribute("role") == "status"
    assert count.get_attribute("aria-live") == "polite"
    page.locator("#finder-q").fill("烟花爆竹")
    hits = wait_done(page, "烟花爆竹")
    expect(count).to_have_text(f"找到 {len(hits)} 条结果")
    page.locator("#finder-q").fill("没有这样的事项名称")
    wait_done(page, "没有这样的事项名称")
    expect(count).to_contain_text("没有找到结果")


def test_more_results_button_only_when_there_are_more(page, site_url):
    # 50 results a page (finder.js PAGE); the button must really be gone otherwise
    # (Material's .md-button display rule once beat the hidden attribute).
    more = page.locator("#finder-more")
    rows = page.locator("#finder-results > li")
    few = open_finder(page, site_url, "食品")
    assert 0 < len(few) <= 50
    expect(rows).to_have_count(len(few))
    expect(more).to_be_hidden()
    many = open_finder(page, site_url, "许可")
    assert len(many) > 50
    expect(rows).to_have_count(50)
    expect(more).to_be_visible()
    more.click()
    expect(rows).to_have_count(min(len(many), 100))
    if len(many) <= 100:
        expect(more).to_be_hidden()


def test_keyboard_reaches_the_results(page, site_url):
    open_finder(page, site_url, "食品")
    page.locator("#finder-q").focus()
    page.keyboard.press("ArrowDown")
    first = page.locator("#finder-results a").first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(items|guides|model-texts|cases)/"))


def test_code_prefix_and_full_code(page, site_url, records):
    hits = open_finder(page, site_url, "2060", type="item")
    expected = {r.path for r in records if r.type == "item" and any(c.startswith("2060") for c in r.codes)}
    assert len(expected) >= 5
    assert {h["path"] for h in hits} >= expected
    assert [h["path"] for h in hits][: len(expected)] == sorted(expected, key=[h["path"] for h in hits].index)
    assert open_finder(page, site_url, "20600101")[0]["path"] == "items/206001/"  # a measure code


def test_pinyin_initials(page, site_url):
    hits = open_finder(page, site_url, "spjy")
    assert hits and hits[0]["path"] == "guides/441723001000/"  # 食品经营许可
    assert "guides/000120001000/" in {h["path"] for h in open_finder(page, site_url, "qsxk")}  # 取水许可


def test_header_search_of_any_page_leads_to_the_finder(page, site_url):
    page.goto(site_url + "items/206001/")
    box = page.locator("#qd-header-q")
    box.fill("食品")
    box.press("Enter")
    page.wait_for_url("**/find/?q=*")
    hits = wait_done(page, "食品")
    assert "items/206001/" in {h["path"] for h in hits}
    expect(page.locator("#finder-q")).to_have_value("食品")


def test_phone_width(page, site_url):
    page.set_viewport_size({"width": 360, "height": 800})
    open_finder(page, site_url, "食品")
    expect(page.locator("#qd-header-q")).to_be_hidden()
    link = page.locator(".qd-header-search-link")
    expect(link).to_be_visible()
    assert link.evaluate("a => a.href") == site_url + "find/"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # On a phone the filters fold into a dialog behind a button above the results
    # (opened and closed in tests/test_a11y.py).
    expect(page.locator("#finder-facets")).to_be_hidden()
    opener = page.get_by_role("button", name="筛选条件").bounding_box()
    assert opener["y"] < page.locator("#finder-results").bounding_box()["y"]
    page.screenshot(path=str(artifact("finder-360.png")), full_page=True)


# --- without JavaScript ---------------------------------------------------------------

def test_plain_get_form_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(site_url + "find/")
        form = page.locator("#finder-form")
        assert form.get_attribute("method") == "get"
        expect(page.locator("#finder-noscript")).to_be_visible()
        expect(page.locator("#finder-noscript a").first).to_have_attribute("href", re.compile(r"list/$"))
        page.locator("#finder-q").fill("食品")
        page.locator('[data-facet="type"] input[value="item"]').check()
        page.locator("#finder-form button[type=submit]").first.click()
        page.wait_for_url("**/find/?*")
        assert url_params(page) == {"q": ["食品"], "type": ["item"]}
        # The plain list is one click away.
        page.locator(".qd-finder__plain a").click()
        page.wait_for_url(re.compile(r"/list/$"))
        # The header form of any page is a plain GET form to the finder too.
        page.goto(site_url + "items/206001/")
        page.locator("#qd-header-q").fill("206001")
        page.locator("#qd-header-q").press("Enter")
        page.wait_for_url("**/find/?q=206001")
    finally:
        context.close()


# --- one tokenisation on both sides -----------------------------------------------------

TOKENIZER_STRINGS = [
    "食品经营许可", "未获得许可，不得从事特定食品经营", "食", "ＧＢ２７６０—２０１４食品安全国家标准",
    "《中华人民共和国行政许可法》第二十九条", "11441721MB2C58302X4441723001000", "织䇲镇", "𠀋𪚥",
    "Hello World 2025年版", "①②③ ﹙全角括号﹚ Ⅻ", "e-mail: a.b@example.cn", "🍜 面馆",
    "县级初审、市级审批", "ﾃｽﾄ カタカナ ひらがな", "\u3000全角空格\u3000", "", "   ", "ß İ ﬁ",
    "兀（U+F9F2 兼容汉字）", "A1b2C3", "食品\u200b经营",
]


def test_python_and_javascript_tokenizers_agree(page, site_url, records):
    page.goto(find_url(site_url))
    page.wait_for_function("window.qingdanFinder && window.qingdanFinder.ready")
    strings = TOKENIZER_STRINGS + [r.title for r in records] + [t for r in records for t in r.full_text][:400]
    js = page.evaluate(
        "(xs) => xs.map(s => [qingdanFinder.terms(s), qingdanFinder.queryTerms(s),"
        " qingdanFinder.terms(s).map(t => [qingdanFinder.shardOf(t, 7), qingdanFinder.shardOf(t, 512)])])",
        strings)
    assert sum(len(terms(s)) for s in strings) > 1000
    for text, (js_terms, js_query, js_shards) in zip(strings, js, strict=True):
        assert js_terms == terms(text), text
        assert js_query == query_terms(text), text
        assert js_shards == [[shard_of(t, 7), shard_of(t, 512)] for t in terms(text)], text


def test_lunr_scores_in_the_browser_match_lunr_py(page, site_url, shipped):
    """The index the browser rebuilds from the shards scores like the full lunr.py index."""
    index = lunr_reference(bundle.build(shipped)[1])
    for q in ("营业执照", "现场核查", "告知承诺"):
        ts = query_terms(q)
        query = index.create_query()
        for t in ts:
            query.term(t, use_pipeline=False, presence=QueryPresence.REQUIRED)
        python = {int(r["ref"]): r["score"] for r in index.query(query)}
        open_finder(page, site_url, q)
        js = page.evaluate("(ts) => qingdanFinder.fullTextScores(ts)", ts)
        assert python, q
        assert {int(k) for k in js} == set(python), q
        for ref, score in python.items():
            assert js[str(ref)] == pytest.approx(score, rel=1e-6), (q, ref)


# --- hostile content --------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    site = build(tmp_path_factory.mktemp("finder-hostile") / "site", HOSTILE / "content", HOSTILE / "site_config")
    url, stop = serve(site)
    yield url
    stop()


def test_hostile_content_is_shown_as_text(page, hostile_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(find_url(hostile_url, "恶意"))
    wait_done(page, "恶意")
    results = page.locator("#finder-results")
    expect(results).to_contain_text("<script>alert(1)</script>")
    assert results.locator("script, img, [onerror]").count() == 0
    assert page.locator("#finder-facets script, #finder-facets img").count() == 0
    expect(page.locator("#finder-facets")).to_contain_text("<script>alert(1)</script>")
    for href in results.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        assert not href.lower().startswith("javascript:")
    # A facet value holding markup still filters.
    page.locator('[data-facet="sector"] summary').click()
    page.locator('[data-facet="sector"] input').first.check()
    wait_done(page, "恶意")
    assert not dialogs
