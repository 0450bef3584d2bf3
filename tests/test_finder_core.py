"""The finder's pure parts (site_config/docs/assets/finder-core.js) run under node, without a page.

Every expected value is written by hand from the rules as the README states them (the ranking
levels of "## Search", bigram terms, intent words stripped one at a time), not computed by the
module or by its Python mirror. The browser tests check that the page uses this same module.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

CORE = ROOT / "site_config" / "docs" / "assets" / "finder-core.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

# A record as finder.js prepares it: normalised codes, title, everyday words and their readings,
# measure texts, pinyin initials, facet value numbers.
RECORD = {
    "codesN": ["100004"], "titleN": "禁止违规开展金融相关经营活动", "wordsN": ["放贷", "打鱼"],
    "wordPinyin": ["fangdai"], "textsN": ["不得使用典当等字样"], "initials": "jzwgkzjrxgjyhd",
    "facets": [[0], [3]],
}


def run(expression: str):
    """Evaluate `expression` with `core` (the module) and `record` bound; its JSON value."""
    script = (f"const core = require({json.dumps(str(CORE))}); const record = {json.dumps(RECORD)};\n"
              f"process.stdout.write(JSON.stringify({expression}));")
    done = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_normalise_folds_width_and_case():
    assert run('core.normalise("ＡＢＣ餐饮　KTV")') == "abc餐饮 ktv"


def test_terms_are_han_bigrams_and_latin_runs():
    assert run('core.terms("食品经营许可")') == ["食品", "品经", "经营", "营许", "许可"]
    assert run('core.terms("食")') == ["食"]
    assert run('core.terms("KTV 卡拉OK")') == ["ktv", "卡拉", "ok"]
    assert run('core.queryTerms("经营经营")') == ["经营", "营经"]


def test_fold_maps_traditional_characters_with_the_table_it_is_given():
    assert run('core.fold("網吧", {"網": "网"})') == "网吧"
    assert run('core.fold("ＷＡＮＧ網", {"網": "网"})') == "wang网"


def test_forms_strip_one_intent_word_at_a_time_longest_first():
    assert run('core.forms("我想开个饭店", ["我想", "开", "个"])') == ["我想开个饭店", "开个饭店", "个饭店", "饭店"]
    assert run('core.forms("饭店", ["我想", "开"])') == ["饭店"]
    # A word is never stripped down to nothing: 开 alone stays a form of its own.
    assert run('core.forms("开", ["开"])') == ["开"]


@pytest.mark.parametrize(("part", "letters", "score"), [
    ("100004", False, 100),          # exact code
    ("禁止违规开展金融相关经营活动", False, 100),  # exact name
    ("放贷", False, 100),            # exact everyday word
    ("fangdai", True, 100),          # the reading of an everyday word
    ("1000", False, 80),             # code prefix
    ("禁止违规", False, 70),          # the name's start
    ("金融", False, 60),             # inside the name
    ("打", False, 60),               # an everyday word's start
    ("典当", False, 30),             # measure text
    ("jzwg", True, 25),              # pinyin initials
    ("旅馆", False, 0),              # nothing
])
def test_the_score_levels_of_the_written_ranking_rule(part, letters, score):
    assert run(f"core.structuredScore(record, {json.dumps(part)}, {json.dumps(letters)}, null, false)") == score


def test_facet_values_score_10_and_exact_only_parts_score_only_exactly():
    assert run('core.structuredScore(record, "住宿", false, [{0: true}, {}], false)') == 10
    assert run('core.structuredScore(record, "金融", false, null, true)') == 0
    assert run('core.structuredScore(record, "100004", false, null, true)') == 100


def test_a_part_holding_an_everyday_word_scores_50():
    assert run('core.containsWord(record, "出海打鱼")') == 50
    assert run('core.containsWord(record, "打鱼")') == 0  # the word itself is an exact match, not this


def test_edit_distance_and_one_character_difference():
    assert run('core.editDistance("网巴", "网吧")') == 1
    assert run('core.editDistance("烟花爆足", "烟花爆竹")') == 1
    assert run('core.editDistance("", "abc")') == 3
    assert run('core.editDistance("药店", "饭店")') == 1
    assert run('core.differsByOne("网巴", "开网吧店", 1)') is True
    assert run('core.differsByOne("网吧", "开网吧店", 1)') is False


def test_the_finder_page_loads_the_core_before_the_finder(shipped_site):
    html = (shipped_site / "find" / "index.html").read_text(encoding="utf-8")
    assert html.index("assets/finder-core.js") < html.index("assets/finder.js")
    core = CORE.read_text(encoding="utf-8")
    assert "document" not in core and "window" not in core and "http" not in core
