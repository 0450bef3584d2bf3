"""The finder answers people in their own words (issue 18), in headless Chromium on the
built shipped site, over tests/plain_queries.yaml (written by hand, not from the finder's
rules): the right permit among the first 3 results for >= 95 % of the queries, the mean
reciprocal rank reported, and every trade outside the list gets the 清单之外 answer.

Also: the query understanding (fold, forms) is one definition in Python and JS; old codes
carry what became of them; the vocabulary is validated.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.pipeline import check
from generator.render.search import bundle
from generator.render.search.query import INTENT_WORDS, fold, forms
from tests.conftest import ROOT, TEST_DATE
from tests.test_finder_browser import DONE, find_url, open_finder

PLAIN = yaml.safe_load((ROOT / "tests" / "plain_queries.yaml").read_text(encoding="utf-8"))["queries"]
OUTSIDE = "清单之外"
TOP = 3


def answers_of(shipped) -> dict[str, set[str]]:
    """Result page -> the list items (or dept:<id>) it stands for, from the content graph:
    an item's page is the item; a guide or service item stands for its list items."""
    out: dict[str, set[str]] = {}
    for edition in shipped.editions.values():
        for code in edition.items:
            out[f"items/{code}/"] = {code}
    for service in shipped.service_items.values():
        out[f"guides/{service.basic_code}/"] = set(service.list_items)
    for dept in shipped.departments:
        out[f"departments/{dept}/"] = {f"dept:{dept}"}
    return out


def test_plain_query_set_is_what_the_issue_asks():
    kinds = {}
    for query in PLAIN:
        kinds[query["kind"]] = kinds.get(query["kind"], 0) + 1
        assert query["why"] and query["expect"], query
    assert len(PLAIN) >= 120
    assert kinds["outside"] >= 15
    for kind in ("trade", "verb", "traditional", "pinyin", "abbreviation", "typo", "old-code"):
        assert kinds.get(kind, 0) >= 5, (kind, kinds)
    assert len({q["q"] for q in PLAIN}) == len(PLAIN)


def test_expected_items_exist(shipped):
    codes = {c for e in shipped.editions.values() for c in e.items}
    for query in PLAIN:
        if query["expect"] == OUTSIDE:
            continue
        for code in query["expect"]:
            assert code in codes or code.removeprefix("dept:") in shipped.departments, (query["q"], code)


def test_plain_queries_in_the_browser(page, site_url, shipped):
    answers = answers_of(shipped)
    top, reciprocal, misses, outside_wrong = 0, [], [], []
    judged = [q for q in PLAIN if q["expect"] != OUTSIDE]
    for query in PLAIN:
        hits = open_finder(page, site_url, query["q"])
        outside = page.evaluate("document.getElementById('finder').dataset.outside") == "true"
        if query["expect"] == OUTSIDE:
            if not outside:
                outside_wrong.append(f"{query['q']}: 应答清单之外 / should be outside the list, got "
                                     f"{[h['path'] for h in hits[:3]]}")
            continue
        expected = set(query["expect"])
        rank = next((i + 1 for i, h in enumerate(hits) if answers.get(h["path"], set()) & expected), None)
        reciprocal.append(1 / rank if rank else 0.0)
        if rank and rank <= TOP:
            top += 1
        else:
            misses.append(f"{query['q']} ({query['kind']}): rank {rank}, first {[h['path'] for h in hits[:3]]}")
        if outside:
            outside_wrong.append(f"{query['q']}: 不应答清单之外 / wrongly outside the list")
    share = top / len(judged)
    mrr = sum(reciprocal) / len(reciprocal)
    print(f"\nplain queries: {len(judged)} judged, top-{TOP} {top} ({share:.1%}), MRR {mrr:.3f}; "
          f"outside the list: {sum(q['expect'] == OUTSIDE for q in PLAIN)} queries")
    print("\n".join(misses))
    assert share >= 0.95, "\n".join(misses)
    assert not outside_wrong, "\n".join(outside_wrong)


def test_outside_answer_says_what_the_list_means(page, site_url, shipped):
    open_finder(page, site_url, "我想开个花店")
    box = page.locator("#finder-outside")
    assert box.is_visible()
    text = box.inner_text()
    assert "市场准入负面清单以外的行业、领域、业务等，各类经营主体皆可依法平等进入" in text
    assert "营业执照" in text and "备案" in text
    phone = next(c.phone for c in shipped.office.contacts if c.phone)
    assert phone in text
    assert page.locator("#finder-outside-query").inner_text() == "我想开个花店"
    # the query without its intent words is offered, as a link
    suggestions = page.locator("#finder-suggestions a").all_inner_texts()
    assert "花店" in suggestions
    # a query the list knows shows no such answer
    open_finder(page, site_url, "网吧")
    assert not page.locator("#finder-outside").is_visible()


def test_typo_is_corrected_and_said(page, site_url):
    hits = open_finder(page, site_url, "网巴")
    # A matching 一件事 is listed first (开网吧), the permit itself first among the rest.
    assert hits[0]["path"] == "bundles/internet-cafe/"
    assert [h["path"] for h in hits if h["type"] != "bundle"][0] == "items/218002/"
    assert "已按“网吧”查询" in page.locator("#finder-count").inner_text()


def test_old_code_is_labelled_with_its_successor(page, site_url):
    hits = open_finder(page, site_url, "218007")
    assert hits[0]["path"] == "items/218007/"
    note = page.locator("#finder-results li").first.locator(".qd-result__note a")
    assert note.inner_text().startswith("已调整为 206007")
    assert note.get_attribute("href").endswith("items/206007/")
    hits = open_finder(page, site_url, "215001")
    assert any(h["path"] == "items/215001/" and h["note"] == "已于 2025 年版移出清单" for h in hits)


UNDERSTANDING_STRINGS = [
    "網吧", "藥店 歌廳", "ＫＴＶ", "卡拉ＯＫ", "我想开个饭店", "卖烟要什么证", "开诊所怎么办理", "食品经营",
    "我想开个花店", "想开一家奶茶店", "开", "我要", "要要要", "　全角空格　", "ß İ ﬁ", "𠀋𪚥开", "开𠀋",
    "醫療機構", "申请排污证", "", "开开开开饭店的", "怎么怎么",
]


def test_python_and_javascript_understand_queries_alike(page, site_url, shipped):
    files, records = bundle.build(shipped)
    import json

    raw = json.loads(files[f"{bundle.INDEX_DIR}/records.json"])
    t2s = dict(zip(raw["t2s"][0], raw["t2s"][1], strict=True))
    assert raw["intent"] == list(INTENT_WORDS)
    assert t2s["網"] == "网" and t2s["藥"] == "药"
    strings = UNDERSTANDING_STRINGS + [r.title for r in records] + raw["vocab"]
    page.goto(find_url(site_url))
    page.wait_for_function("window.qingdanFinder && window.qingdanFinder.ready")
    js = page.evaluate("([xs, t2s, intent]) => xs.map(s => [qingdanFinder.fold(s, t2s),"
                       " qingdanFinder.forms(qingdanFinder.fold(s, t2s), intent)])",
                       [strings, t2s, list(INTENT_WORDS)])
    for text, (js_fold, js_forms) in zip(strings, js, strict=True):
        assert js_fold == fold(text, t2s), text
        assert js_forms == forms(fold(text, t2s)), text
    # by hand, from how people type
    assert fold("網吧ＫＴＶ", t2s) == "网吧ktv"
    assert forms("我想开个饭店") == ["我想开个饭店", "开个饭店", "饭店"]
    assert forms("卖烟要什么证") == ["卖烟要什么证", "卖烟", "烟"]


# --- the vocabulary as content ------------------------------------------------------------

def test_base_vocabulary_covers_every_item(shipped):
    codes = {c for e in shipped.editions.values() for c in e.items}
    assert codes <= set(shipped.words_of_item), codes - set(shipped.words_of_item)
    permits = [c for c in codes if c.startswith("2")]
    assert sum(len(shipped.words_of_item[c]) for c in permits) / len(permits) >= 5
    for code in codes:  # everyday words, not the item's own name
        item = shipped.item_in_any_edition(code)
        assert not any(word == item.name for word in shipped.words_of_item[code]), code


def _copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def test_county_word_pointing_nowhere_is_an_error(tmp_path):
    content = _copy_content(tmp_path)
    (content / "vocabulary" / "county.yaml").write_text(
        "vocabulary:\n  scope: county\n  items:\n    \"299999\": [不存在的事]\n  departments:\n    nosuch: [某局]\n",
        encoding="utf-8")
    graph, problems = check(content, ROOT / "site_config", TEST_DATE)
    errors = [p for p in problems if p.is_error]
    assert graph is None
    assert [(p.path.endswith("vocabulary/county.yaml"), p.line) for p in errors] == [(True, 4), (True, 6)]
    assert "299999" in errors[0].message_zh and "nosuch" in errors[1].message_zh


def test_base_entry_for_an_item_the_county_lacks_is_unused(tmp_path):
    content = _copy_content(tmp_path)
    (content / "vocabulary" / "other.yaml").write_text(
        "vocabulary:\n  scope: base\n  items:\n    \"299999\": [别的县才有的事]\n", encoding="utf-8")
    graph, problems = check(content, ROOT / "site_config", TEST_DATE)
    assert graph is not None
    assert not [p for p in problems if "vocabulary" in p.path]


def test_one_word_for_unrelated_items_is_a_warning(tmp_path):
    content = _copy_content(tmp_path)
    # 网吧 (文化、体育和娱乐业, wglj) and 农药 (农、林、牧、渔业, nyncj) have nothing in common.
    (content / "vocabulary" / "county.yaml").write_text(
        "vocabulary:\n  scope: county\n  items:\n    \"201004\": [网咖]\n", encoding="utf-8")
    graph, problems = check(content, ROOT / "site_config", TEST_DATE)
    assert graph is not None
    warnings = [p for p in problems if "vocabulary" in p.path]
    assert len(warnings) == 1 and not warnings[0].is_error
    assert "网咖" in warnings[0].message_zh and "218002" in warnings[0].message_zh


def test_everyday_words_take_one_line_of_yaml(tmp_path, page):
    """A clerk adds a word in one line; the built site finds the item by it."""
    from tests.conftest import build, serve

    content = _copy_content(tmp_path)
    (content / "vocabulary" / "county.yaml").write_text(
        "vocabulary:\n  scope: county\n  items:\n    \"218002\": [电竞网咖]\n", encoding="utf-8")
    site = build(tmp_path / "site", content=content)
    url, stop = serve(site)
    try:
        page.goto(find_url(url, "电竞网咖"))
        page.wait_for_function(DONE, arg="电竞网咖")
        hits = page.evaluate("qingdanFinder.current()")
        assert hits[0]["path"] == "items/218002/"
    finally:
        stop()


@pytest.mark.parametrize("q", ["食品经营许可", "市场监管局"])
def test_official_names_are_read_as_typed(page, site_url, q):
    open_finder(page, site_url, q)
    assert page.locator("#finder-count").inner_text().startswith("找到")
    assert "按“" not in page.locator("#finder-count").inner_text()
